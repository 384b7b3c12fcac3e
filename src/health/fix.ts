// "Fix selected…" in the Health Check Report: the selected findings as bulk plan targets, each with
// its own suggested contact (the plan re-reads every contact: the inventory may be old). Findings
// without a suggestion (the partner has to choose) are returned apart, never dropped unnoticed.
// Plain Node: no vscode import.
import type { PlanTarget } from '../bulk/plan';
import type { Finding } from './rules';

export interface FixTargets {
  /** One per finding with a suggested contact, in the order given. */
  targets: PlanTarget[];
  /** The findings with no suggested contact: they need a contact chosen by hand. */
  needsChoice: Finding[];
}

export function fixTargets(findings: readonly Finding[]): FixTargets {
  const targets: PlanTarget[] = [];
  const needsChoice: Finding[] = [];
  for (const f of findings) {
    if (!f.target) { needsChoice.push(f); continue; }
    // No `knownContact`: the plan reads each contact again rather than trusting the stored inventory.
    targets.push({
      customerId: f.customerId, customerName: f.customerName, subscriptionId: f.subscriptionId,
      reseller: { id: f.target.supportTenantId, mpnId: f.target.supportMpnId },
    });
  }
  return { targets, needsChoice };
}

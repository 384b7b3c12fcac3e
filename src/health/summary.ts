// Totals and findings of an inventory under the rules (what the status bar, the notification and
// the report show). Plain Node: no vscode import.

import * as l10n from '@vscode/l10n';
import type { InventoryCustomer, InventoryReseller, InventorySubscription, ProviderIdentity } from './inventory';
import { RuleContext, evaluate, ruleIds, type Finding, type RuleId } from './rules';

export interface SubscriptionRef { customer: InventoryCustomer; subscription: InventorySubscription }

export interface HealthSummary {
  customers: number;
  /** Customers whose subscription list could not be read. */
  customersUnreadable: number;
  subscriptions: number;
  /** Legacy, active subscriptions whose contact was read and checked under the rules. */
  checked: number;
  /** Checked with no (enabled) finding. */
  healthy: number;
  /** New Commerce: the API cannot set their support contact; never findings. */
  nce: SubscriptionRef[];
  /** Legacy but not active (suspended, deleted, …): not checked. */
  notActive: number;
  /** Legacy, active, but the contact could not be read. */
  unreadable: number;
  findings: Finding[];
  byRule: Record<RuleId, number>;
  /** Checked subscriptions per contact (reseller name, the provider, or "none"), most first. */
  byContact: Array<{ label: string; tenantId?: string; count: number }>;
}

export interface InventoryView {
  /** The customers (a stored inventory's map, or a list). */
  customers: ReadonlyMap<string, InventoryCustomer> | Iterable<InventoryCustomer>;
  resellers: readonly InventoryReseller[];
  provider?: ProviderIdentity;
}

export function summarize(inventory: InventoryView, disabled: ReadonlySet<RuleId> = new Set()): HealthSummary {
  const ctx = new RuleContext(inventory.resellers, inventory.provider);
  const byRule = Object.fromEntries(ruleIds.map((id) => [id, 0])) as Record<RuleId, number>;
  const contacts = new Map<string, { label: string; tenantId?: string; count: number }>();
  const s: HealthSummary = {
    customers: 0, customersUnreadable: 0, subscriptions: 0, checked: 0, healthy: 0, nce: [], notActive: 0, unreadable: 0, findings: [], byRule, byContact: [],
  };
  const none = l10n.t('No support contact');
  const all = inventory.customers instanceof Map ? inventory.customers.values() : inventory.customers as Iterable<InventoryCustomer>;
  for (const customer of all) {
    s.customers++;
    if (customer.error !== undefined) s.customersUnreadable++;
    for (const sub of customer.subscriptions) {
      s.subscriptions++;
      if (sub.nce) { s.nce.push({ customer, subscription: sub }); continue; }
      if (sub.status !== 'active') { s.notActive++; continue; }
      if (sub.contact === undefined) { s.unreadable++; continue; }
      s.checked++;
      const key = sub.contact ? sub.contact.supportTenantId.toLowerCase() : '';
      let slot = contacts.get(key);
      if (!slot) {
        const label = sub.contact ? (ctx.resellerByTenant(sub.contact.supportTenantId)?.name ?? (sub.contact.name || sub.contact.supportTenantId)) : none;
        slot = { label, ...(sub.contact ? { tenantId: sub.contact.supportTenantId } : {}), count: 0 };
        contacts.set(key, slot);
      }
      slot.count++;
      const finding = evaluate(customer, sub, ctx, disabled);
      if (finding) { s.findings.push(finding); byRule[finding.rule]++; } else s.healthy++;
    }
  }
  s.byContact = [...contacts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return s;
}

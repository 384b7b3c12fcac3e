// What the Health Check Report's page is sent: the summary of the stored inventory (src/health) as
// text rows and chart bars. Service text goes through plainText (one line, no bidi override or
// control character); the page adds it with textContent only. Plain Node: no vscode import.
import * as l10n from '@vscode/l10n';
import { describeContact } from '../partnerCenter';
import { plainText } from '../partnerCenter/safeText';
import { ruleIds, ruleTitle, type Finding, type RuleId } from '../health/rules';
import type { HealthSummary } from '../health/summary';
import type { FindingRow, ReportHeader, ReportInitMessage } from './shared/healthProtocol';

/** The key a finding row is selected by (also the Reassignment plan's subscription key). */
export const findingKey = (customerId: string, subscriptionId: string): string => `${customerId}/${subscriptionId}`.toLowerCase();

/** The current contact's reseller as a group label. */
function resellerLabel(f: Finding): string {
  const c = f.evidence.contact;
  if (!c) return l10n.t('No support contact');
  return plainText(f.evidence.contactReseller?.name ?? (c.name || c.supportTenantId));
}

export function findingRow(f: Finding, i: number): FindingRow {
  return {
    i, key: findingKey(f.customerId, f.subscriptionId), rule: f.rule, ruleTitle: ruleTitle(f.rule),
    customerId: f.customerId, customer: plainText(f.customerName), subscriptionId: f.subscriptionId, subscription: plainText(f.subscriptionName),
    current: describeContact(f.evidence.contact), reseller: resellerLabel(f), sentence: f.sentence,
    suggestion: f.target ? describeContact(f.target) : f.fix, fixable: f.target !== undefined, read: f.read,
  };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The rows in the table's default order (customer, then subscription), so the page's first render
 * sorts an ordered list (the sort is adaptive: close to one comparison per row) within its budget.
 */
function inTableOrder(findings: readonly Finding[]): Finding[] {
  const keyed = findings.map((f) => ({ f, customer: plainText(f.customerName), subscription: plainText(f.subscriptionName) }));
  keyed.sort((a, b) => collator.compare(a.customer, b.customer) || a.f.customerId.localeCompare(b.f.customerId) || collator.compare(a.subscription, b.subscription));
  return keyed.map((k) => k.f);
}

export function reportSnapshot(s: HealthSummary, header: ReportHeader, disabled: ReadonlySet<RuleId>): ReportInitMessage {
  return {
    type: 'init',
    header: { ...header, account: plainText(header.account) },
    totals: {
      customers: s.customers, subscriptions: s.subscriptions, checked: s.checked, healthy: s.healthy, findings: s.findings.length,
      nce: s.nce.length, notActive: s.notActive, unreadable: s.unreadable, customersUnreadable: s.customersUnreadable,
    },
    byContact: s.byContact.map((c) => ({ label: plainText(c.label), count: c.count })),
    byRule: ruleIds.filter((id) => !disabled.has(id)).map((id) => ({ id, label: ruleTitle(id), count: s.byRule[id] })),
    rows: inTableOrder(s.findings).map(findingRow),
  };
}

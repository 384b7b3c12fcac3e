// Exports of the health check: the findings (with their evidence and suggested contact) and the whole
// inventory (one line per subscription with its contact and when it was read), as CSV (through the
// bulk CSV writer and its formula guard) or JSON. Plain Node: no vscode import.
import { toCsv } from '../bulk/csv';
import type { SupportContact } from '../partnerCenter';
import type { InventoryCustomer } from './inventory';
import { ruleTitle, type Finding } from './rules';

const contactCells = (c: SupportContact | null | undefined): string[] => (c ? [c.name, c.supportMpnId, c.supportTenantId] : ['', '', '']);
const contactJson = (c: SupportContact | null | undefined) => (c ? { name: c.name, mpnId: c.supportMpnId, tenantId: c.supportTenantId } : c);

export function findingsCsv(findings: readonly Finding[], options: { bom?: boolean } = {}): string {
  const header = ['Customer', 'Customer ID', 'Subscription', 'Subscription ID', 'Rule', 'Rule ID', 'Finding',
    'Support contact', 'Support contact MPN ID', 'Support contact tenant ID', 'Partner of record MPN ID', "Customer's reseller MPN ID",
    'Suggested contact', 'Suggested contact MPN ID', 'Suggested contact tenant ID', 'Suggested fix', 'Read'];
  return toCsv([header, ...findings.map((f) => [
    f.customerName, f.customerId, f.subscriptionName, f.subscriptionId, ruleTitle(f.rule), f.rule, f.sentence,
    ...contactCells(f.evidence.contact), f.evidence.partnerOfRecord?.mpnId, f.evidence.customersReseller?.mpnId,
    ...contactCells(f.target), f.fix, f.read,
  ])], options);
}

export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(findings.map((f) => ({
    customerId: f.customerId, customer: f.customerName, subscriptionId: f.subscriptionId, subscription: f.subscriptionName,
    rule: f.rule, finding: f.sentence, contact: contactJson(f.evidence.contact),
    partnerOfRecordMpnId: f.evidence.partnerOfRecord?.mpnId, customersResellerMpnId: f.evidence.customersReseller?.mpnId,
    suggested: contactJson(f.target) ?? null, fix: f.fix, read: f.read,
  })), null, 2)}\n`;
}

export function inventoryCsv(customers: Iterable<InventoryCustomer>, options: { bom?: boolean } = {}): string {
  const header = ['Customer', 'Customer ID', 'Domain', "Customer's reseller MPN ID", 'Subscription', 'Subscription ID', 'Offer ID', 'Status', 'NCE',
    'Partner of record MPN ID', 'Support contact', 'Support contact MPN ID', 'Support contact tenant ID', 'Contact read', 'Error', 'Read'];
  const rows: unknown[][] = [header];
  for (const c of customers) {
    if (c.subscriptions.length === 0) rows.push([c.name, c.id, c.domain, c.associatedPartnerId, '', '', '', '', '', '', '', '', '', '', c.error, c.read]);
    for (const s of c.subscriptions) {
      rows.push([c.name, c.id, c.domain, c.associatedPartnerId, s.name, s.id, s.offerId, s.status, s.nce ? 'yes' : 'no', s.partnerId,
        ...contactCells(s.contact), s.contact === undefined ? 'no' : 'yes', s.error ?? c.error, c.read]);
    }
  }
  return toCsv(rows, options);
}

export function inventoryJson(customers: Iterable<InventoryCustomer>): string {
  return `${JSON.stringify([...customers], null, 2)}\n`;
}

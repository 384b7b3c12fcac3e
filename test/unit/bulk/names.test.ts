// Issue 17's names fix in bulk and History: a customer without a company name is its domain, a
// change recorded without names is its ids; "undefined" is never printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPlan, planCsv, targetsForReseller } from '../../../src/bulk';
import { groupHistory, historyRowView } from '../../../src/history/historyTree';
import type { ChangeLogEntry } from '../../../src/history/changeLog';
import type { Customer, PartnerCenterClient, Subscription, SupportContact } from '../../../src/partnerCenter';

const reseller = { id: '11111111-0000-4000-8000-000000000001', name: 'Contoso', state: 'Active', active: true, mpnId: '111' };
const other = { id: '22222222-0000-4000-8000-000000000002', name: 'Wingtip', state: 'Active', active: true, mpnId: '222' };
const supportedBy = (r: typeof reseller): SupportContact => ({ supportTenantId: r.id, supportMpnId: r.mpnId, name: r.name });
const fabrikam: Customer = { id: 'cccccccc-0000-4000-8000-000000000001', companyProfile: { domain: 'fabrikam.onmicrosoft.com' } };
const sub: Subscription = { id: 'aaaaaaaa-0000-4000-8000-000000000001', offerId: 'OFFER', friendlyName: 'Office 365 E1', status: 'active' };

/** A reseller scan's calls: one customer (no company name) with one subscription supported by the reseller. */
const client = {
  async *searchCustomers() { yield { items: [fabrikam], totalCount: 1 }; },
  listSubscriptions: () => Promise.resolve([sub]),
  getSupportContact: () => Promise.resolve(supportedBy(reseller)),
  listIndirectResellers: () => Promise.resolve([reseller, other]),
} as unknown as PartnerCenterClient;

test('a reseller\'s customer without a company name is its domain in the bulk plan and its CSV, never "undefined"', async () => {
  const targets = await targetsForReseller(client, reseller);
  assert.deepEqual(targets.map((t) => t.customerName), ['fabrikam.onmicrosoft.com']);
  const plan = await createPlan(client, targets, other);
  assert.equal(plan.items[0].action, 'change');
  assert.equal(plan.items[0].customerName, 'fabrikam.onmicrosoft.com', 'the preview, report and History entry take this name');
  const csv = planCsv(plan);
  assert.match(csv, /fabrikam\.onmicrosoft\.com/);
  assert.doesNotMatch(csv, /undefined/);
});

test('a History entry recorded without names (Undo of an old entry) is labelled by its ids, never "undefined"', () => {
  const entry: ChangeLogEntry = {
    time: '2026-11-25T12:00:00.000Z', account: 'admin@partner.example', customerId: fabrikam.id, subscriptionId: sub.id,
    old: supportedBy(reseller), new: supportedBy(other), requestId: 'r1', outcome: 'changed', source: 'undo',
  };
  const [day] = groupHistory([entry]);
  const row = historyRowView(day.children[0], new Date('2026-11-25T18:00:00.000Z'));
  assert.equal(row.label, `${sub.id} — ${fabrikam.id}`);
  for (const text of [row.label, row.description, row.tooltip ?? '', row.accessibilityLabel]) assert.doesNotMatch(text, /undefined/);
});

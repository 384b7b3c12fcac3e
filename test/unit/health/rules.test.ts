// The findings rules as a partner reads them: which rule holds, the sentence with the names, the
// suggested fix, a rule switched off, and NCE never a finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuleContext, evaluate, isRuleId, ruleIds, rules } from '../../../src/health/rules';
import { summarize } from '../../../src/health/summary';
import type { InventoryCustomer, InventoryReseller, InventorySubscription } from '../../../src/health/inventory';

const wingtip: InventoryReseller = { id: 'AAAAAAAA-1111-4111-8111-111111111111', name: 'Wingtip Toys', mpnId: '1111111', state: 'Active', active: true };
const tailspin: InventoryReseller = { id: 'bbbbbbbb-2222-4222-8222-222222222222', name: 'Tailspin Toys', mpnId: '2222222', state: 'Active', active: true };
const coho: InventoryReseller = { id: 'cccccccc-3333-4333-8333-333333333333', name: 'Coho Winery', mpnId: '3333333', state: 'Inactive', active: false };
const provider = { tenantId: 'dddddddd-4444-4444-8444-444444444444', name: 'Contoso Distribution' };
const ctx = new RuleContext([wingtip, tailspin, coho], provider);
const contact = (r: { id: string; mpnId: string; name: string }) => ({ supportTenantId: r.id.toLowerCase(), supportMpnId: r.mpnId, name: r.name });

function customer(subs: Partial<InventorySubscription>[], associatedPartnerId?: string): InventoryCustomer {
  return {
    id: '0e0e0e0e-5555-4555-8555-555555555555', name: 'Fabrikam', read: '2026-12-01T10:00:00Z', ...(associatedPartnerId ? { associatedPartnerId } : {}),
    subscriptions: subs.map((s, i) => ({ id: `1f1f1f1f-0000-4000-8000-00000000000${i}`, name: `Sub ${i}`, offerId: 'x', status: 'active', nce: false, ...s })),
  };
}
const only = (c: InventoryCustomer, disabled?: Set<never>) => evaluate(c, c.subscriptions[0], ctx, disabled);

test('points at Wingtip Toys, sold by Tailspin Toys: "not the partner of record", fixed to Tailspin', () => {
  const c = customer([{ partnerId: tailspin.mpnId, contact: contact(wingtip) }], tailspin.mpnId);
  const f = only(c);
  assert.equal(f?.rule, 'notPartnerOfRecord');
  assert.equal(f?.sentence, 'Points at Wingtip Toys, sold by Tailspin Toys.');
  assert.deepEqual(f?.target, { supportTenantId: tailspin.id, supportMpnId: tailspin.mpnId, name: 'Tailspin Toys' });
  assert.match(f?.fix ?? '', /Tailspin Toys \(MPN ID 2222222\)/);
  assert.equal(f?.evidence.partnerOfRecord?.reseller?.name, 'Tailspin Toys');
  assert.equal(f?.read, '2026-12-01T10:00:00Z');
});

test("no partner of record: compared with the customer's own reseller", () => {
  const f = only(customer([{ contact: contact(wingtip) }], tailspin.mpnId));
  assert.equal(f?.rule, 'notCustomersReseller');
  assert.equal(f?.sentence, "Points at Wingtip Toys; the customer's reseller is Tailspin Toys.");
  assert.equal(f?.target?.name, 'Tailspin Toys');
  assert.equal(only(customer([{ contact: contact(tailspin) }], tailspin.mpnId)), undefined, 'the right reseller is no finding');
  assert.equal(only(customer([{ contact: contact(wingtip) }])), undefined, 'no partner of record and no reseller: nothing to compare');
});

test('an ended relationship, a tenant not in the list, the provider itself, no contact', () => {
  const ended = only(customer([{ partnerId: tailspin.mpnId, contact: contact(coho) }]));
  assert.equal(ended?.rule, 'resellerNotActive');
  assert.equal(ended?.sentence, 'Points at Coho Winery, whose reseller relationship is Inactive.');
  assert.equal(ended?.target?.name, 'Tailspin Toys');
  const stranger = only(customer([{ contact: { supportTenantId: '9e9e9e9e-0000-4000-8000-000000000000', supportMpnId: '9000001', name: 'Former Reseller Ltd' } }]));
  assert.equal(stranger?.rule, 'resellerNotInList');
  assert.match(stranger?.sentence ?? '', /Former Reseller Ltd .*not in your list/);
  assert.equal(stranger?.target, undefined, 'no partner of record: the partner chooses');
  assert.match(stranger?.fix ?? '', /Choose the reseller/);
  const self = only(customer([{ partnerId: wingtip.mpnId, contact: { supportTenantId: provider.tenantId.toUpperCase(), supportMpnId: '4000001', name: 'Contoso Distribution' } }]));
  assert.equal(self?.rule, 'noDesignatedReseller');
  assert.match(self?.sentence ?? '', /indirect provider itself/);
  assert.equal(self?.target?.name, 'Wingtip Toys');
  assert.equal(only(customer([{ partnerId: wingtip.mpnId, contact: null }]))?.rule, 'noDesignatedReseller');
});

test('the partner of record whose relationship ended: no target, the fix says so', () => {
  const f = only(customer([{ partnerId: coho.mpnId, contact: contact(wingtip) }]));
  assert.equal(f?.rule, 'notPartnerOfRecord');
  assert.equal(f?.target, undefined);
  assert.match(f?.fix ?? '', /Coho Winery is no longer an active reseller/);
});

test('a rule switched off: the next rule that holds applies, or none', () => {
  const c = customer([{ partnerId: tailspin.mpnId, contact: contact(coho) }]);
  assert.equal(evaluate(c, c.subscriptions[0], ctx, new Set(['resellerNotActive']))?.rule, 'notPartnerOfRecord');
  assert.equal(evaluate(c, c.subscriptions[0], ctx, new Set(['resellerNotActive', 'notPartnerOfRecord'])), undefined);
  assert.ok(isRuleId('notPartnerOfRecord') && !isRuleId('nce') && !isRuleId(3));
  assert.equal(new Set(ruleIds).size, rules.length);
  for (const r of rules) assert.ok(r.title().length > 3, r.id);
});

test('NCE, inactive and unread subscriptions are never findings; NCE is counted and listed', () => {
  const c = customer([
    { nce: true, offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971' },
    { status: 'suspended', partnerId: tailspin.mpnId, contact: contact(wingtip) },
    { partnerId: tailspin.mpnId, error: 'Partner Center is unavailable' },
    { partnerId: tailspin.mpnId, contact: contact(wingtip) },
    { partnerId: tailspin.mpnId, contact: contact(tailspin) },
  ], tailspin.mpnId);
  for (const s of c.subscriptions.slice(0, 3)) assert.equal(evaluate(c, s, ctx), undefined, s.name);
  const sum = summarize({ customers: [c], resellers: [wingtip, tailspin, coho], provider });
  assert.equal(sum.nce.length, 1);
  assert.equal(sum.nce[0].subscription.name, 'Sub 0');
  assert.deepEqual([sum.subscriptions, sum.notActive, sum.unreadable, sum.checked, sum.healthy, sum.findings.length], [5, 1, 1, 2, 1, 1]);
  assert.equal(sum.byRule.notPartnerOfRecord, 1);
  assert.deepEqual(sum.byContact.map((x) => [x.label, x.count]), [['Tailspin Toys', 1], ['Wingtip Toys', 1]]);
  assert.equal(summarize({ customers: [c], resellers: [wingtip, tailspin, coho], provider }, new Set(['notPartnerOfRecord'])).findings.length, 0);
});

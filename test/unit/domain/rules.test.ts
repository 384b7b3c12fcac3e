// The drift fixes of issue 17: one rule each for names, contact equality and what can be changed,
// the same wherever it is asked (tree, palette, bulk, editor, client).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PartnerCenterClient, changeBlocker, customerName, describeContact, notEditableReason, sameContact, subscriptionName, type Customer, type Subscription,
} from '../../../src/partnerCenter';
import { createPlan } from '../../../src/bulk';
import { toEditorData } from '../../../src/webview/loader';
import { resellerCustomerView, resellerSubscriptionView } from '../../../src/tree/resellerNodes';
import { subscriptionView } from '../../../src/tree/nodes';

const legacy = (over: Partial<Subscription>): Subscription => ({
  id: 'aaaaaaaa-0000-0000-0000-000000000001', offerId: '91fd106f-4b2c-4938-95ac-f54f74e9a239', friendlyName: 'Office 365 E1', status: 'active', ...over,
});
const reseller = { id: '11111111-0000-0000-0000-000000000001', name: 'Contoso', state: 'Active', active: true, mpnId: '111' };

test('a pending subscription cannot be changed: the tree, the palette and the bulk preview agree', async () => {
  const pending = legacy({ status: 'pending', rawStatus: 'pending' });
  assert.equal(changeBlocker(pending), 'notActive');
  assert.equal(subscriptionView('c', pending).contextValue, 'subscription.inactive', 'the tree offers no Edit on it');
  assert.match(notEditableReason(pending) ?? '', /pending: only active subscriptions/, 'the palette lists it with the reason');
  const client = { listIndirectResellers: () => Promise.resolve([reseller]) } as unknown as PartnerCenterClient;
  const plan = await createPlan(client, [{ customerId: 'cccccccc-0000-0000-0000-000000000001', subscription: pending, knownContact: null }], reseller);
  assert.equal(plan.items[0].action, 'skip');
  assert.equal(plan.items[0].reason, 'notActive');
  assert.equal(plan.items[0].reasonText, notEditableReason(pending), 'bulk says it in the same words');
  assert.equal(changeBlocker(legacy({ status: 'unknown', rawStatus: 'migrating' })), 'notActive', 'a status we do not know is not sent either');
  assert.equal(changeBlocker(legacy({})), undefined);
});

test('a customer without a company name is called by its domain everywhere (never "undefined")', () => {
  const c: Customer = { id: 'cccccccc-0000-0000-0000-000000000001', companyProfile: { domain: 'fabrikam.onmicrosoft.com' } };
  assert.equal(customerName(c), 'fabrikam.onmicrosoft.com');
  assert.equal(resellerCustomerView(reseller, c).label, 'fabrikam.onmicrosoft.com');
  const data = toEditorData(c, legacy({}), null, []);
  assert.equal(data.customer.companyName, 'fabrikam.onmicrosoft.com', 'the editor names it like the tree');
  assert.equal(customerName({ id: 'x', companyProfile: { companyName: '  ' } }), 'x');
});

test('a subscription name that is only spaces falls back to the offer name, then the id, everywhere', () => {
  const s = legacy({ friendlyName: '   ', offerName: 'Office 365 E3' });
  assert.equal(subscriptionName(s), 'Office 365 E3');
  assert.equal(subscriptionView('c', s).label, 'Office 365 E3');
  assert.equal(toEditorData({ id: 'c', companyProfile: {} }, s, null, []).subscription.name, 'Office 365 E3');
});

test('two contacts are the same when tenant id (any case) and MPN id match, whatever name they carry', () => {
  const a = { supportTenantId: '11111111-AAAA-0000-0000-000000000001', supportMpnId: '111', name: 'Contoso' };
  assert.ok(sameContact(a, { ...a, supportTenantId: a.supportTenantId.toLowerCase() }));
  assert.ok(!sameContact(a, { ...a, supportMpnId: '112' }));
  assert.ok(sameContact(a, { ...a, name: 'Contoso Ltd' }), 'the editor used to call this a conflict while bulk and Undo did not');
  assert.ok(sameContact(null, null));
  assert.ok(!sameContact(a, null));
});

test('the indirect provider as the contact reads "you (the indirect provider)", never "no support contact"', () => {
  const provider = { supportTenantId: '22222222-0000-0000-0000-000000000002', supportMpnId: '4391507', name: 'Wingtip CSP', indirectProvider: true as const };
  assert.equal(describeContact(provider), 'you (the indirect provider), Wingtip CSP (MPN ID 4391507)');
  assert.equal(describeContact(null), 'no support contact');
  const c: Customer = { id: 'cccccccc-0000-0000-0000-000000000001', companyProfile: { companyName: 'Fabrikam' } };
  const scanned = resellerCustomerView(reseller, c, { supported: 0, legacy: 3, total: 4, provider: 2 });
  assert.equal(scanned.description, '0 of 4 subscriptions supported by Contoso · 2 default to you (the indirect provider)');
  assert.equal(resellerCustomerView(reseller, c, { supported: 1, legacy: 1, total: 1, provider: 0 }).description, '1 of 1 subscription supported by Contoso', 'none defaulting: not mentioned');
  assert.match(resellerSubscriptionView(reseller, c.id, legacy({}), { supportTenantId: reseller.id, supportMpnId: '111', name: 'Contoso' }).tooltip ?? '', /Support contact: Contoso \(MPN ID 111\)/);
});

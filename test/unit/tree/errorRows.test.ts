// Both trees build their error rows with one builder. The Indirect Resellers view's Retry names the
// row that failed (its refresh forgets by node, it parses no id), and no row carries a made-up reseller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PartnerCenterError, type ResellerRelationship } from '../../../src/partnerCenter';
import { ContextValues } from '../../../src/tree/ids';
import { errorView, rowError } from '../../../src/tree/nodes';
import { resellerErrorView, resellerView, type ResellerNode } from '../../../src/tree/resellerNodes';

const reseller: ResellerRelationship = { id: 'RRRR-1', name: 'Wingtip', state: 'Active', active: true, mpnId: '4391507' };
const resellerRow: ResellerNode = { kind: 'reseller', reseller, view: resellerView(reseller) };
const unavailable = rowError(new PartnerCenterError('service', 'Partner Center had a problem (503)', { status: 503 }));

test('an Indirect Resellers error row reads like the Customers one and retries the row that failed', () => {
  const resellers = resellerErrorView(resellerRow, unavailable);
  const customers = errorView('subs:x', 'customers', unavailable, ['subscriptions', 'x']);
  assert.equal(resellers.label, "Couldn't load customers — Retry");
  assert.equal(resellers.label, customers.label);
  assert.equal(resellers.description, customers.description, 'the same sentence in both trees');
  assert.equal(resellers.tooltip, customers.tooltip);
  assert.deepEqual(resellers.icon, customers.icon);
  assert.equal(resellers.contextValue, ContextValues.resellerError);
  assert.equal(resellers.command?.command, 'partnerCenter.refreshResellers');
  assert.equal(resellers.command?.arguments?.[0], resellerRow, 'Retry refreshes that row, not an id to parse');
  assert.equal(customers.command?.command, 'partnerCenter.retryNode');
});

test('what failed is named: the resellers at the root, the subscriptions under a customer', () => {
  const root = resellerErrorView(undefined, unavailable);
  assert.equal(root.label, "Couldn't load indirect resellers — Retry");
  assert.deepEqual(root.command?.arguments, [], 'the root Retry refreshes the whole view');
  const customerRow: ResellerNode = { kind: 'customer', reseller, customer: { id: 'C', companyProfile: { companyName: 'Fabrikam' } }, view: resellerView(reseller) };
  assert.equal(resellerErrorView(customerRow, unavailable).label, "Couldn't load subscriptions — Retry");
  assert.notEqual(resellerErrorView(customerRow, unavailable).id, root.id);
});

test('an Indirect Resellers load refused for the sign-in offers Sign In, like the Customers tree', () => {
  const refused = rowError(new PartnerCenterError('auth', 'Not signed in or the sign-in has expired (401)', { status: 401 }));
  const v = resellerErrorView(undefined, refused);
  assert.equal(v.label, "Couldn't load indirect resellers — Sign In");
  assert.equal(v.command?.command, 'partnerCenter.signIn');
  assert.deepEqual(v.command?.arguments, [{ reauthenticate: true }]);
});

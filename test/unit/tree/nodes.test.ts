import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PartnerCenterError, parseSignInRequest, type Customer, type Subscription } from '../../../src/partnerCenter';
import { contactView, customerView, errorView, notEditableReason, rootRows, rowError, subscriptionView } from '../../../src/tree/nodes';

const customer = (i: number, name = `Customer ${i}`): Customer => ({
  id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  companyProfile: { companyName: name, domain: `c${i}.onmicrosoft.com`, tenantId: `10000000-0000-0000-0000-${String(i).padStart(12, '0')}` },
});
const sub = (over: Partial<Subscription>): Subscription => ({
  id: 'AAAAAAAA-0000-0000-0000-000000000001', offerId: '91fd106f-4b2c-4938-95ac-f54f74e9a239', friendlyName: 'Office 365 E1', quantity: 5, status: 'active', ...over,
});

test('a customer row: company name, domain as description, ids in the tooltip', () => {
  const v = customerView(customer(1, '<b>Fabrikam</b> & Sons'));
  assert.equal(v.label, '<b>Fabrikam</b> & Sons');
  assert.equal(v.description, 'c1.onmicrosoft.com');
  assert.match(v.tooltip ?? '', /Customer ID: 00000000-0000-0000-0000-000000000001/);
  assert.match(v.tooltip ?? '', /Tenant ID: 10000000/);
  assert.equal(v.contextValue, 'customer');
  assert.equal(v.collapsible, 'collapsed');
});

test('a legacy active subscription is editable; its id is stable across casing', () => {
  const v = subscriptionView('ABC', sub({}));
  assert.equal(v.contextValue, 'subscription.legacy');
  assert.equal(v.id, 'subscription:abc/aaaaaaaa-0000-0000-0000-000000000001');
  assert.equal(v.description, '×5');
  assert.equal(notEditableReason(sub({})), undefined);
});

test('NCE subscriptions say NCE, explain why, cannot be edited and have no contact child', () => {
  for (const s of [sub({ offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971' }), sub({ productType: { id: 'OnlineServicesNCE' } })]) {
    const v = subscriptionView('c', s);
    assert.match(v.description ?? '', /^NCE/);
    assert.match(v.tooltip ?? '', /cannot be changed via the Partner Center API/);
    assert.equal(v.contextValue, 'subscription.nce');
    assert.equal(v.collapsible, 'none');
    assert.match(v.accessibilityLabel ?? '', /New Commerce/);
  }
});

test('inactive subscriptions show their status and are not editable', () => {
  const v = subscriptionView('c', sub({ status: 'suspended' }));
  assert.equal(v.contextValue, 'subscription.inactive');
  assert.match(v.description ?? '', /suspended/);
  assert.match(notEditableReason(sub({ status: 'deleted' })) ?? '', /deleted/);
});

test('an unknown status from the service is shown as sent, never crashes', () => {
  const v = subscriptionView('c', sub({ status: 'unknown', rawStatus: 'migrating' }));
  assert.match(v.description ?? '', /migrating/);
  // Only an active subscription can change its contact (ARCHITECTURE.md, "Domain rules").
  assert.equal(v.contextValue, 'subscription.inactive');
});

test('support contact rows: name and MPN id, or "No support contact"', () => {
  const v = contactView('p', { supportTenantId: 't', supportMpnId: '4391507', name: 'Wingtip Toys' });
  assert.equal(v.label, 'Wingtip Toys');
  assert.equal(v.description, 'MPN ID 4391507');
  assert.equal(contactView('p', null).label, 'No support contact');
});

test('the indirect provider as the contact (no reseller designated) is "You (the indirect provider)", not "none"', () => {
  const v = contactView('p', { supportTenantId: 't', supportMpnId: '4012345', name: 'Contoso Distribution', indirectProvider: true });
  assert.equal(v.label, 'You (the indirect provider)');
  assert.equal(v.description, 'Contoso Distribution · MPN ID 4012345');
  assert.match(v.tooltip ?? '', /No indirect reseller is designated/);
  assert.match(v.contextValue, /^contact/); // still offers the reassign menu
});

test('a support contact read that finds the subscription gone (404/20003) offers Refresh, not Retry', () => {
  const gone = new PartnerCenterError('notFound', 'Not found (404)', { status: 404, code: 20003, description: 'Subscription with id x not found.' });
  const v = errorView('contact:c/s', 'the support contact', rowError(gone), ['contact', 'c/s'], ['subscriptions', 'c']);
  assert.equal(v.label, "Couldn't load the support contact — Refresh");
  assert.match(v.description ?? '', /no longer exists/);
  assert.deepEqual(v.command?.arguments, ['subscriptions', 'c']);
  const other = errorView('contact:c/s', 'the support contact', rowError(new PartnerCenterError('service', 'x', { status: 503 })), ['contact', 'c/s'], ['subscriptions', 'c']);
  assert.equal(other.label, "Couldn't load the support contact — Retry");
});

test('paging: a page with more to come ends with "Load more…"; the last page does not', () => {
  const page = Array.from({ length: 3 }, (_, i) => customer(i));
  const more = rootRows(page, { hasMore: true });
  assert.deepEqual(more.map((r) => r.contextValue), ['customer', 'customer', 'customer', 'loadMore']);
  assert.equal(more[3].label, 'Load more…');
  assert.equal(more[3].description, '3 loaded');
  assert.equal(rootRows(page, { hasMore: false }).at(-1)?.contextValue, 'customer');
});

test('search results start with "Clear search"; no match says so', () => {
  const rows = rootRows([customer(1)], { hasMore: false, search: 'cus' });
  assert.equal(rows[0].label, 'Clear search');
  assert.match(rows[0].description ?? '', /"cus" · 1 found/);
  const none = rootRows([], { hasMore: false, search: 'zz' });
  assert.match(none[1].label, /No customer name or domain starts with "zz"/);
});

test('error rows offer Retry with what to retry', () => {
  const v = errorView('subs:x', 'subscriptions', rowError(new PartnerCenterError('service', 'Partner Center had a problem (503)', { status: 503 })), ['subscriptions', 'x']);
  assert.equal(v.label, "Couldn't load subscriptions — Retry");
  assert.equal(v.command?.command, 'partnerCenter.retryNode');
  assert.deepEqual(v.command?.arguments, ['subscriptions', 'x']);
  assert.match(v.description ?? '', /Retry in a moment/);
});

test('error rows whose retry cannot help offer Sign In instead, a new sign-in when the token was refused', () => {
  const refused = errorView('customers', 'customers', rowError(new PartnerCenterError('auth', 'Not signed in or the sign-in has expired (401)', { status: 401 })), ['root']);
  assert.equal(refused.label, "Couldn't load customers — Sign In");
  assert.equal(refused.command?.command, 'partnerCenter.signIn');
  assert.deepEqual(refused.command?.arguments, [{ reauthenticate: true }]);
  assert.match(refused.tooltip ?? '', /sign in again/i);
  // Signed out (no answer from the service): a plain sign-in, the cached one is fine.
  const signedOut = errorView('customers', 'customers', rowError(new PartnerCenterError('auth', 'You are not signed in to Partner Center.')), ['root']);
  assert.deepEqual(signedOut.command?.arguments, [{}]);
  // An MFA challenge: the sign-in must carry the service's claims, or VS Code hands back the same session.
  const claims = '{"access_token":{"amr":{"essential":true,"values":["mfa"]}}}';
  const mfa = errorView('customers', 'customers', rowError(new PartnerCenterError('mfaRequired', 'Multi-factor authentication is required', { status: 401, claims })), ['root']);
  assert.deepEqual(mfa.command?.arguments, [{ claims }]);
  // Anything else than a PartnerCenterError keeps Retry.
  assert.equal(errorView('x', 'x', rowError(new Error('boom')), ['root']).command?.command, 'partnerCenter.retryNode');
});

test('partnerCenter.signIn takes only a well-formed request from its callers', () => {
  assert.deepEqual(parseSignInRequest({ reauthenticate: true }), { reauthenticate: true });
  assert.deepEqual(parseSignInRequest({ claims: '{"access_token":{}}' }), { claims: '{"access_token":{}}' });
  for (const junk of [undefined, null, 'reauthenticate', { reauthenticate: 'yes' }, { reauthenticate: 1 }, [true], { id: 'customer:1' },
    { claims: 'not json' }, { claims: '[1]' }, { claims: 42 }, { claims: `{"a":"${'x'.repeat(5000)}"}` }]) {
    assert.deepEqual(parseSignInRequest(junk), {});
  }
});

// Every client operation against the real emulator, and validation that keeps invalid input off the wire.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator, SeedCustomer } from '../../emulator/index';
import { isNce, isPartnerCenterError, sameId, type Customer, type Subscription } from '../../../src/partnerCenter';
import { clientFor, start } from './emulatorHarness';

let emulator: RunningEmulator;
let customers: SeedCustomer[];
before(async () => { emulator = await start(); customers = await emulator.admin.seed(); });
after(async () => { await emulator.close(); });

test('lists all customers page by page and gets one', async () => {
  const client = clientFor(emulator);
  const ids = new Set<string>();
  let pages = 0;
  for await (const page of client.listCustomers({ pageSize: 50 }, { correlationId: 'list-1' })) {
    pages++;
    for (const c of page.items) ids.add(c.id.toLowerCase());
  }
  assert.equal(pages, 4);
  assert.equal(ids.size, 200);
  const log = await emulator.admin.requests();
  assert.ok(log.every((r) => r.correlationId === 'list-1' && r.locale === 'en-US'));
  const first = await client.getCustomer(customers[0].id);
  assert.ok(sameId(first.id, customers[0].id));
  assert.equal(first.companyProfile.companyName, customers[0].companyName);
});

test('searches customers server-side by name and by reseller', async () => {
  const client = clientFor(emulator);
  const found: Customer[] = [];
  for await (const page of client.searchCustomers(customers[0].companyName.slice(0, 6).toUpperCase(), 'CompanyName', { pageSize: 10 })) found.push(...page.items);
  assert.ok(found.some((c) => sameId(c.id, customers[0].id)));
  assert.ok(found.every((c) => (c.companyProfile.companyName ?? '').toLowerCase().startsWith(customers[0].companyName.slice(0, 6).toLowerCase())));
  const resellers = await client.listCustomerResellers(customers[0].id);
  assert.ok(resellers.length >= 1);
  const served: Customer[] = [];
  for await (const page of client.searchCustomers(resellers[0].id, 'IndirectReseller')) served.push(...page.items);
  assert.ok(served.some((c) => sameId(c.id, customers[0].id)));
  assert.throws(() => client.searchCustomers('not-a-guid', 'IndirectReseller'), { kind: 'validation' });
});

test('subscriptions, support contacts, resellers (cached with refresh)', async () => {
  await emulator.admin.reset();
  const client = clientFor(emulator);
  const c0 = customers[0];
  const subs = await client.listSubscriptions(c0.id);
  assert.equal(subs.length, c0.subscriptions.length);
  const one = await client.getSubscription(c0.id, c0.subscriptions[0].id);
  assert.equal(one.status, 'active');
  assert.equal(subs.filter(isNce).length, c0.subscriptions.filter((s) => s.nce).length);
  const withContact = await client.getSupportContact(c0.id, c0.subscriptions[0].id);
  assert.ok(withContact && withContact.name.length > 0);
  // No reseller designated: the service names the indirect provider itself, and the client says so.
  const provider = await client.getSupportContact(c0.id, c0.subscriptions[1].id);
  assert.equal(provider?.indirectProvider, true);
  assert.ok(sameId(provider.supportTenantId, emulator.partnerTenantId));
  assert.equal(withContact.indirectProvider, undefined);
  // A subscription that is gone is an error to explain (404/20003), not "no support contact".
  const gone = await client.getSupportContact(c0.id, '11111111-2222-4333-8444-555555555555').then(() => undefined, (err: unknown) => err);
  assert.ok(isPartnerCenterError(gone) && gone.kind === 'notFound' && gone.code === 20003, String(gone));

  const resellers = await client.listIndirectResellers();
  const before = (await emulator.admin.requests()).length;
  await client.listIndirectResellers();
  assert.equal((await emulator.admin.requests()).length, before, 'second call is served from the cache');
  await client.listIndirectResellers({}, { refresh: true });
  assert.equal((await emulator.admin.requests()).length, before + 1);

  const target = resellers.find((r) => r.active && !sameId(r.id, withContact.supportTenantId));
  assert.ok(target);
  const updated = await client.updateSupportContact(c0.id, c0.subscriptions[1].id, { supportTenantId: target.id.toLowerCase(), supportMpnId: target.mpnId });
  assert.equal(updated?.name, target.name);
  const stored = (await emulator.admin.state()).supportContacts[`${c0.id.toLowerCase()}/${c0.subscriptions[1].id.toLowerCase()}`];
  assert.deepEqual(stored, { supportTenantId: target.id, supportMpnId: target.mpnId, name: target.name });
});

test('a 2xx answer to the PUT with no body or with {} is "accepted, stored contact unknown" (undefined), never an empty contact', async () => {
  await emulator.admin.reset();
  const client = clientFor(emulator);
  const [c0] = await emulator.admin.seed();
  const sub = c0.subscriptions[1];
  const targets = (await client.listIndirectResellers()).filter((r) => r.active).slice(0, 2);
  for (const [fault, target] of [['acceptedEmpty', targets[0]], ['acceptedEmptyObject', targets[1]]] as const) {
    await emulator.admin.setFaults({ [fault]: 1, pathPattern: '/supportcontact$' });
    const answer = await client.updateSupportContact(c0.id, sub.id, { supportTenantId: target.id, supportMpnId: target.mpnId });
    assert.equal(answer, undefined, `${fault}: ${JSON.stringify(answer)}`);
    // It was accepted (and applied): only the answer did not say so.
    const stored = (await emulator.admin.state()).supportContacts[`${c0.id.toLowerCase()}/${sub.id.toLowerCase()}`];
    assert.deepEqual(stored, { supportTenantId: target.id, supportMpnId: target.mpnId, name: target.name });
  }
  await emulator.admin.setFaults({});
});

test('invalid updates never reach the wire', async () => {
  await emulator.admin.reset();
  const client = clientFor(emulator);
  const c0 = customers[0];
  const resellers = await client.listIndirectResellers();
  const active = resellers.find((r) => r.active);
  const inactive = resellers.find((r) => !r.active);
  assert.ok(active && inactive);
  const subs = await client.listSubscriptions(c0.id);
  const nce = subs.find(isNce) as Subscription;
  const suspended = subs.find((s) => s.status === 'suspended') as Subscription;
  const legacy = c0.subscriptions[1].id;
  const attempts: [Promise<unknown>, string][] = [
    [client.updateSupportContact('nope', legacy, { supportTenantId: active.id }), 'validation'],
    [client.updateSupportContact(c0.id, `${legacy}/../x`, { supportTenantId: active.id }), 'validation'],
    [client.updateSupportContact(c0.id, legacy, { supportTenantId: 'nope' }), 'validation'],
    [client.updateSupportContact(c0.id, legacy, { supportTenantId: active.id, supportMpnId: '12ab' }), 'validation'],
    [client.updateSupportContact(c0.id, legacy, { supportTenantId: active.id, supportMpnId: '1' }), 'validation'],
    [client.updateSupportContact(c0.id, legacy, { supportTenantId: inactive.id }), 'validation'],
    [client.updateSupportContact(c0.id, legacy, { supportTenantId: '11111111-2222-4333-8444-555555555555' }), 'validation'],
    [client.updateSupportContact(c0.id, nce.id, { supportTenantId: active.id }, {}, { knownSubscription: nce }), 'nce'],
    [client.updateSupportContact(c0.id, nce.id, { supportTenantId: active.id }), 'nce'],
    [client.updateSupportContact(c0.id, suspended.id, { supportTenantId: active.id }), 'validation'],
  ];
  for (const [pending, kind] of attempts) await assert.rejects(pending, { kind });
  const puts = (await emulator.admin.requests()).filter((r) => r.method === 'PUT');
  assert.equal(puts.length, 0);
});

// The editor's host-side load: independent requests in parallel, the reseller list cached, NCE and
// errors turned into data the page shows; and the client's onRetryWait that the page uses for 429s.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator, SeedCustomer } from '../../emulator/index';
import { PartnerCenterError, type Customer, type ResellerRelationship, type Subscription, type SupportContact } from '../../../src/partnerCenter';
import { fieldErrors, matchingReseller, sameContact } from '../../../src/webview/shared/contactRules';
import { loadEditorData, toErrorView, type EditorDataSource } from '../../../src/webview/loader';
import { clientFor, start } from '../client/emulatorHarness';

const LATENCY_MS = 150;
let emulator: RunningEmulator;
let customers: SeedCustomer[];
before(async () => { emulator = await start({ latencyMs: LATENCY_MS }); customers = await emulator.admin.seed(); });
after(async () => { await emulator.close(); });

function pick(predicate: (s: SeedCustomer['subscriptions'][number]) => boolean) {
  for (const c of customers) for (const s of c.subscriptions) if (predicate(s)) return { customerId: c.id, subscriptionId: s.id, sub: s, customer: c };
  throw new Error('no such subscription in the seed');
}

test('starts all four requests before any of them answers (fake source)', async () => {
  const started: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  const wait = async <T>(name: string, value: T): Promise<T> => { started.push(name); await gate; return value; };
  const source: EditorDataSource = {
    getCustomer: (id) => wait('customer', { id, companyProfile: { companyName: '<b>Fabrikam</b> & Sons', domain: 'f.example' } } as Customer),
    getSubscription: (_c, id) => wait('subscription', { id, offerId: '796B6B5F-613C-4E24-A17C-EBA730D49C02', friendlyName: 'E3', status: 'active' } as Subscription),
    getSupportContact: () => wait<SupportContact | null>('contact', null),
    listIndirectResellers: () => wait<ResellerRelationship[]>('resellers', [{ id: 'r', name: 'R', state: 'Active', active: true, mpnId: '1' }]),
  };
  const loading = loadEditorData(source, { customerId: 'c', subscriptionId: 's' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started.sort(), ['contact', 'customer', 'resellers', 'subscription']);
  release();
  const data = await loading;
  assert.equal(data.customer.companyName, '<b>Fabrikam</b> & Sons', 'data stays data: the page escapes by using textContent');
  assert.equal(data.subscription.nce, false);
  assert.equal(data.contact, null);
});

// That the four reads run in parallel is proven by the fake-source test above, and the time an open
// takes by `npm run bench` (editor-open, in round trips): a wall-clock assertion here failed whenever
// other tests shared the CPU.
test('against the emulator: four reads, and the reseller list comes from the cache on the second open', async () => {
  await emulator.admin.reset();
  const t = pick((s) => !s.nce && s.status === 'active' && s.supportContact !== null);
  const client = clientFor(emulator);
  const first = await loadEditorData(client, t);
  const second = await loadEditorData(client, t);
  const log = await emulator.admin.requests();
  assert.equal(log.filter((r) => r.path.includes('/relationships')).length, 1, 'the reseller list is fetched once');
  assert.equal(log.length, 7);
  assert.ok(first.contact && second.contact && sameContact(first.contact, second.contact));
  assert.ok(first.resellers.length >= 10);
  assert.equal(first.subscription.name, t.sub.friendlyName);
  assert.equal(first.customer.companyName, t.customer.companyName);
});

test('an NCE subscription loads (its contact request answers "not supported") and is flagged', async () => {
  const t = pick((s) => s.nce);
  const data = await loadEditorData(clientFor(emulator), t);
  assert.equal(data.subscription.nce, true);
  assert.equal(data.contact, null);
});

test('an unknown subscription fails the load with a plain message and the ids', async () => {
  const t = pick((s) => !s.nce);
  const err = await loadEditorData(clientFor(emulator), { customerId: t.customerId, subscriptionId: '00000000-0000-4000-8000-000000000000' }).catch((e: unknown) => e);
  assert.ok(err instanceof PartnerCenterError && err.kind === 'notFound');
  const view = toErrorView(err);
  assert.equal(view.status, 404);
  assert.ok(view.requestId && view.correlationId && view.message.length > 10);
  assert.ok(!/bearer|eyJ/i.test(view.details));
});

test('onRetryWait tells the caller about a 429 wait, then the call succeeds', async () => {
  await emulator.admin.reset();
  const t = pick((s) => !s.nce && s.status === 'active');
  await emulator.admin.setFaults({ throttle: 1, retryAfterSeconds: 1, pathPattern: '/supportcontact$' });
  const waits: { seconds: number; reason: string }[] = [];
  const client = clientFor(emulator);
  const before = await emulator.admin.lastSeq();
  await client.getSupportContact(t.customerId, t.subscriptionId, { onRetryWait: (w) => waits.push(w) });
  assert.deepEqual(waits, [{ seconds: 1, reason: 'throttled' }]);
  // Only this call's requests: an earlier test's reads may still land after the reset.
  const log = (await emulator.admin.requests(before)).filter((r) => r.path.toLowerCase().includes(t.subscriptionId.toLowerCase()));
  // Without a designated reseller the service names the indirect provider: 200 either way.
  assert.deepEqual(log.map((r) => r.status), [429, 200]);
});

test('contact rules: field errors, and a match needs tenant, MPN and name of an Active reseller', () => {
  const resellers = [
    { id: 'AAAAAAAA-0000-4000-8000-000000000001', name: '<i>Bellows</i> & Co', mpnId: '111', active: true },
    { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Inactive Ltd', mpnId: '222', active: false },
  ];
  assert.deepEqual(fieldErrors({ supportTenantId: 'nope', supportMpnId: '12a', name: '' }).tenantId.length > 0, true);
  const ok = { supportTenantId: 'aaaaaaaa-0000-4000-8000-000000000001', supportMpnId: '111', name: '<i>bellows</i> & co' };
  assert.deepEqual(fieldErrors(ok), { tenantId: '', mpnId: '', name: '' });
  assert.equal(matchingReseller(ok, resellers)?.mpnId, '111');
  assert.equal(matchingReseller({ ...ok, supportMpnId: '112' }, resellers), undefined);
  assert.equal(matchingReseller({ ...ok, name: 'Other' }, resellers), undefined);
  assert.equal(matchingReseller({ supportTenantId: resellers[1].id, supportMpnId: '222', name: 'Inactive Ltd' }, resellers), undefined);
});

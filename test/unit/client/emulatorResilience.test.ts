// Error kinds, retries, Retry-After, cancellation, BOM and proxy against the real emulator.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaultSpec, RunningEmulator, SeedCustomer } from '../../emulator/index';
import { createDispatcher, details, toUserMessage, type PartnerCenterError, type RequestLogEntry } from '../../../src/partnerCenter';
import { clientFor, start, staticToken } from './emulatorHarness';
import { startForwardProxy } from './forwardProxy';

let emulator: RunningEmulator;
let customers: SeedCustomer[];
before(async () => { emulator = await start(); customers = await emulator.admin.seed(); });
after(async () => { await emulator.close(); });
beforeEach(async () => { await emulator.admin.reset(); });

const failure = (p: Promise<unknown>): Promise<PartnerCenterError> => p.then(() => assert.fail('expected a failure'), (e: PartnerCenterError) => e);

test('each error kind comes back typed, with ids and without the token', async () => {
  const c0 = customers[0];
  // One attempt each. Only the hang needs a short per-attempt timeout; the others get a long one, so
  // a slow answer on a busy machine is never mistaken for a timeout.
  const one = (kind: string) => ({ retry: { maxAttempts: 1, attemptTimeoutMs: kind === 'timeout' ? 300 : 15_000 } });
  const kinds: [string, FaultSpec | null, (c: ReturnType<typeof clientFor>) => Promise<unknown>][] = [
    ['forbidden', null, (c) => c.getCustomer('11111111-2222-4333-8444-555555555555')], // 403/20002
    ['notFound', null, (c) => c.getSupportContact(c0.id, '11111111-2222-4333-8444-555555555555')], // 404/20003
    ['nce', null, (c) => c.getSupportContact(c0.id, c0.subscriptions[2].id)],
    ['mfaRequired', { mfaChallenge: 1 }, (c) => c.getCustomer(c0.id)],
    ['mfaRequired', { mfaRequired: 1 }, (c) => c.getCustomer(c0.id)],
    ['mfaRequired', { mfaRequiredLegacy: 1 }, (c) => c.getCustomer(c0.id)],
    ['throttled', { throttle: 1, retryAfterSeconds: 1 }, (c) => c.getCustomer(c0.id)],
    ['service', { status: 503, next: 1 }, (c) => c.getCustomer(c0.id)],
    ['network', { reset: 1 }, (c) => c.getCustomer(c0.id)],
    ['timeout', { hang: 1 }, (c) => c.getCustomer(c0.id)],
  ];
  for (const [kind, faults, run] of kinds) {
    if (faults) await emulator.admin.setFaults(faults); else await emulator.admin.clearFaults();
    const err = await failure(run(clientFor(emulator, one(kind))));
    assert.equal(err.kind, kind, `${kind}: ${err.message}`);
    assert.match(err.requestId ?? '', /^[0-9a-f-]{36}$/i, kind);
    assert.ok(!details(err).includes(staticToken) && !err.message.includes(staticToken));
  }
  await emulator.admin.clearFaults();
  const mfa = { claims: '' };
  await emulator.admin.setFaults({ mfaChallenge: 1 });
  mfa.claims = (await failure(clientFor(emulator, one('mfaRequired')).getCustomer(c0.id))).claims ?? '';
  assert.match(mfa.claims, /mfa/);

  const auth = await failure(clientFor(emulator, { getToken: async () => 'not-a-token' }).getCustomer(c0.id));
  assert.equal(auth.kind, 'auth');
  const app = (await emulator.admin.mint({ kind: 'app' })).access_token;
  const forbidden = await failure(clientFor(emulator, { getToken: async () => app }).getSupportContact(c0.id, c0.subscriptions[0].id));
  assert.equal(forbidden.kind, 'forbidden');
  assert.ok(!details(forbidden).includes(app));

  const client = clientFor(emulator);
  const target = (await client.listIndirectResellers()).find((r) => r.active);
  assert.ok(target);
  const suspended = (await client.listSubscriptions(c0.id)).find((s) => s.status === 'suspended');
  assert.ok(suspended);
  const conflict = await failure(client.updateSupportContact(c0.id, suspended.id, { supportTenantId: target.id }, {}, { knownSubscription: { ...suspended, status: 'active' } }));
  assert.equal(conflict.kind, 'validation');
  assert.equal(conflict.status, 400);
  assert.equal(conflict.code, 800091); // "Cannot update a subscription with suspended status"
  assert.match(toUserMessage(conflict), /suspended/);
});

test('an expired token is refreshed once and the call succeeds', async () => {
  await emulator.admin.setFaults({ tokenExpired: 1 });
  const asked: boolean[] = [];
  const client = clientFor(emulator, { getToken: async (_s, o) => { asked.push(o?.forceRefresh === true); return staticToken; } });
  await client.getCustomer(customers[0].id);
  assert.deepEqual(asked, [false, true]);
});

test('retried PUT keeps its MS-RequestId and is applied once', async () => {
  const c0 = customers[0];
  const client = clientFor(emulator);
  const target = (await client.listIndirectResellers()).find((r) => r.active);
  assert.ok(target);
  await emulator.admin.setFaults({ status: 503, next: 2, pathPattern: 'supportcontact' });
  const logs: RequestLogEntry[] = [];
  const c = clientFor(emulator, { logger: (e) => logs.push(e) });
  await c.updateSupportContact(c0.id, c0.subscriptions[1].id, { supportTenantId: target.id });
  const puts = (await emulator.admin.requests()).filter((r) => r.method === 'PUT');
  assert.equal(puts.length, 3);
  assert.equal(new Set(puts.map((p) => p.requestId)).size, 1);
  assert.equal(puts.filter((p) => p.applied === true).length, 1);
  assert.deepEqual(logs.filter((l) => l.method === 'PUT').map((l) => l.attempt), [1, 2, 3]);
  assert.ok(!JSON.stringify(logs).includes(staticToken));
  const stored = (await emulator.admin.state()).supportContacts[`${c0.id.toLowerCase()}/${c0.subscriptions[1].id.toLowerCase()}`];
  assert.equal(stored?.supportTenantId, target.id);
});

test('429 Retry-After is honoured (measured on the emulator)', async () => {
  await emulator.admin.setFaults({ throttle: 1, retryAfterSeconds: 1 });
  await clientFor(emulator).getCustomer(customers[0].id);
  const log = await emulator.admin.requests();
  assert.deepEqual(log.map((r) => r.status), [429, 200]);
  assert.equal(log[0].requestId, log[1].requestId);
  const gap = Date.parse(log[1].time) - Date.parse(log[0].time);
  assert.ok(gap >= 990, `gap ${gap} ms`);
});

test('cancelling during a backoff ends quickly with cancelled', async () => {
  await emulator.admin.setFaults({ status: 500, next: 100 });
  const controller = new AbortController();
  const client = clientFor(emulator, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, deadlineMs: 120_000, random: () => 1 } });
  const started = Date.now();
  const pending = client.getCustomer(customers[0].id, { signal: controller.signal });
  setTimeout(() => controller.abort(), 200);
  const err = await failure(pending);
  assert.equal(err.kind, 'cancelled');
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`); // the backoff was 60 s
  assert.equal((await emulator.admin.requests()).length, 1);
});

test('JSON with a byte-order mark is read', async () => {
  const bom = await start({ bom: true, customers: 20 });
  try {
    const raw = Buffer.from(await (await fetch(`${bom.url}/v1/customers?size=5`, { headers: { authorization: `Bearer ${staticToken}` } })).arrayBuffer());
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    let count = 0;
    for await (const page of clientFor(bom).listCustomers({ pageSize: 7 })) count += page.items.length;
    assert.equal(count, 20);
  } finally { await bom.close(); }
});

test('calls go through an HTTP proxy, and NO_PROXY bypasses it', async () => {
  const proxy = await startForwardProxy();
  try {
    const via = createDispatcher(emulator.url, { proxy: proxy.url, env: {} });
    assert.ok((await clientFor(emulator, { dispatcher: via }).listIndirectResellers()).length > 0);
    assert.equal(proxy.seen.length, 1);
    await via.close();
    const bypass = createDispatcher(emulator.url, { env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } });
    await clientFor(emulator, { dispatcher: bypass }).getCustomer(customers[0].id);
    assert.equal(proxy.seen.length, 1);
    assert.equal((await emulator.admin.requests()).length, 2);
    await bypass.close();
  } finally { await proxy.close(); }
});

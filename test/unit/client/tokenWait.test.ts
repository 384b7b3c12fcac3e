// A token provider that never answers: the call ends at the token deadline or on Cancel with a clear
// message, nothing is sent, and the wait holds no limiter slot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TenantLimiter, toUserMessage, signInRequestFor, waitForToken, type PartnerCenterClient, type PartnerCenterClientOptions, type PartnerCenterError } from '../../../src/partnerCenter';
import { clientAt, json, startLocalServer } from './localServer';

const c1 = '0b4a2c3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const customer = { id: c1, companyProfile: { companyName: 'Contoso' } };

const failure = (p: Promise<unknown>): Promise<PartnerCenterError> => p.then(() => assert.fail('expected a failure'), (e: PartnerCenterError) => e);

/** A provider that never answers, and remembers the signal it was given. */
function hungProvider(): { get: (signal: AbortSignal | undefined) => Promise<string>; signals: (AbortSignal | undefined)[] } {
  const signals: (AbortSignal | undefined)[] = [];
  return { signals, get: (signal) => { signals.push(signal); return new Promise<string>(() => undefined); } };
}

const client = (url: string, extra: Partial<PartnerCenterClientOptions> = {}): PartnerCenterClient => clientAt(url, {
  limiter: new TenantLimiter({ ratePerMinute: 60_000, burst: 100, concurrency: 1 }), retry: { baseDelayMs: 1, maxDelayMs: 5, attemptTimeoutMs: 10_000 }, ...extra,
});

test('waitForToken: the deadline and Cancel end the wait, and the provider is told through its signal', async () => {
  const hung = hungProvider();
  const stalled = await failure(waitForToken((s) => hung.get(s), { deadlineMs: 100 }));
  assert.equal(stalled.kind, 'auth');
  assert.equal(stalled.signInStalled, true);
  assert.match(stalled.message, /did not hand out a Partner Center token within 0\.1 s, so nothing was sent\. Sign in again\./);
  assert.equal(hung.signals[0]?.aborted, true, 'the provider sees the deadline');

  const cancel = new AbortController();
  const pending = failure(waitForToken((s) => hung.get(s), { signal: cancel.signal, deadlineMs: 60_000 }));
  cancel.abort();
  assert.equal((await pending).kind, 'cancelled');
  assert.equal(hung.signals[1]?.aborted, true);
  assert.equal((await failure(waitForToken((s) => hung.get(s), { signal: cancel.signal }))).kind, 'cancelled', 'already cancelled: not even asked');
  assert.equal(hung.signals.length, 2);
  assert.equal(await waitForToken(async () => 'tok', { deadlineMs: 5_000 }), 'tok');
  await assert.rejects(waitForToken(() => { throw new Error('provider broke'); }), /provider broke/);
});

test('a hung token provider ends the call at the token deadline: clear message, Sign In next, nothing sent', async () => {
  const server = await startLocalServer((_req, res) => json(res, 200, customer));
  try {
    const hung = hungProvider();
    const err = await failure(client(server.url, { getToken: (s) => hung.get(s), tokenDeadlineMs: 300 }).getCustomer(c1));
    assert.equal(err.kind, 'auth');
    assert.match(toUserMessage(err), /did not hand out a Partner Center token within 0\.3 s.*Sign in again/);
    assert.deepEqual(signInRequestFor(err), {}, 'the notification offers Sign In');
    assert.equal(server.seen.length, 0);
    assert.equal(hung.signals.length, 1, 'not retried');
  } finally { await server.close(); }
});

test('Cancel ends the wait for a token', async () => {
  const server = await startLocalServer((_req, res) => json(res, 200, customer));
  try {
    const hung = hungProvider();
    const cancel = new AbortController();
    const pending = failure(client(server.url, { getToken: (s) => hung.get(s) }).getCustomer(c1, { signal: cancel.signal }));
    await new Promise((r) => setImmediate(r));
    cancel.abort();
    assert.equal((await pending).kind, 'cancelled');
    assert.equal(hung.signals[0]?.aborted, true);
    assert.equal(server.seen.length, 0);
  } finally { await server.close(); }
});

test('waiting for a token holds no limiter slot: another call of the tenant goes ahead', { timeout: 20_000 }, async () => {
  const server = await startLocalServer((_req, res) => json(res, 200, customer));
  try {
    const limiter = new TenantLimiter({ ratePerMinute: 60_000, burst: 100, concurrency: 1 });
    const hung = hungProvider();
    const cancel = new AbortController();
    // A deadline far beyond the test's timeout: only a wait outside the slot lets the other call through.
    const waiting = failure(client(server.url, { limiter, getToken: (s) => hung.get(s), tokenDeadlineMs: 3_600_000 }).getCustomer(c1, { signal: cancel.signal }));
    await new Promise((r) => setImmediate(r));
    const other = await client(server.url, { limiter }).getCustomer(c1); // the only slot is free
    assert.equal(other.id, c1);
    assert.equal(hung.signals.length, 1, 'the first call is still waiting for its token');
    cancel.abort();
    assert.equal((await waiting).kind, 'cancelled');
    assert.equal(server.seen.length, 1);
  } finally { await server.close(); }
});

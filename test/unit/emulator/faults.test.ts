// Injected faults: latency, 500/503 (next N and fraction), reset, hang, token expired, MFA, 429, path pattern.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { FaultInjector } from '../../emulator/faults';
import { Harness } from './emulatorHarness';

describe('emulator faults', () => {
  let h: Harness;
  before(async () => { h = await Harness.start({ customers: 10 }); });
  afterEach(() => h.admin.clearFaults());
  after(() => h.close());

  const statusOf = async (path = '/v1/customers?size=1') => (await h.api(path)).status;

  it('adds fixed latency plus jitter', async () => {
    await h.admin.setFaults({ latencyMs: 120, latencyJitterMs: 30 });
    const start = Date.now();
    assert.equal(await statusOf(), 200);
    const elapsed = Date.now() - start;
    assert.ok(elapsed >= 115, `elapsed ${elapsed}`); // the upper bound is arithmetic, checked on the clock-free latencyFor below
  });

  it('keeps the jitter within latency + jitter', () => {
    const faults = new FaultInjector(10, 5);
    faults.set({ latencyMs: 120, latencyJitterMs: 30 });
    const delays = Array.from({ length: 200 }, () => faults.latencyFor('/v1/customers'));
    assert.ok(delays.every((d) => d >= 130 && d <= 165), `delays from ${Math.min(...delays)} to ${Math.max(...delays)}`);
    assert.ok(new Set(delays).size > 1, 'no jitter at all');
  });

  it('answers 503 (default) or 500 for the next N requests', async () => {
    await h.admin.setFaults({ next: 2 });
    const first = await h.api('/v1/customers?size=1');
    assert.equal(first.status, 503);
    assert.deepEqual(first.json, { code: 'ServiceUnavailable', description: 'The service is temporarily unavailable. Please retry.', data: [], source: 'PartnerFD' });
    assert.equal(await statusOf(), 503);
    assert.equal(await statusOf(), 200);
    await h.admin.setFaults({ next: 1, status: 500 });
    const failed = await h.api('/v1/customers?size=1');
    assert.equal(failed.status, 500);
    assert.equal((failed.json as { code: number }).code, 800003);
  });

  it('answers a documented error (status, code and the table\'s text) for the next N matching requests', async () => {
    const [customer] = await h.admin.seed();
    const sub = customer.subscriptions[0];
    await h.admin.setFaults({ errorCode: 900123, errorNext: 2, pathPattern: '/supportcontact$' });
    assert.equal(await statusOf(), 200); // not matching the path
    for (let i = 0; i < 2; i++) {
      const r = await h.api(`/v1/customers/${customer.id}/subscriptions/${sub.id}/supportcontact`);
      assert.equal(r.status, 403);
      assert.deepEqual(r.json, { code: 900123, description: 'Microsoft Partner Agreement has not been accepted by the indirect reseller', data: [], source: 'PartnerFD' });
    }
    assert.equal((await h.api(`/v1/customers/${customer.id}/subscriptions/${sub.id}`)).status, 200);
    await h.admin.setFaults({ errorCode: 20003 });
    const gone = await h.api(`/v1/customers/${customer.id}/subscriptions/${sub.id}/supportcontact`);
    assert.equal(gone.status, 404);
    assert.equal((gone.json as { description: string }).description, `Subscription with id ${sub.id} not found.`);
    assert.equal(await statusOf(), 200); // errorNext defaults to 1
    for (const bad of [{ errorCode: 12345 }, { errorCode: '900123' }, { errorNext: 1 }]) {
      await assert.rejects(h.admin.call('POST', 'faults', bad), /400/, JSON.stringify(bad));
    }
  });

  it('fails a fraction of requests, evenly and deterministically', async () => {
    await h.admin.setFaults({ fraction: 0.5, status: 503 });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await statusOf());
    assert.equal(statuses.filter((s) => s === 503).length, 5);
    assert.equal(statuses.filter((s) => s === 200).length, 5);
  });

  it('resets the connection for the next N requests', async () => {
    await h.admin.setFaults({ reset: 1 });
    await assert.rejects(h.api('/v1/customers?size=1', { headers: { 'MS-RequestId': 'reset-1' } }));
    assert.equal(await statusOf(), 200);
    assert.equal((await h.admin.requests()).find((e) => e.requestId === 'reset-1')?.note, 'fault:reset');
  });

  it('hangs the next N requests (the client times out)', async () => {
    await h.admin.setFaults({ hang: 1 });
    await assert.rejects(fetch(`${h.emulator.url}/v1/customers?size=1`, {
      headers: { Authorization: 'Bearer static-test-token' }, signal: AbortSignal.timeout(200),
    }), /abort|timeout/i);
    assert.equal(await statusOf(), 200);
  });

  it('answers 401 "token expired" for the next N requests', async () => {
    await h.admin.setFaults({ tokenExpired: 1 });
    const response = await h.api('/v1/customers?size=1');
    assert.equal(response.status, 401);
    assert.match((response.json as { description: string }).description, /expired/);
    assert.equal(await statusOf(), 200);
  });

  it('answers an MFA claims challenge for the next N requests', async () => {
    await h.admin.setFaults({ mfaChallenge: 1 });
    const response = await h.api('/v1/customers?size=1');
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /error="insufficient_claims", claims="[A-Za-z0-9+/=]+"/);
    assert.equal(await statusOf(), 200);
  });

  it('answers MFA as it really arrives: a plain 401 with 900421, or 10001 "MFA required", no claims challenge', async () => {
    for (const [fault, code, text] of [['mfaRequired', 900421, /Multi-factor/], ['mfaRequiredLegacy', 10001, /^MFA required$/]] as const) {
      await h.admin.setFaults({ [fault]: 1 });
      const response = await h.api('/v1/customers?size=1');
      assert.equal(response.status, 401);
      const body = response.json as { code: number; description: string };
      assert.equal(body.code, code);
      assert.match(body.description, text);
      assert.doesNotMatch(response.headers.get('www-authenticate') ?? '', /claims=/);
      assert.equal(await statusOf(), 200);
    }
  });

  it('answers 429 with the configured Retry-After for the next N requests', async () => {
    await h.admin.setFaults({ throttle: 1, retryAfterSeconds: 7 });
    const response = await h.api('/v1/customers?size=1');
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.equal(await statusOf(), 200);
  });

  it('limits faults to paths matching pathPattern, and DELETE clears them', async () => {
    await h.admin.setFaults({ next: 5, pathPattern: '/subscriptions$' });
    const [customer] = await h.admin.seed();
    assert.equal(await statusOf(), 200);
    assert.equal(await statusOf(`/v1/customers/${customer.id}/subscriptions`), 503);
    assert.deepEqual(await h.admin.faults(), { next: 4, pathPattern: '/subscriptions$' });
    await h.admin.clearFaults();
    assert.equal(await statusOf(`/v1/customers/${customer.id}/subscriptions`), 200);
  });

  it('validates fault bodies', async () => {
    for (const body of [{ status: 404 }, { fraction: 2 }, { next: -1 }, { pathPattern: '(' }, { bogus: 1 }, [1]]) {
      const response = await fetch(`${h.emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal(response.status, 400, JSON.stringify(body));
      await response.arrayBuffer();
    }
  });

  it('runs auth before faults (a 401 does not consume a fault)', async () => {
    await h.admin.setFaults({ next: 1 });
    assert.equal((await h.api('/v1/customers?size=1', { token: null })).status, 401);
    assert.equal(await statusOf(), 503);
  });
});

describe('emulator fault ordering and shutdown', () => {
  it('throttles before faults: a 429 does not consume an injected fault', async () => {
    const h = await Harness.start({ customers: 5, throttlePerMinute: 60, throttleBurst: 1 });
    try {
      assert.equal((await h.api('/v1/customers?size=1')).status, 200); // empties the bucket
      await h.admin.setFaults({ next: 1 });
      assert.equal((await h.api('/v1/customers?size=1')).status, 429);
      assert.deepEqual(await h.admin.faults(), { next: 1 });
    } finally {
      await h.close();
    }
  });

  it('applies latency from the options (CLI --latency-ms)', async () => {
    const h = await Harness.start({ customers: 5, latencyMs: 80 });
    try {
      const start = Date.now();
      assert.equal((await h.api('/v1/customers?size=1')).status, 200);
      assert.ok(Date.now() - start >= 75);
    } finally {
      await h.close();
    }
  });

  it('close() finishes while a request hangs', async () => {
    const h = await Harness.start({ customers: 5 });
    await h.admin.setFaults({ hang: 5 });
    const pending = h.api('/v1/customers?size=1');
    pending.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The request hangs for ever: close() must end it rather than wait for it.
    const closed = await Promise.race([h.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open after 20 s'), 20_000).unref())]);
    assert.equal(closed, 'closed');
    await assert.rejects(pending);
  });
});

// Client behaviour against small scripted servers (headers, retries, waits, cancellation, paging).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogEntry } from '../../../src/partnerCenter';
import { clientAt, json, startLocalServer, token } from './localServer';

const c1 = '0b4a2c3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const customer = { id: c1, companyProfile: { companyName: 'Contoso' }, attributes: { objectType: 'Customer' } };

const client = clientAt;

test('every request carries the agreed headers; BOM and PascalCase are fine', async () => {
  const server = await startLocalServer((_req, res) => json(res, 200, { Id: c1, CompanyProfile: { CompanyName: 'Contoso' } }, {}, true));
  const logs: RequestLogEntry[] = [];
  try {
    // A generous attempt timeout: on a loaded machine the file's first request can outlast 2 s and be
    // retried, which is not what this test is about (it counts one logged request).
    const got = await client(server.url, { logger: (e) => logs.push(e), retry: { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 30_000 } }).getCustomer(c1, { correlationId: 'c0rr' });
    assert.equal(got.companyProfile.companyName, 'Contoso');
    const h = server.seen[0].headers;
    assert.equal(h.authorization, `Bearer ${token}`);
    assert.equal(h.accept, 'application/json');
    assert.match(String(h['ms-requestid']), /^[0-9a-f-]{36}$/);
    assert.equal(h['ms-correlationid'], 'c0rr');
    assert.equal(h['ms-contract-version'], 'v1');
    assert.equal(h['x-locale'], 'en-US');
    assert.equal(h['ms-partnercenter-application'], 'pc-test/1.0');
    assert.equal(logs.length, 1);
    assert.ok(!JSON.stringify(logs).includes(token));
  } finally { await server.close(); }
});

test('5xx then success: same MS-RequestId on every retry', async () => {
  const server = await startLocalServer((_req, res, i) => (i < 2 ? json(res, 503, { code: 1, description: 'busy' }) : json(res, 200, customer)));
  try {
    await client(server.url).getCustomer(c1);
    assert.equal(server.seen.length, 3);
    assert.equal(new Set(server.seen.map((r) => r.headers['ms-requestid'])).size, 1);
  } finally { await server.close(); }
});

test('429 waits exactly Retry-After before the retry', async () => {
  const server = await startLocalServer((_req, res, i) => (i === 0 ? json(res, 429, undefined, { 'retry-after': '1' }) : json(res, 200, customer)));
  try {
    // A backoff of a minute: had the retry waited for it instead of Retry-After, the gap would show it.
    await client(server.url, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, deadlineMs: 120_000, random: () => 1 } }).getCustomer(c1);
    const gap = server.seen[1].time - server.seen[0].time;
    assert.ok(gap >= 990 && gap < 30_000, `gap ${gap}`); // waits Retry-After (1 s), not the 60 s backoff
  } finally { await server.close(); }
});

test('cancellation during a backoff rejects with cancelled quickly', async () => {
  const server = await startLocalServer((_req, res) => json(res, 500, { code: 1, description: 'down' }));
  try {
    const controller = new AbortController();
    const c = client(server.url, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, deadlineMs: 120_000, random: () => 1 } });
    const started = Date.now();
    const pending = c.getCustomer(c1, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await assert.rejects(pending, { kind: 'cancelled' });
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started}`); // the backoff was 60 s
    assert.equal(server.seen.length, 1);
  } finally { await server.close(); }
});

test('hangs time out per attempt; resets and retries are bounded', async () => {
  const server = await startLocalServer((req, res, i) => {
    if (i === 0) return; // hang
    if (i === 1) { req.headers.connection = 'close'; res.socket?.destroy(); return; }
    json(res, 200, customer);
  });
  try {
    // 1 s per attempt: the hang times out; the answers that follow are far quicker even on a busy machine.
    await client(server.url, { retry: { attemptTimeoutMs: 1000, baseDelayMs: 10, maxDelayMs: 20 } }).getCustomer(c1);
    assert.equal(server.seen.length, 3);
    const failing = await startLocalServer((_req, res) => json(res, 503, {}));
    try {
      await assert.rejects(client(failing.url, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }).getCustomer(c1), { kind: 'service', status: 503 });
      assert.equal(failing.seen.length, 3);
    } finally { await failing.close(); }
    const hanging = await startLocalServer(() => undefined);
    try {
      await assert.rejects(client(hanging.url, { retry: { maxAttempts: 2, attemptTimeoutMs: 100, baseDelayMs: 1 } }).getCustomer(c1), { kind: 'timeout' });
    } finally { await hanging.close(); }
    await assert.rejects(client('http://127.0.0.1:1', { retry: { maxAttempts: 2, baseDelayMs: 1 } }).getCustomer(c1), { kind: 'network' });
  } finally { await server.close(); }
});

test('an expired token is refreshed once (forceRefresh) and the call retried', async () => {
  const server = await startLocalServer((req, res) => (req.headers.authorization === 'Bearer fresh'
    ? json(res, 200, customer)
    : json(res, 401, undefined, { 'www-authenticate': 'Bearer error="invalid_token", error_description="The token expired"' })));
  const asked: boolean[] = [];
  try {
    const c = client(server.url, { getToken: async (_s, o) => { asked.push(o?.forceRefresh === true); return o?.forceRefresh ? 'fresh' : 'stale'; } });
    await c.getCustomer(c1);
    assert.deepEqual(asked, [false, true]);
    const stuck = client(server.url, { getToken: async () => 'stale' });
    const err = await stuck.getCustomer(c1).catch((e: unknown) => e);
    assert.equal((err as { kind: string }).kind, 'auth');
    assert.ok(!String((err as Error).message).includes('stale'));
  } finally { await server.close(); }
});

test('paging follows next links with the continuation token', async () => {
  const server = await startLocalServer((req, res) => {
    const tokenHeader = req.headers['ms-continuationtoken'];
    const next = { uri: '/customers?size=1&seekOperation=Next', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'p2' }] };
    if (!tokenHeader) return json(res, 200, { totalCount: 1, items: [customer], links: { next } });
    return json(res, 200, { totalCount: 1, items: [customer], links: {} });
  });
  try {
    let pages = 0;
    for await (const page of client(server.url).listCustomers({ pageSize: 1 })) { pages++; assert.equal(page.items.length, 1); }
    assert.equal(pages, 2);
    assert.equal(server.seen[1].url, '/v1/customers?size=1&seekOperation=Next');
    assert.equal(server.seen[1].headers['ms-continuationtoken'], 'p2');
    assert.notEqual(server.seen[0].headers['ms-requestid'], server.seen[1].headers['ms-requestid']);
  } finally { await server.close(); }
});

test('a next-page link that repeats itself stops paging with a service error instead of looping', async () => {
  const page = { totalCount: 1, items: [customer], links: { next: { uri: '/customers?size=1&seekOperation=Next', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'same' }] } }, attributes: { objectType: 'Collection' } };
  const server = await startLocalServer((_req, res) => json(res, 200, page));
  try {
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const p of client(server.url).listCustomers({ pageSize: 1 })) seen.push(p.items.length);
    }, (err: { kind?: string }) => err.kind === 'service');
    assert.ok(server.seen.length <= 3, `requests: ${server.seen.length}`);
    assert.ok(seen.length >= 1, 'the pages before the repeat were delivered');
  } finally {
    await server.close();
  }
});

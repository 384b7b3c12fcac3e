// Answers no honest Partner Center sends: a paging loop, a huge body, 10,000-deep JSON, tokens in the
// error code and ids. Each ends once, with a clear message, and nothing holds a token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { TenantLimiter, details, toUserMessage, type PartnerCenterClient, type PartnerCenterClientOptions, type PartnerCenterError } from '../../../src/partnerCenter';
import { exchange } from '../../../src/partnerCenter/http';
import { toErrorView } from '../../../src/webview/loader';
import { toChangeError } from '../../../src/history/changeLog';
import { clientAt, json, startLocalServer, type LocalServer } from './localServer';

const c1 = '0b4a2c3e-1d2f-4a5b-8c9d-0e1f2a3b4c5d';
const customer = { id: c1, companyProfile: { companyName: 'Contoso' } };
const reseller = { id: '9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Wingtip', state: 'Active', mpnId: '4391507' };

const client = (url: string, extra: Partial<PartnerCenterClientOptions> = {}): PartnerCenterClient => clientAt(url, {
  limiter: new TenantLimiter({ ratePerMinute: 600_000, burst: 2000, concurrency: 8 }), retry: { baseDelayMs: 1, maxDelayMs: 5, attemptTimeoutMs: 10_000 }, ...extra,
});

const failure = (p: Promise<unknown>): Promise<PartnerCenterError> => p.then(() => assert.fail('expected a failure'), (e: PartnerCenterError) => e);

async function withServer(handler: Parameters<typeof startLocalServer>[0], run: (server: LocalServer) => Promise<void>): Promise<void> {
  const server = await startLocalServer(handler);
  try { await run(server); } finally { await server.close(); }
}

/** A page whose next link carries `token` (none: the last page). */
function page(items: unknown[], token?: string, uri = '/customers?size=1&seekOperation=Next'): unknown {
  return { totalCount: items.length, items, links: token ? { next: { uri, method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: token }] } } : {} };
}

// After `limit` requests the scripted server ends the list, so a client that does not see the loop
// finishes (and the test fails) instead of hanging.
function loopingServer(limit: number): Parameters<typeof startLocalServer>[0] {
  return (req, res, i) => {
    const token = req.headers['ms-continuationtoken'];
    if (i >= limit) return json(res, 200, page([customer]));
    return json(res, 200, page(req.url.includes('relationships') ? [reseller] : [customer], token === 'A' ? 'B' : 'A'));
  };
}

test('a paging cycle A → B → A stops with a service error after the pages before the repeat', async () => {
  await withServer(loopingServer(20), async (server) => {
    const pages: number[] = [];
    const err = await failure((async () => { for await (const p of client(server.url).listCustomers({ pageSize: 1 })) pages.push(p.items.length); })());
    assert.equal(err.kind, 'service');
    assert.match(err.message, /back to page 2, which it had already sent/);
    assert.match(toUserMessage(err), /page 2.*try again later/);
    assert.deepEqual(pages, [1, 1, 1], 'first page, A, B; the second A is never requested');
    assert.equal(server.seen.length, 3);
  });
});

test('a list read whole (resellers) that loops is an error, not 1,000 pages of duplicates', async () => {
  await withServer(loopingServer(50), async (server) => {
    const err = await failure(client(server.url).listIndirectResellers());
    assert.equal(err.kind, 'service');
    assert.match(err.message, /already sent/);
    assert.equal(server.seen.length, 3);
  });
});

test('the same next link without a token, once with /v1 and once without, is the same page', async () => {
  await withServer((_req, res, i) => (i >= 20 ? json(res, 200, page([reseller]))
    : json(res, 200, { totalCount: 1, items: [reseller], links: { next: { uri: i % 2 ? '/v1/relationships?page=2' : '/relationships?page=2', method: 'GET', headers: [] } } })), async (server) => {
    const err = await failure(client(server.url).listIndirectResellers());
    assert.match(err.message, /already sent/);
    assert.equal(server.seen.length, 2);
  });
});

test('a list longer than 1,000 pages is refused instead of cut short', async () => {
  await withServer((_req, res, i) => json(res, 200, page([reseller], `t${i}`, '/relationships?seekOperation=Next')), async (server) => {
    const err = await failure(client(server.url).listIndirectResellers());
    assert.match(err.message, /more than 1000 pages/);
    assert.equal(server.seen.length, 1000);
  });
});

/** Streams `totalMb` MB of a JSON string in 64 KB chunks (no Content-Length), stopping when the client hangs up. */
function hugeBody(totalMb: number, written: { bytes: number; finished: boolean }) {
  return (_req: unknown, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    res.write('{"id":"');
    const pump = (): void => {
      while (!res.destroyed && written.bytes < totalMb * 1024 * 1024) {
        written.bytes += chunk.length;
        if (!res.write(chunk)) { res.once('drain', pump); return; }
      }
      if (!res.destroyed) { written.finished = true; res.end('"}'); }
    };
    pump();
  };
}

test('a 150 MB body is not read: "too large to read", one request, the connection dropped early', async () => {
  const written = { bytes: 0, finished: false };
  await withServer(hugeBody(150, written), async (server) => {
    const err = await failure(client(server.url).getCustomer(c1));
    assert.equal(err.kind, 'service');
    assert.match(err.message, /Partner Center sent an answer too large to read \(more than 8 MB\)/);
    assert.match(toUserMessage(err), /too large to read.*try again later/);
    assert.equal(server.seen.length, 1, 'not retried');
    assert.equal(written.finished, false, 'the client hung up before the body ended');
  });
});

test('the body cap is a parameter, and a declared Content-Length over it is refused before reading', async () => {
  const written = { bytes: 0, finished: false };
  await withServer(hugeBody(2, written), async (server) => {
    const err = await failure(exchange({ method: 'GET', url: `${server.url}/v1/x`, headers: {}, timeoutMs: 10_000, maxBodyBytes: 100_000 }));
    assert.match(err.message, /too large to read \(more than 0.1 MB\)/);
    assert.equal(err.malformed, true);
  });
  await withServer((_req, res) => { res.writeHead(200, { 'content-length': String(50_000_000) }); res.write('{'); }, async (server) => {
    const err = await failure(exchange({ method: 'GET', url: `${server.url}/v1/x`, headers: {}, timeoutMs: 10_000, maxBodyBytes: 100_000 }));
    assert.match(err.message, /too large to read/);
  });
});

test('10,000-deep JSON is a malformed answer, not a network problem: one request, no retry', async () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  await withServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(deep); }, async (server) => {
    const err = await failure(client(server.url).getCustomer(c1));
    assert.equal(err.kind, 'service');
    assert.match(err.message, /nested too deeply to read/);
    assert.equal(server.seen.length, 1);
  });
  // The same in an error answer, and ordinary nesting still reads.
  const deepError = `{"code":1,"description":"x","inner":${deep}}`;
  await withServer((_req, res, i) => { if (i > 0) return json(res, 200, customer); res.writeHead(500); res.end(deepError); }, async (server) => {
    const err = await failure(client(server.url).getCustomer(c1));
    assert.match(err.message, /nested too deeply/);
    assert.equal(server.seen.length, 1);
  });
});

test('a token in the error code or in the id headers is redacted wherever the error goes', async () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
  await withServer((_req, res) => json(res, 400, { code: `Bearer ${jwt}`, description: `bad ${jwt}` }, { 'ms-requestid': jwt, 'ms-correlationid': `Bearer ${jwt}` }), async (server) => {
    const err = await failure(client(server.url).getCustomer(c1));
    assert.equal(err.kind, 'validation');
    const shown = [err.message, String(err.code), err.description, err.requestId, err.correlationId, details(err), toUserMessage(err),
      JSON.stringify(toChangeError(err)), JSON.stringify(toErrorView(err))];
    for (const text of shown) assert.ok(!String(text).includes(jwt.split('.')[1]), `token in: ${text}`);
    assert.match(String(err.code), /redacted/);
    assert.match(err.requestId ?? '', /redacted/);
  });
});

test('a 2xx answer that is not JSON is a malformed answer: one request, no retry, a next step that is not "retry now"', async () => {
  await withServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html><body>Sign in to your proxy</body></html>'); }, async (server) => {
    const err = await failure(client(server.url).getCustomer(c1));
    assert.equal(err.kind, 'service');
    assert.equal(err.malformed, true);
    assert.equal(err.status, 200);
    assert.match(toUserMessage(err), /Partner Center sent an answer that is not JSON.*try again later, or copy the details/);
    assert.equal(server.seen.length, 1, 'not retried');
  });
});

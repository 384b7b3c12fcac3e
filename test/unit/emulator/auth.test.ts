// Authentication (401 missing/unknown/expired/wrong audience/tenant, MFA claims, 403 app-only) and throttling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Harness, contactPath } from './emulatorHarness';

describe('emulator authentication', () => {
  let h: Harness;
  before(async () => { h = await Harness.start({ customers: 10 }); });
  after(() => h.close());

  // The documented codes: 800001 "Partner Token missing in request context", else 400 "Access denied".
  const expect401 = async (token: string | null, description: RegExp, code = 400) => {
    const response = await h.api('/v1/customers?size=1', { token });
    assert.equal(response.status, 401);
    assert.equal((response.json as { code: number }).code, code);
    assert.match((response.json as { description: string }).description, description);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
  };

  it('accepts the static token and minted MFA user tokens', async () => {
    assert.equal((await h.api('/v1/customers?size=1')).status, 200);
    assert.equal((await h.api('/v1/customers?size=1', { token: (await h.admin.mint({})).access_token })).status, 200);
  });

  it('answers 401 for a missing, unknown, expired, wrong-audience or foreign-tenant token', async () => {
    await expect401(null, /missing/, 800001);
    await expect401('not-a-token-we-minted', /invalid/);
    await expect401((await h.admin.mint({ expiresInSeconds: -10 })).access_token, /expired/);
    await expect401((await h.admin.mint({ audience: 'https://graph.microsoft.com' })).access_token, /audience/);
    await expect401((await h.admin.mint({ tenantId: '22222222-2222-4222-8222-222222222222' })).access_token, /not a Partner Center partner tenant/);
    const log = await h.admin.requests();
    assert.ok(log.filter((e) => e.status === 401).length >= 5);
  });

  it('answers 401 with an insufficient_claims challenge for a token without MFA', async () => {
    const response = await h.api('/v1/customers?size=1', { token: (await h.admin.mint({ mfa: false })).access_token });
    assert.equal(response.status, 401);
    assert.equal((response.json as { code: string }).code, 'InsufficientClaims');
    const challenge = response.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /error="insufficient_claims"/);
    const claims = /claims="([^"]+)"/.exec(challenge)?.[1];
    assert.ok(claims);
    assert.deepEqual(JSON.parse(Buffer.from(claims, 'base64').toString('utf8')), { access_token: { amr: { essential: true, values: ['mfa'] } } });
  });

  it('answers 403 with an empty body to an app-only token on App+User-only endpoints', async () => {
    const app = (await h.admin.mint({ kind: 'app' })).access_token;
    const [customer] = await h.admin.seed();
    const sub = customer.subscriptions[0];
    for (const [path, method] of [[contactPath(customer.id, sub.id), 'GET'], [contactPath(customer.id, sub.id), 'PUT'],
      ['/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf', 'GET'],
      [`/v1/customers?filter=${encodeURIComponent(JSON.stringify({ Field: 'IndirectReseller', Value: customer.resellerId, Operator: 'starts_with' }))}`, 'GET']]) {
      const response = await h.api(path, { token: app, method, ...(method === 'PUT' ? { body: {} } : {}) });
      assert.equal(response.status, 403, path);
      assert.equal(response.text, '', path);
      assert.equal(response.headers.get('content-length'), '0');
    }
    // App-only reads of customers and subscriptions are allowed, as on the real service.
    assert.equal((await h.api('/v1/customers?size=1', { token: app })).status, 200);
    assert.equal((await h.api(`/v1/customers/${customer.id}/subscriptions`, { token: app })).status, 200);
  });
});

describe('emulator throttling', () => {
  it('answers 429 with Retry-After (whole seconds) once the per-tenant bucket is empty, after auth', async () => {
    const h = await Harness.start({ customers: 5, throttlePerMinute: 30, throttleBurst: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await h.api('/v1/customers?size=1')).status);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const throttled = await h.api('/v1/customers?size=1', { headers: { 'MS-RequestId': 'thr' } });
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), '2'); // 1 token at 0.5/s → ceil(2 s)
      // The documented 429 body (api-throttling-guidance.md), not the ApiFault shape.
      assert.deepEqual(throttled.json, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 2 seconds.' });
      assert.equal((await h.admin.requests()).find((e) => e.requestId === 'thr')?.note, 'throttled');
      // Unauthenticated requests are rejected before the throttle: still 401, not 429.
      assert.equal((await h.api('/v1/customers?size=1', { token: null })).status, 401);
      // Reset refills the bucket.
      await h.admin.reset();
      assert.equal((await h.api('/v1/customers?size=1')).status, 200);
    } finally {
      await h.close();
    }
  });

  it('refills continuously', async () => {
    const h = await Harness.start({ customers: 5, throttlePerMinute: 600, throttleBurst: 1 });
    try {
      assert.equal((await h.api('/v1/customers?size=1')).status, 200);
      const throttled = await h.api('/v1/customers?size=1');
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), '1');
      await new Promise((resolve) => setTimeout(resolve, 150)); // 10 tokens/s
      assert.equal((await h.api('/v1/customers?size=1')).status, 200);
    } finally {
      await h.close();
    }
  });
});

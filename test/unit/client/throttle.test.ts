import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TenantLimiter, limiterForTenant } from '../../../src/partnerCenter/throttle';

test('token bucket paces precisely after the burst', async () => {
  const limiter = new TenantLimiter({ ratePerMinute: 6000, burst: 5, concurrency: 100 });
  const started = Date.now();
  const times: number[] = [];
  await Promise.all(Array.from({ length: 55 }, async () => {
    const release = await limiter.acquire();
    times.push(Date.now() - started);
    release();
  }));
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 480 && elapsed < 1500, `elapsed ${elapsed} ms, expected ~500`); // 50 tokens at 100/s; loose upper bound for slow CI
  assert.ok(times.filter((t) => t < 20).length >= 5);
});

test('concurrency limit holds', async () => {
  const limiter = new TenantLimiter({ ratePerMinute: 600_000, burst: 1000, concurrency: 3 });
  let inFlight = 0; let max = 0;
  await Promise.all(Array.from({ length: 20 }, async () => {
    const release = await limiter.acquire();
    inFlight++; max = Math.max(max, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--; release();
  }));
  assert.equal(max, 3);
});

test('a Retry-After pause holds back every caller of the tenant', async () => {
  const limiter = limiterForTenant('Tenant-A', { ratePerMinute: 600_000, burst: 100 });
  assert.equal(limiterForTenant('tenant-a'), limiter);
  limiter.pause(0.3);
  const started = Date.now();
  await Promise.all([1, 2, 3].map(async () => (await limiter.acquire())()));
  assert.ok(Date.now() - started >= 295, `waited ${Date.now() - started}`);
});

test('abort while queued rejects with cancelled at once', async () => {
  const limiter = new TenantLimiter({ ratePerMinute: 60, burst: 1, concurrency: 1 });
  (await limiter.acquire())();
  const controller = new AbortController();
  const started = Date.now();
  const waiting = limiter.acquire(controller.signal);
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(waiting, { kind: 'cancelled' });
  assert.ok(Date.now() - started < 200);
});

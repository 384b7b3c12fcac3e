// The limiter's pacing, on node:test's mocked clock (setTimeout and Date): the numbers asserted are
// the limiter's own arithmetic, never how fast this machine happens to be.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { TenantLimiter, limiterForTenant } from '../../../src/partnerCenter/throttle';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Mocks the clock at 0 and returns a function that advances it in steps, letting promises run between. */
function mockClock(t: TestContext): (ms: number, step?: number) => Promise<void> {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  return async (ms, step = 5) => {
    for (let passed = 0; passed < ms; passed += step) {
      await settle();
      t.mock.timers.tick(step);
    }
    await settle();
  };
}

test('token bucket: the burst goes at once, then one call per 1/rate', async (t) => {
  const advance = mockClock(t);
  const limiter = new TenantLimiter({ ratePerMinute: 6000, burst: 5, concurrency: 100 }); // 100 per second
  const times: number[] = [];
  const all = Promise.all(Array.from({ length: 55 }, async () => {
    const release = await limiter.acquire();
    times.push(Date.now());
    release();
  }));
  await advance(600);
  await all;
  assert.equal(times.length, 55);
  assert.equal(times.filter((at) => at === 0).length, 5, 'the burst of 5 did not go at once');
  // The other 50 at 10 ms apart: the last one at 500 ms (the clock moves in 5 ms steps).
  assert.ok(Math.max(...times) >= 500 && Math.max(...times) <= 505, `last call at ${Math.max(...times)} ms`);
  const afterBurst = times.filter((at) => at > 0).sort((a, b) => a - b);
  for (let i = 1; i < afterBurst.length; i++) assert.ok(afterBurst[i] - afterBurst[0] >= i * 10 - 5, `call ${i} came early at ${afterBurst[i]} ms`);
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

test('a Retry-After pause holds back every caller of the tenant until it ends', async (t) => {
  const advance = mockClock(t);
  const limiter = limiterForTenant('Tenant-A', { ratePerMinute: 600_000, burst: 100 });
  assert.equal(limiterForTenant('tenant-a'), limiter);
  limiter.pause(0.3);
  const done: number[] = [];
  const all = Promise.all([1, 2, 3].map(async () => { (await limiter.acquire())(); done.push(Date.now()); }));
  await advance(295);
  assert.deepEqual(done, [], 'a caller went before the pause ended');
  await advance(20);
  await all;
  assert.equal(done.length, 3);
  assert.ok(done.every((at) => at >= 300), `went at ${done.join(', ')} ms`);
});

test('abort while queued rejects with cancelled at once, not after the wait', async (t) => {
  const advance = mockClock(t);
  const limiter = new TenantLimiter({ ratePerMinute: 60, burst: 1, concurrency: 1 }); // the next token in 1 s
  (await limiter.acquire())();
  const controller = new AbortController();
  let outcome: unknown;
  const waiting = limiter.acquire(controller.signal).then(() => 'acquired', (e: { kind?: string }) => e.kind);
  void waiting.then((o) => { outcome = o; });
  await advance(20);
  controller.abort();
  await settle();
  // The clock stands at 20 ms of the 1 s wait: settled now means the abort ended it, not the timer.
  assert.equal(outcome, 'cancelled', 'the abort did not end the wait at once');
});

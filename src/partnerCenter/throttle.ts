// Pacing shared by every call of one partner tenant: a concurrency limit plus a token bucket that
// refills continuously, and a pause learnt from a 429's Retry-After that holds back all callers.

import { PartnerCenterError } from './errors';

export interface LimiterOptions {
  /** Requests per minute the bucket refills at (default 480: a little under the service's 500). */
  ratePerMinute?: number;
  /** Bucket capacity; the bucket starts full (default 10). */
  burst?: number;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
}

export function cancelledError(): PartnerCenterError {
  return new PartnerCenterError('cancelled', 'The operation was cancelled.');
}

/** Waits `ms`, rejecting with kind 'cancelled' as soon as the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => { clearTimeout(timer); reject(cancelledError()); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface SlotWaiter { resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal; onAbort?: () => void }

export class TenantLimiter {
  readonly ratePerMinute: number;
  readonly burst: number;
  readonly concurrency: number;
  private tokens: number;
  private lastRefill = Date.now();
  private pausedUntil = 0;
  private inFlight = 0;
  private readonly waiting: SlotWaiter[] = [];

  constructor(options: LimiterOptions = {}) {
    this.ratePerMinute = Math.max(1, options.ratePerMinute ?? 480);
    this.burst = Math.max(1, options.burst ?? 10);
    this.concurrency = Math.max(1, options.concurrency ?? 16);
    this.tokens = this.burst;
  }

  /** Takes a concurrency slot and a token; resolves with the function that gives the slot back. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    await this.takeSlot(signal);
    try {
      await this.takeToken(signal);
    } catch (e) {
      this.releaseSlot();
      throw e;
    }
    let released = false;
    return () => { if (!released) { released = true; this.releaseSlot(); } };
  }

  /** A 429 said "come back in N seconds": every caller of this tenant waits until then. */
  pause(seconds: number): void {
    const until = Date.now() + Math.max(0, seconds) * 1000;
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Milliseconds left of a Retry-After pause (0 when none). */
  pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - Date.now());
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) * this.ratePerMinute) / 60_000);
    this.lastRefill = now;
  }

  private async takeToken(signal?: AbortSignal): Promise<void> {
    this.refill();
    this.tokens -= 1; // reserve: a negative balance is the queue of callers ahead of us
    const wait = this.tokens >= 0 ? 0 : (-this.tokens * 60_000) / this.ratePerMinute;
    try {
      await delay(Math.max(wait, this.pauseRemainingMs()), signal);
      while (this.pauseRemainingMs() > 0) await delay(this.pauseRemainingMs(), signal);
    } catch (e) {
      this.tokens += 1; // give the reservation back
      throw e;
    }
  }

  private takeSlot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    if (this.inFlight < this.concurrency) { this.inFlight++; return Promise.resolve(); }
    return new Promise((resolve, reject) => {
      const waiter: SlotWaiter = { resolve, reject, signal };
      waiter.onAbort = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelledError());
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (!next) { this.inFlight--; return; }
    if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
    next.resolve(); // the slot passes straight to the next waiter
  }
}

const registry = new Map<string, TenantLimiter>();

/** One limiter per partner tenant, shared by every client of that tenant in this process. */
export function limiterForTenant(tenantKey: string, options?: LimiterOptions): TenantLimiter {
  const key = tenantKey.toLowerCase();
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = new TenantLimiter(options);
    registry.set(key, limiter);
  }
  return limiter;
}

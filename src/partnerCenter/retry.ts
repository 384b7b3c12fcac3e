// Retry policy for one logical call: 429 waits exactly Retry-After (through the tenant's limiter, so
// every caller waits), 5xx / resets / timeouts back off exponentially with full jitter. Attempts and
// total time are bounded, and every wait ends at once when the caller's signal aborts.

import { PartnerCenterError, isPartnerCenterError } from './errors';
import { cancelledError, delay, type TenantLimiter } from './throttle';

export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** Total time for the call, waits included (default 60 s). */
  deadlineMs?: number;
  /** Backoff base and cap (defaults 500 ms and 8 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-attempt timeout (default 30 s). */
  attemptTimeoutMs?: number;
  /** Used when a 429 has no Retry-After (default 1 s). */
  defaultRetryAfterSeconds?: number;
  random?: () => number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxAttempts: options.maxAttempts ?? 5,
    deadlineMs: options.deadlineMs ?? 60_000,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    attemptTimeoutMs: options.attemptTimeoutMs ?? 30_000,
    defaultRetryAfterSeconds: options.defaultRetryAfterSeconds ?? 1,
    random: options.random ?? Math.random,
  };
}

const transientKinds = new Set(['service', 'network', 'timeout']);

export function isRetryable(err: unknown, idempotent: boolean): boolean {
  if (!isPartnerCenterError(err) || err.malformed) return false; // the same answer again
  if (err.kind === 'throttled') return true; // a 429 was not processed: safe to repeat
  return idempotent && transientKinds.has(err.kind);
}

export function backoffMs(attempt: number, options: ResolvedRetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * ceiling);
}

export interface RetryContext {
  attempt: number;
  /** Time left before the total deadline. */
  remainingMs: number;
}

/**
 * Runs `attempt` until it succeeds, fails for good, runs out of attempts or time, or is cancelled.
 * `attempt` gets the 1-based attempt number; it must itself go through the limiter.
 */
export async function withRetry<T>(
  attempt: (ctx: RetryContext) => Promise<T>,
  options: {
    retry: ResolvedRetryOptions; limiter: TenantLimiter; idempotent: boolean; signal?: AbortSignal;
    /** Told about each wait before a retry; a throwing listener never breaks the call. */
    onWait?: (info: { seconds: number; reason: 'throttled' | 'retry' }) => void;
  },
): Promise<T> {
  const { retry, limiter, idempotent, signal, onWait } = options;
  const deadline = Date.now() + retry.deadlineMs;
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw cancelledError();
    try {
      return await attempt({ attempt: n, remainingMs: deadline - Date.now() });
    } catch (err) {
      if (signal?.aborted) throw cancelledError();
      if (!isRetryable(err, idempotent) || n >= retry.maxAttempts) throw err;
      const e = err as PartnerCenterError;
      const wait = e.kind === 'throttled' ? (e.retryAfterSeconds ?? retry.defaultRetryAfterSeconds) * 1000 : backoffMs(n, retry);
      // Checked before pausing: a Retry-After this call will not wait out must not hold up every
      // other call of the tenant either.
      if (Date.now() + wait >= deadline) throw err;
      if (e.kind === 'throttled') limiter.pause(wait / 1000); // the next attempt's acquire() waits out the pause
      try { onWait?.({ seconds: wait / 1000, reason: e.kind === 'throttled' ? 'throttled' : 'retry' }); } catch { /* a listener's problem */ }
      if (e.kind !== 'throttled') await delay(wait, signal);
    }
  }
}

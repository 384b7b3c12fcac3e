// Per-tenant token bucket: refilled continuously at `perMinute`, holding at most `burst` tokens.

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket { tokens: number; updatedAt: number }

export class TenantThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(perMinute: number, private readonly burst: number, private readonly now: () => number = Date.now) {
    this.perMs = perMinute / 60_000;
  }

  take(tenantId: string): ThrottleDecision {
    const key = tenantId.toLowerCase();
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const waitMs = this.perMs > 0 ? (1 - bucket.tokens) / this.perMs : 60_000;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  clear(): void {
    this.buckets.clear();
  }
}

// Injected faults, set through POST /_emulator/faults (or CLI latency flags).
import { INJECTABLE_CODES } from './errors';

export interface FaultSpec {
  latencyMs?: number; latencyJitterMs?: number;
  status?: 500 | 503; fraction?: number; next?: number;
  reset?: number; hang?: number; tokenExpired?: number; mfaChallenge?: number; mfaRequired?: number; mfaRequiredLegacy?: number; throttle?: number;
  /** A documented code (error-codes.tsv) answered by the next `errorNext` matching requests. */
  errorCode?: number; errorNext?: number;
  retryAfterSeconds?: number; pathPattern?: string;
  /** Faults only for requests with this method (with `pathPattern`: both must match). */
  method?: string;
  /**
   * The next N PUTs the handler accepts (2xx) are applied, then answered 200 with no body
   * (`acceptedEmpty`) or with `{}` (`acceptedEmptyObject`): the service accepted the change but
   * did not say what it stored.
   */
  acceptedEmpty?: number; acceptedEmptyObject?: number;
}

/** How an accepted PUT is answered: as the handler says, or 200 with no body / with `{}`. */
export type AcceptedAnswer = 'asIs' | 'empty' | 'emptyObject';

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'tokenExpired' }
  | { kind: 'mfaChallenge' }
  | { kind: 'mfaRequired' }
  | { kind: 'mfaRequiredLegacy' }
  | { kind: 'documented'; code: number }
  | { kind: 'status'; status: 500 | 503 };

const COUNTERS = ['next', 'reset', 'hang', 'tokenExpired', 'mfaChallenge', 'mfaRequired', 'mfaRequiredLegacy', 'errorNext', 'throttle', 'acceptedEmpty', 'acceptedEmptyObject'] as const;

/** Validates an admin request body; returns an error message or the spec. */
export function parseFaultSpec(body: unknown): FaultSpec | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const raw = body as Record<string, unknown>;
  const spec: FaultSpec = {};
  for (const key of ['latencyMs', 'latencyJitterMs', 'fraction', 'retryAfterSeconds', ...COUNTERS] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `${key} must be a non-negative number`;
    spec[key] = value;
  }
  if (spec.fraction !== undefined && spec.fraction > 1) return 'fraction must be between 0 and 1';
  if (raw.status !== undefined) {
    if (raw.status !== 500 && raw.status !== 503) return 'status must be 500 or 503';
    spec.status = raw.status;
  }
  if (raw.errorCode !== undefined) {
    if (typeof raw.errorCode !== 'number' || !INJECTABLE_CODES.includes(raw.errorCode)) return `errorCode must be one of ${INJECTABLE_CODES.join(', ')}`;
    spec.errorCode = raw.errorCode;
    spec.errorNext ??= 1;
  } else if (spec.errorNext !== undefined) return 'errorNext needs an errorCode';
  if (raw.pathPattern !== undefined) {
    if (typeof raw.pathPattern !== 'string') return 'pathPattern must be a string';
    try { new RegExp(raw.pathPattern); } catch { return 'pathPattern is not a valid regular expression'; }
    spec.pathPattern = raw.pathPattern;
  }
  if (raw.method !== undefined) {
    if (typeof raw.method !== 'string' || !/^(GET|PUT|POST|PATCH|DELETE)$/i.test(raw.method)) return 'method must be GET, PUT, POST, PATCH or DELETE';
    spec.method = raw.method.toUpperCase();
  }
  const unknown = Object.keys(raw).filter((k) => !(k in spec) && raw[k] !== undefined && !['status', 'pathPattern', 'errorCode', 'method'].includes(k));
  if (unknown.length > 0) return `unknown fault field(s): ${unknown.join(', ')}`;
  return spec;
}

export class FaultInjector {
  private spec: FaultSpec = {};
  private pattern: RegExp | null = null;
  private matched = 0;

  /** Latency that applies whatever the fault set (from the CLI/options). */
  constructor(private readonly baseLatencyMs = 0, private readonly baseJitterMs = 0) {}

  set(spec: FaultSpec): void {
    this.spec = { ...spec };
    this.pattern = spec.pathPattern ? new RegExp(spec.pathPattern) : null;
    this.matched = 0;
  }

  clear(): void {
    this.set({});
  }

  current(): FaultSpec {
    return { ...this.spec };
  }

  /** Delay before answering this request (base + injected latency, each with jitter). */
  latencyFor(path: string, method?: string): number {
    const extra = this.applies(path, method) ? jittered(this.spec.latencyMs ?? 0, this.spec.latencyJitterMs ?? 0) : 0;
    return jittered(this.baseLatencyMs, this.baseJitterMs) + extra;
  }

  /** Picks (and consumes) the fault for one request that passed auth and throttle. */
  decide(path: string, method?: string): FaultAction {
    if (!this.applies(path, method)) return { kind: 'none' };
    const s = this.spec;
    if (this.consume('reset')) return { kind: 'reset' };
    if (this.consume('hang')) return { kind: 'hang' };
    if (this.consume('throttle')) return { kind: 'throttle', retryAfterSeconds: Math.max(1, Math.ceil(s.retryAfterSeconds ?? 1)) };
    if (this.consume('tokenExpired')) return { kind: 'tokenExpired' };
    if (this.consume('mfaChallenge')) return { kind: 'mfaChallenge' };
    if (this.consume('mfaRequired')) return { kind: 'mfaRequired' };
    if (this.consume('mfaRequiredLegacy')) return { kind: 'mfaRequiredLegacy' };
    if (s.errorCode !== undefined && this.consume('errorNext')) return { kind: 'documented', code: s.errorCode };
    const status = s.status ?? 503;
    if (this.consume('next')) return { kind: 'status', status };
    if (s.fraction !== undefined && s.fraction > 0) {
      // Deterministic spread: exactly round(n * fraction) of n matching requests fail.
      const n = this.matched++;
      if (Math.floor((n + 1) * s.fraction) > Math.floor(n * s.fraction)) return { kind: 'status', status };
    }
    return { kind: 'none' };
  }

  /** How a PUT the handler accepted is answered (and consumes that fault). */
  acceptedAnswer(path: string, method: string): AcceptedAnswer {
    // Only PUTs, whatever `method` limits the other faults to (so a test can fail the re-read that follows).
    if (method !== 'PUT' || !(this.pattern === null || this.pattern.test(path))) return 'asIs';
    if (this.consume('acceptedEmpty')) return 'empty';
    if (this.consume('acceptedEmptyObject')) return 'emptyObject';
    return 'asIs';
  }

  private applies(path: string, method?: string): boolean {
    if (this.spec.method !== undefined && method !== undefined && method.toUpperCase() !== this.spec.method) return false;
    return this.pattern === null || this.pattern.test(path);
  }

  private consume(key: (typeof COUNTERS)[number]): boolean {
    const left = this.spec[key] ?? 0;
    if (left < 1) return false;
    this.spec[key] = left - 1;
    return true;
  }
}

function jittered(fixed: number, jitter: number): number {
  return Math.max(0, fixed + (jitter > 0 ? Math.random() * jitter : 0));
}

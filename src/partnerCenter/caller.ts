// One logical Partner Center call: headers, token, limiter, retries, logging. A logical call keeps
// one MS-RequestId across all its attempts; the correlation id comes from the user action.

import { randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { PartnerCenterError, errorFromAnswer, isPartnerCenterError } from './errors';
import { exchange, type HttpExchange, type HttpResult } from './http';
import { withRetry, type ResolvedRetryOptions } from './retry';
import type { TenantLimiter } from './throttle';
import { waitForToken } from './tokenWait';

/** Per user action: one correlation id shared by all its requests, and its cancellation. */
export interface OperationContext {
  correlationId?: string;
  signal?: AbortSignal;
  /** Told before the call waits to retry (a 429's Retry-After, or a backoff after a transient failure). */
  onRetryWait?: (info: RetryWaitInfo) => void;
}

export interface RetryWaitInfo { seconds: number; reason: 'throttled' | 'retry' }

export type TokenProvider = (signal: AbortSignal | undefined, options?: { forceRefresh?: boolean }) => Promise<string>;

export interface RequestLogEntry {
  method: string;
  /** Path with query values redacted. */
  path: string;
  status?: number;
  errorKind?: string;
  durationMs: number;
  requestId: string;
  correlationId: string;
  attempt: number;
}

export interface CallerSettings {
  baseUrl: string;
  getToken: TokenProvider;
  locale?: string;
  application: string;
  dispatcher?: Dispatcher;
  limiter: TenantLimiter;
  retry: ResolvedRetryOptions;
  logger?: (entry: RequestLogEntry) => void;
  /** How long one wait for a token may take (default TOKEN_DEADLINE_MS). */
  tokenDeadlineMs?: number;
  /** The largest response body read (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

export interface CallOptions {
  body?: unknown;
  /** Extra headers from a link (e.g. MS-ContinuationToken); they never replace ours. */
  linkHeaders?: Record<string, string>;
  idempotent?: boolean;
  /** MS-RequestId chosen by the caller (a GUID, e.g. from a bulk journal); all attempts reuse it. */
  requestId?: string;
}

/** Resolves "/v1/x", "/x" and absolute URIs against the base URL; the token never leaves its host. */
export function resolveUrl(baseUrl: string, uri: string): string {
  let path = uri;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) {
    const u = new URL(uri);
    path = `${u.pathname}${u.search}`;
  }
  if (!path.startsWith('/')) path = `/${path}`;
  if (!/^\/v1(\/|\?|$)/i.test(path)) path = `/v1${path}`;
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export function redactQuery(pathAndQuery: string): string {
  return pathAndQuery.replace(/([?&][^=&#]+)=[^&#]*/g, '$1=***');
}

const ownHeaders = new Set(['authorization', 'accept', 'ms-requestid', 'ms-correlationid', 'ms-contract-version',
  'x-locale', 'ms-partnercenter-application', 'content-type', 'host', 'content-length']);

/** The `tid` claim of a JWT-shaped access token (read, never verified or kept), if it is a GUID. */
export function tenantOfToken(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const tid = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tid?: unknown }).tid;
    return typeof tid === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** One logical call, resolved once: every attempt sends the same ids, URL and body. */
interface PreparedCall {
  method: HttpExchange['method'];
  url: string;
  /** The path and query as logged (query values redacted). */
  logPath: string;
  body?: string;
  requestId: string;
  correlationId: string;
  linkHeaders: Record<string, string>;
}

/** Per logical call: an expired token is refreshed once, not once per attempt. */
interface TokenState { refreshed: boolean }

function prepare(baseUrl: string, method: HttpExchange['method'], uri: string, ctx: OperationContext, options: CallOptions): PreparedCall {
  const url = resolveUrl(baseUrl, uri);
  return {
    method, url,
    logPath: redactQuery(new URL(url).pathname + new URL(url).search),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    requestId: options.requestId ?? randomUUID(),
    correlationId: ctx.correlationId ?? randomUUID(),
    linkHeaders: options.linkHeaders ?? {},
  };
}

/** A 2xx as the caller's answer: one that cannot be read is the same answer again on a retry, so malformed, not a service hiccup. */
function checkedSuccess(result: HttpResult): HttpResult {
  if (result.unparsable) throw new PartnerCenterError('service', l10n.t('Partner Center sent an answer that is not JSON, so it could not be read.'), { status: result.status, malformed: true });
  return result;
}

/** The error the call ends with: always a PartnerCenterError that names the call's request and correlation ids. */
function withCallIds(err: unknown, call: PreparedCall): PartnerCenterError {
  const e = isPartnerCenterError(err) ? err : new PartnerCenterError('network', 'The request failed unexpectedly.');
  e.requestId ??= call.requestId;
  e.correlationId ??= call.correlationId;
  return e;
}

export class Caller {
  constructor(private readonly settings: CallerSettings) {}

  async call(method: HttpExchange['method'], uri: string, ctx: OperationContext, options: CallOptions = {}): Promise<HttpResult> {
    const s = this.settings;
    const call = prepare(s.baseUrl, method, uri, ctx, options);
    const tokenState: TokenState = { refreshed: false };
    try {
      return await withRetry(({ attempt, remainingMs }) => this.attempt(call, ctx, attempt, remainingMs, tokenState),
        { retry: s.retry, limiter: s.limiter, idempotent: options.idempotent ?? method === 'GET', signal: ctx.signal, onWait: ctx.onRetryWait });
    } catch (err) {
      throw withCallIds(err, call);
    }
  }

  /** The tenant (`tid`) of the last token used: the signed-in partner's own tenant. */
  tokenTenantId?: string;

  /** One attempt of the retry loop: a 401 gets a new token and is sent again, once per logical call. */
  private async attempt(call: PreparedCall, ctx: OperationContext, attempt: number, remainingMs: number, tokenState: TokenState): Promise<HttpResult> {
    for (;;) {
      const result = await this.send(call, ctx, attempt, remainingMs, tokenState.refreshed);
      if (result.status >= 200 && result.status < 300) return checkedSuccess(result);
      const err = errorFromAnswer(result);
      if (err.kind === 'auth' && !tokenState.refreshed) { tokenState.refreshed = true; continue; } // expired: new token, once
      throw err;
    }
  }

  /** One request on the wire: a token, a slot of the tenant's limiter for the exchange only, and one log line. */
  private async send(call: PreparedCall, ctx: OperationContext, attempt: number, remainingMs: number, refreshToken: boolean): Promise<HttpResult> {
    const s = this.settings;
    // The token first: a slow or hung sign-in provider must not hold a slot of the tenant's limiter.
    const token = await this.token(ctx.signal, refreshToken);
    const release = await s.limiter.acquire(ctx.signal);
    const started = Date.now();
    let result: HttpResult;
    try {
      result = await exchange({
        method: call.method, url: call.url, headers: this.headers(call, token), body: call.body, signal: ctx.signal, dispatcher: s.dispatcher,
        timeoutMs: Math.max(1, Math.min(s.retry.attemptTimeoutMs, remainingMs)), maxBodyBytes: s.maxBodyBytes,
      });
    } catch (err) {
      this.log(call, attempt, started, { errorKind: isPartnerCenterError(err) ? err.kind : 'unknown' });
      throw err;
    } finally {
      release();
    }
    this.log(call, attempt, started, { status: result.status });
    return result;
  }

  /** A link's extra headers first, then ours, which they never replace. */
  private headers(call: PreparedCall, token: string): Record<string, string> {
    const s = this.settings;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.linkHeaders)) if (!ownHeaders.has(k.toLowerCase())) headers[k] = v;
    Object.assign(headers, {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'ms-requestid': call.requestId,
      'ms-correlationid': call.correlationId,
      'ms-contract-version': 'v1',
      'ms-partnercenter-application': s.application,
    });
    if (s.locale) headers['x-locale'] = s.locale;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  private log(call: PreparedCall, attempt: number, started: number, outcome: { status: number } | { errorKind: string }): void {
    this.settings.logger?.({
      method: call.method, path: call.logPath, ...outcome, durationMs: Date.now() - started,
      requestId: call.requestId, correlationId: call.correlationId, attempt,
    });
  }

  private async token(signal: AbortSignal | undefined, forceRefresh: boolean): Promise<string> {
    try {
      const token = await waitForToken((stop) => this.settings.getToken(stop, forceRefresh ? { forceRefresh: true } : undefined),
        { signal, deadlineMs: this.settings.tokenDeadlineMs });
      this.tokenTenantId = tenantOfToken(token) ?? this.tokenTenantId;
      return token;
    } catch (err) {
      if (isPartnerCenterError(err)) throw err;
      if (signal?.aborted) throw new PartnerCenterError('cancelled', 'The operation was cancelled.');
      throw new PartnerCenterError('auth', 'Could not get a Partner Center sign-in token.');
    }
  }
}

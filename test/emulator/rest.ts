// One REST request through the pipeline: latency → auth → throttle → faults → handler (→ PUT memory).
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, injectableError, throttledBody } from './errors';
import type { AcceptedAnswer, FaultInjector } from './faults';
import { RestResponse, fail, header, sendEmpty, sendJson } from './http';
import { matchRoute, noRoute } from './routes';
import type { EmulatorStore, RequestLogEntry } from './store';
import type { TenantThrottle } from './throttle';
import { MFA_CLAIMS, TokenRegistry } from './tokens';

export interface RestContext {
  store: EmulatorStore;
  tokens: TokenRegistry;
  throttle: TenantThrottle;
  faults: FaultInjector;
  bom: boolean;
  authority: () => string;
  /** Responses deliberately never answered (hang fault); destroyed on close. */
  hanging: Set<ServerResponse>;
}

const SERVER_ID = `pcemu-${process.pid}`;
const OAUTH_REALM = 'OAuth realm=urn:cpsvc:cpid:emulator';

export async function handleRest(ctx: RestContext, req: IncomingMessage, res: ServerResponse, url: URL, body: string | null): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const givenRequestId = header(req.headers, 'MS-RequestId');
  const requestId = givenRequestId ?? randomUUID();
  const correlationId = header(req.headers, 'MS-CorrelationId') ?? randomUUID();
  const incomingCv = header(req.headers, 'MS-CV');
  const headers: Record<string, string> = {
    'MS-RequestId': requestId,
    'MS-CorrelationId': correlationId,
    'MS-CV': incomingCv ? `${incomingCv}.0` : `${randomBytes(12).toString('base64').replace(/[/=]/g, 'x')}.0`,
    'MS-ServerId': SERVER_ID,
  };
  const entry: Omit<RequestLogEntry, 'seq' | 'time' | 'status'> = {
    method, path, ...(url.search ? { query: url.search.slice(1) } : {}),
    requestId, correlationId, locale: header(req.headers, 'X-Locale') ?? null,
  };
  const answer = (response: RestResponse, extra: Pick<RequestLogEntry, 'applied' | 'note'> = {}) => {
    ctx.store.log({ ...entry, status: response.status, ...extra });
    const all = { ...headers, ...(response.headers ?? {}) };
    if (response.empty || response.body === undefined) sendEmpty(res, response.status, all);
    else sendJson(res, response.status, response.body, all, ctx.bom);
  };

  const latency = ctx.faults.latencyFor(path, method);
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  if (res.destroyed) return;
  if (body === null) return answer(fail('payloadTooLarge', 'The request body is larger than 1 MB.'));

  // 1. Authentication (and App+User-only routes).
  const auth = ctx.tokens.check(header(req.headers, 'Authorization'));
  if (!auth.ok) {
    if (auth.reason === 'mfa') return answer(mfaChallenge(ctx, auth.description), { note: 'auth:mfa' });
    const missing = auth.reason === 'missing' || auth.reason === 'malformed' && !/^bearer\s/i.test(header(req.headers, 'Authorization') ?? '');
    return answer(fail(missing ? 'tokenMissing' : 'unauthorized', auth.description, {
      'WWW-Authenticate': `Bearer error="invalid_token", error_description="${auth.description.replace(/"/g, "'")}"`,
    }), { note: `auth:${auth.reason}` });
  }
  const route = matchRoute(method, path, url.searchParams);
  if (auth.principal.kind === 'app' && route.userOnly) return answer({ status: 403, empty: true }, { note: 'app-only' });

  // 2. Throttle (per tenant).
  const throttled = ctx.throttle.take(auth.principal.tenantId);
  if (!throttled.ok) return answer(tooMany(throttled.retryAfterSeconds), { note: 'throttled' });

  // 3. Injected faults.
  const fault = ctx.faults.decide(path, method);
  switch (fault.kind) {
    case 'reset':
      ctx.store.log({ ...entry, status: 0, note: 'fault:reset' });
      req.socket.destroy();
      return;
    case 'hang':
      ctx.store.log({ ...entry, status: 0, note: 'fault:hang' });
      ctx.hanging.add(res);
      res.on('close', () => ctx.hanging.delete(res));
      return;
    case 'throttle': return answer(tooMany(fault.retryAfterSeconds), { note: 'fault:throttle' });
    case 'tokenExpired':
      return answer(fail('unauthorized', 'The access token has expired.', {
        'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The access token has expired."',
      }), { note: 'fault:tokenExpired' });
    case 'mfaChallenge': return answer(mfaChallenge(ctx, 'Multi-factor authentication is required.'), { note: 'fault:mfaChallenge' });
    // No claims challenge: the WWW-Authenticate the service sends on every 401 (error-schema.txt).
    case 'mfaRequired':
      return answer(fail('mfaRequired', 'Multi-factor authentication is required for App+User calls. Sign in with MFA.', { 'WWW-Authenticate': OAUTH_REALM }), { note: 'fault:mfaRequired' });
    case 'mfaRequiredLegacy':
      return answer(fail('mfaRequiredLegacy', 'MFA required', { 'WWW-Authenticate': OAUTH_REALM }), { note: 'fault:mfaRequiredLegacy' });
    case 'documented': {
      const known = injectableError(fault.code);
      if (!known) break;
      // /v1/customers/{c}/subscriptions/{s}: the table's {0}/{1} filled the way the service fills them.
      const [, , , customerId = '', , subscriptionId = ''] = path.split('/');
      const description = known.name === 'noCommerceRelationship'
        ? known.text.replace('{0}', ctx.store.partner.mpnId).replace('{1}', customerId)
        : known.text.replace('{0}', subscriptionId);
      return answer(fail(known.name, description, known.name === 'tokenMissing' || known.name === 'unauthorized' ? { 'WWW-Authenticate': OAUTH_REALM } : undefined),
        { note: `fault:${fault.code}` });
    }
    case 'status':
      return answer(fault.status === 500
        ? fail('internalError', 'An unexpected error occurred. Please retry.')
        : fail('serviceUnavailable', 'The service is temporarily unavailable. Please retry.'), { note: `fault:${fault.status}` });
    case 'none': break;
  }

  // 4. The handler; a PUT runs at most once per MS-RequestId.
  const memoryKey = method === 'PUT' && givenRequestId ? `${auth.principal.tenantId}/${givenRequestId}`.toLowerCase() : null;
  const remembered = memoryKey ? ctx.store.remembered.get(memoryKey) : undefined;
  if (remembered) return answer({ ...remembered }, { applied: false, note: 'replayed' });
  const handled = route.handler
    ? route.handler(ctx.store, { method, path, query: url.searchParams, headers: req.headers, body, principal: auth.principal }, route.params)
    : noRoute(route, method, path);
  const response = handled.status < 300 ? acceptedAs(handled, ctx.faults.acceptedAnswer(path, method)) : handled;
  if (memoryKey) ctx.store.remembered.set(memoryKey, { status: response.status, body: response.body, headers: response.headers ?? {} });
  return answer(response, method === 'PUT' ? { applied: response.applied === true } : {});
}

/** An accepted PUT answered without saying what was stored (the `acceptedEmpty*` faults); still applied. */
function acceptedAs(response: RestResponse, how: AcceptedAnswer): RestResponse {
  if (how === 'empty') return { ...response, status: 200, body: undefined, empty: true };
  if (how === 'emptyObject') return { ...response, status: 200, body: {}, empty: false };
  return response;
}

function tooMany(retryAfterSeconds: number): RestResponse {
  return { status: 429, body: throttledBody(retryAfterSeconds), headers: { 'Retry-After': String(retryAfterSeconds) } };
}

function mfaChallenge(ctx: RestContext, description: string): RestResponse {
  const claims = Buffer.from(JSON.stringify(MFA_CLAIMS)).toString('base64');
  return {
    status: 401,
    body: errorBody('insufficientClaims', description),
    headers: {
      'WWW-Authenticate': `Bearer realm="", authorization_uri="${ctx.authority()}/oauth2/v2.0/authorize", error="insufficient_claims", claims="${claims}"`,
    },
  };
}

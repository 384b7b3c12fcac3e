// The admin API under /_emulator/ (no auth; not part of the Partner Center contract). Its answers'
// types and the client tests use are in adminClient.ts.
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { contactKey, type AdminState, type SeedCustomer } from './adminClient';
import { EntraPolicy, parseRefusal } from './entra';
import { FaultInjector, parseFaultSpec } from './faults';
import { parseJson, sendEmpty, sendJson } from './http';
import { driftOf } from './seed';
import type { EmulatorStore } from './store';
import type { TenantThrottle } from './throttle';
import type { MintOptions, TokenRegistry } from './tokens';

export interface AdminContext {
  store: EmulatorStore;
  faults: FaultInjector;
  throttle: TenantThrottle;
  tokens: TokenRegistry;
  /** Approves a pending device-code sign-in; false if the user code is unknown. */
  approveDeviceCode: (userCode: string) => boolean;
  entra: EntraPolicy;
}

const adminError = (res: ServerResponse, status: number, message: string) => sendJson(res, status, { error: message });

export function handleAdmin(ctx: AdminContext, method: string, url: URL, body: string, res: ServerResponse): void {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  const json = body.trim() === '' ? { ok: true as const, value: {} } : parseJson(body);
  if (!json.ok) return adminError(res, 400, 'body is not JSON');
  const input = json.value;
  switch (route) {
    case 'GET /_emulator/state': return sendJson(res, 200, state(ctx.store));
    case 'GET /_emulator/requests': {
      const since = Number(url.searchParams.get('since') ?? 0);
      return sendJson(res, 200, ctx.store.requestLog.filter((e) => e.seq > since));
    }
    case 'GET /_emulator/faults': return sendJson(res, 200, ctx.faults.current());
    case 'POST /_emulator/faults': {
      const spec = parseFaultSpec(input);
      if (typeof spec === 'string') return adminError(res, 400, spec);
      ctx.faults.set(spec);
      return sendJson(res, 200, ctx.faults.current());
    }
    case 'DELETE /_emulator/faults':
      ctx.faults.clear();
      return sendEmpty(res, 204);
    case 'POST /_emulator/reset':
      ctx.store.reseed();
      ctx.faults.clear();
      ctx.entra.reset();
      ctx.throttle.clear();
      return sendEmpty(res, 204);
    case 'GET /_emulator/tokens': return sendJson(res, 200, ctx.tokens.issued());
    case 'POST /_emulator/tokens': {
      const options = parseMintOptions(input);
      if (typeof options === 'string') return adminError(res, 400, options);
      return sendJson(res, 200, ctx.tokens.mint(options));
    }
    case 'POST /_emulator/tokens/revoke': return sendJson(res, 200, ctx.tokens.revokeAll());
    case 'GET /_emulator/signin/refuse': return sendJson(res, 200, ctx.entra.current());
    case 'POST /_emulator/signin/refuse': {
      const spec = parseRefusal(input);
      if (typeof spec === 'string') return adminError(res, 400, spec);
      ctx.entra.refuse(spec);
      return sendJson(res, 200, ctx.entra.current());
    }
    case 'DELETE /_emulator/signin/refuse':
      ctx.entra.refuse(undefined);
      return sendEmpty(res, 204);
    case 'GET /_emulator/signins': return sendJson(res, 200, ctx.entra.signIns(Number(url.searchParams.get('since') ?? 0)));
    case 'POST /_emulator/signin': return signIn(ctx, input, res);
    case 'GET /_emulator/seed': return sendJson(res, 200, seed(ctx.store, url.searchParams.get('all') === '1'));
    case 'POST /_emulator/devicecode/approve': {
      const userCode = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).user_code : undefined;
      if (typeof userCode !== 'string') return adminError(res, 400, 'user_code is required');
      return ctx.approveDeviceCode(userCode) ? sendEmpty(res, 204) : adminError(res, 404, 'unknown or expired user_code');
    }
    default: return adminError(res, 404, `no admin route ${route}`);
  }
}

/**
 * A sign-in through the tests' Microsoft provider: Entra's answer for this client id and claims,
 * a refusal (400 with the OAuth error body) or an App+User MFA token.
 */
function signIn(ctx: AdminContext, input: unknown, res: ServerResponse): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return adminError(res, 400, 'body must be a JSON object');
  const raw = input as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
  const clientId = text('clientId');
  if (!clientId) return adminError(res, 400, 'clientId is required');
  const api = raw.api === 'challenge' || raw.api === 'scopes' ? raw.api : undefined;
  const claims = text('claims');
  const vscodeVersion = text('vscodeVersion');
  const refused = ctx.entra.check(
    { via: 'vscode', clientId, tenant: text('tenant') ?? 'organizations', ...(claims ? { claims } : {}), ...(api ? { api } : {}), ...(vscodeVersion ? { vscodeVersion } : {}) },
    'https://api.partnercenter.microsoft.com', () => ({ trace: randomUUID(), correlation: randomUUID() }),
  );
  if (refused) return sendJson(res, refused.status, refused.body);
  return sendJson(res, 200, ctx.tokens.mint({ kind: 'user', mfa: true, expiresInSeconds: 3600 }));
}

function parseMintOptions(input: unknown): MintOptions | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'body must be a JSON object';
  const raw = input as Record<string, unknown>;
  const options: MintOptions = {};
  if (raw.kind !== undefined) {
    if (raw.kind !== 'user' && raw.kind !== 'app') return "kind must be 'user' or 'app'";
    options.kind = raw.kind;
  }
  if (raw.mfa !== undefined) {
    if (typeof raw.mfa !== 'boolean') return 'mfa must be a boolean';
    options.mfa = raw.mfa;
  }
  if (raw.expiresInSeconds !== undefined) {
    if (typeof raw.expiresInSeconds !== 'number' || !Number.isFinite(raw.expiresInSeconds)) return 'expiresInSeconds must be a number';
    options.expiresInSeconds = raw.expiresInSeconds;
  }
  for (const key of ['tenantId', 'audience'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== 'string') return `${key} must be a string`;
    options[key] = raw[key];
  }
  return options;
}

function state(store: EmulatorStore): AdminState {
  const supportContacts: AdminState['supportContacts'] = {};
  for (const customer of store.customers) {
    for (const s of store.subscriptionsOf(customer)) {
      supportContacts[contactKey(customer.id, s.id)] = s.supportContact ? { ...s.supportContact } : null;
    }
  }
  return {
    partnerTenantId: store.partner.tenantId,
    customers: store.customers.length,
    resellers: store.resellers.map((r) => ({ id: r.id, name: r.name, mpnId: r.mpnId, state: r.state })),
    supportContacts,
  };
}

function seed(store: EmulatorStore, all: boolean): { customers: SeedCustomer[] } {
  const customers = all ? store.customers : store.customers.slice(0, 50);
  return {
    customers: customers.map((c) => ({
      id: c.id, companyName: c.companyName, domain: c.domain,
      resellerId: store.resellerOf(c)?.id ?? null,
      associatedPartnerId: store.resellerOf(c)?.mpnId ?? null,
      subscriptions: store.subscriptionsOf(c).map((s) => ({
        id: s.id, friendlyName: s.friendlyName, offerId: s.offerId, status: s.status, nce: s.nce, isTrial: s.isTrial,
        partnerId: s.partnerId, supportContact: s.supportContact ? { ...s.supportContact } : null,
        drift: driftOf(s, store.resellerOf(c), store.resellers, store.partner),
      })),
    })),
  };
}

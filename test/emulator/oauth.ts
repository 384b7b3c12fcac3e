// The sign-in authority (served over HTTPS): OpenID configuration, device code, token (device_code and
// refresh_token grants), and a tiny verification page with an Approve button.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntraPolicy } from './entra';
import { readBody, sendJson } from './http';
import type { Partner } from './seed';
import { MintOptions, PARTNER_CENTER_AUDIENCE, TokenRegistry, encodeJwt } from './tokens';

interface PendingSignIn { deviceCode: string; userCode: string; clientId: string; scope: string; claims: string; expiresAt: number; approved: boolean }

const DEVICE_CODE_LIFETIME_S = 900;
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

export class OAuthAuthority {
  private readonly pending = new Map<string, PendingSignIn>();
  /** e.g. https://127.0.0.1:PORT (set once the server listens). */
  origin = '';

  constructor(private readonly partner: Partner, private readonly tokens: TokenRegistry, private readonly autoApprove: boolean, private readonly entra: EntraPolicy) {}

  approve(userCode: string): boolean {
    const wanted = userCode.trim().toUpperCase();
    for (const signIn of this.pending.values()) {
      if (signIn.userCode === wanted && signIn.expiresAt > Date.now()) {
        signIn.approved = true;
        return true;
      }
    }
    return false;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const method = req.method ?? 'GET';
    const body = (await readBody(req)) ?? '';
    const form = new URLSearchParams(body);
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/([^/]+)(?:\/v2\.0)?\/\.well-known\/openid-configuration$/.exec(path))) {
      return sendJson(res, 200, this.openIdConfiguration(m[1]));
    }
    if (method === 'GET' && /^\/[^/]+\/discovery\/instance$/.test(path)) {
      const host = new URL(this.origin).host;
      return sendJson(res, 200, {
        tenant_discovery_endpoint: `${this.origin}/${this.partner.tenantId}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1', metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }
    if (method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) return sendJson(res, 200, { keys: [] });
    if (method === 'POST' && (m = /^\/([^/]+)\/oauth2\/v2\.0\/devicecode$/.exec(path))) return sendJson(res, 200, this.deviceCode(form));
    if (method === 'POST' && (m = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path))) {
      const { status, body: answer } = this.token(m[1], form);
      return sendJson(res, status, answer, { 'Cache-Control': 'no-store' });
    }
    if (path === '/devicelogin') return this.verificationPage(res, method === 'POST' ? form.get('user_code') : null);
    return sendJson(res, 404, { error: 'not_found', error_description: `No endpoint at ${path}` });
  }

  private openIdConfiguration(tenant: string): object {
    const base = `${this.origin}/${tenant}`;
    return {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      tenant_region_scope: 'NA',
    };
  }

  private deviceCode(form: URLSearchParams): object {
    const userCode = Array.from(randomBytes(9), (b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'[b % 32]).join('');
    const signIn: PendingSignIn = {
      deviceCode: randomBytes(24).toString('base64url'), userCode, clientId: form.get('client_id') ?? '',
      scope: form.get('scope') ?? '', claims: form.get('claims') ?? '', expiresAt: Date.now() + DEVICE_CODE_LIFETIME_S * 1000, approved: false,
    };
    this.pending.set(signIn.deviceCode, signIn);
    const verificationUri = `${this.origin}/devicelogin`;
    return {
      user_code: userCode, device_code: signIn.deviceCode, verification_uri: verificationUri,
      expires_in: DEVICE_CODE_LIFETIME_S, interval: 1,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    };
  }

  private token(tenant: string, form: URLSearchParams): { status: number; body: object } {
    const grant = form.get('grant_type') ?? '';
    const scope = form.get('scope') ?? '';
    const clientId = form.get('client_id') ?? '';
    if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') {
      const signIn = this.pending.get(form.get('device_code') ?? '');
      if (!signIn) return oauthError('invalid_grant', 'The device code is unknown or was already used.');
      if (signIn.expiresAt <= Date.now()) return oauthError('expired_token', 'The device code has expired.');
      if (!signIn.approved) {
        if (this.autoApprove) signIn.approved = true; // answered pending once, approved from now on
        return oauthError('authorization_pending', 'The user has not yet completed sign-in.');
      }
      this.pending.delete(signIn.deviceCode);
      const claims = signIn.claims || (form.get('claims') ?? '');
      const refused = this.entra.check(
        { via: 'deviceCode', clientId: signIn.clientId || clientId, tenant, ...(claims ? { claims } : {}) },
        audienceOf((signIn.scope || scope).split(/\s+/).find((s) => s !== '' && !OIDC_SCOPES.has(s))), () => ({ trace: randomUUID(), correlation: randomUUID() }),
      );
      if (refused) return refused;
      return { status: 200, body: this.issue(tenant, signIn.clientId || clientId, signIn.scope || scope, {}) };
    }
    if (grant === 'refresh_token') {
      const previous = this.tokens.refreshOptions(form.get('refresh_token') ?? '');
      if (!previous) return oauthError('invalid_grant', 'The refresh token is invalid or has expired.');
      const claims = form.get('claims') ?? '';
      return { status: 200, body: this.issue(tenant, clientId, scope, { ...previous, ...(claims.includes('mfa') ? { mfa: true } : {}) }) };
    }
    return oauthError('unsupported_grant_type', `The grant type '${grant}' is not supported.`);
  }

  private issue(tenant: string, clientId: string, scope: string, previous: MintOptions): object {
    const resourceScopes = scope.split(/\s+/).filter((s) => s !== '' && !OIDC_SCOPES.has(s));
    const audience = audienceOf(resourceScopes[0]);
    const minted = this.tokens.mint({ ...previous, kind: 'user', audience });
    const now = Math.floor(Date.now() / 1000);
    const idToken = encodeJwt({
      aud: clientId, iss: `${this.origin}/${tenant}/v2.0`, iat: now, nbf: now, exp: now + 3600,
      tid: this.partner.tenantId, oid: this.partner.userOid, sub: randomUUID(), name: 'Partner Admin',
      preferred_username: this.partner.upn, ver: '2.0',
    });
    const clientInfo = Buffer.from(JSON.stringify({ uid: this.partner.userOid, utid: this.partner.tenantId })).toString('base64url');
    return {
      token_type: 'Bearer', scope: resourceScopes.length > 0 ? resourceScopes.join(' ') : `${PARTNER_CENTER_AUDIENCE}/user_impersonation`,
      expires_in: minted.expires_in, ext_expires_in: minted.expires_in,
      access_token: minted.access_token, refresh_token: minted.refresh_token, id_token: idToken, client_info: clientInfo,
    };
  }

  private verificationPage(res: ServerResponse, submittedCode: string | null): void {
    const approved = submittedCode !== null && this.approve(submittedCode);
    const message = submittedCode === null ? ''
      : approved ? '<p id="result">Signed in. You can close this page and return to your application.</p>'
        : '<p id="result">That code is unknown or has expired.</p>';
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Partner Center emulator sign-in</title></head>
<body><h1>Partner Center emulator sign-in</h1>${message}
<form method="post" action="/devicelogin"><label>Code <input name="user_code" autocomplete="off" autofocus></label>
<button type="submit" id="approve">Approve</button></form></body></html>`;
    res.writeHead(approved || submittedCode === null ? 200 : 400, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
    res.end(html);
  }
}

function audienceOf(scope: string | undefined): string {
  if (!scope) return PARTNER_CENTER_AUDIENCE;
  const slash = scope.lastIndexOf('/');
  return slash > 'https://'.length ? scope.slice(0, slash) : scope;
}

function oauthError(error: string, description: string): { status: number; body: object } {
  return { status: 400, body: { error, error_description: description, error_codes: [], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() } };
}

// JWT-shaped, unsigned tokens (`header.payload.`) the emulator mints and later recognises.
import { randomUUID } from 'node:crypto';

export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
/** The Partner Center API's application id: also a valid audience. */
const PARTNER_CENTER_APP_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';

export interface TokenClaims {
  aud: string; tid: string; oid: string; upn?: string; scp?: string; roles?: string[];
  amr?: string[]; exp: number; iat: number; idtyp: 'user' | 'app';
}

export interface Principal { tenantId: string; kind: 'user' | 'app'; claims: TokenClaims | null }

export type TokenCheck =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' | 'expired' | 'audience' | 'tenant' | 'mfa' | 'revoked'; description: string };

export interface MintOptions {
  kind?: 'user' | 'app'; mfa?: boolean; expiresInSeconds?: number; tenantId?: string; audience?: string;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function encodeJwt(payload: object): string {
  return `${b64url({ typ: 'JWT', alg: 'none' })}.${b64url(payload)}.`;
}

export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class TokenRegistry {
  private readonly minted = new Set<string>();
  private readonly revoked = new Set<string>();
  private readonly refreshTokens = new Map<string, MintOptions>();

  constructor(
    private readonly partnerTenantId: string,
    private readonly userOid: string,
    private readonly upn: string,
    private readonly staticToken: string | undefined,
  ) {}

  mint(options: MintOptions = {}): { access_token: string; refresh_token?: string; expires_in: number } {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresInSeconds ?? 3600;
    const kind = options.kind ?? 'user';
    const base = { aud: options.audience ?? PARTNER_CENTER_AUDIENCE, tid: options.tenantId ?? this.partnerTenantId, iat: now, exp: now + expiresIn, jti: randomUUID() };
    const claims = kind === 'app'
      ? { ...base, oid: randomUUID(), roles: ['PartnerCenter.Read'], idtyp: 'app' }
      : { ...base, oid: this.userOid, upn: this.upn, scp: 'user_impersonation', amr: options.mfa === false ? ['pwd'] : ['pwd', 'mfa'], idtyp: 'user' };
    const accessToken = encodeJwt(claims);
    this.minted.add(accessToken);
    if (kind === 'app') return { access_token: accessToken, expires_in: expiresIn };
    const refreshToken = `rt.${randomUUID()}`;
    this.refreshTokens.set(refreshToken, { ...options });
    return { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn };
  }

  /** Every access and refresh token issued so far (the leak check looks for them in logs). */
  issued(): { accessTokens: string[]; refreshTokens: string[] } {
    return { accessTokens: [...this.minted], refreshTokens: [...this.refreshTokens.keys()] };
  }

  /**
   * Revokes every access and refresh token issued so far, as a password reset or an admin's
   * "revoke sessions" does: they are refused with 401 although they have not expired.
   */
  revokeAll(): { revoked: number } {
    const before = this.revoked.size;
    for (const t of this.minted) this.revoked.add(t);
    for (const t of this.refreshTokens.keys()) this.revoked.add(t);
    return { revoked: this.revoked.size - before };
  }

  /** The options a refresh token was minted with, or undefined if it is unknown or revoked. */
  refreshOptions(refreshToken: string): MintOptions | undefined {
    return this.revoked.has(refreshToken) ? undefined : this.refreshTokens.get(refreshToken);
  }

  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!authorization) return { ok: false, reason: 'missing', description: 'Authorization header is missing.' };
    if (!match) return { ok: false, reason: 'malformed', description: 'Authorization header is not a Bearer token.' };
    const token = match[1];
    if (this.staticToken !== undefined && token === this.staticToken) {
      return { ok: true, principal: { tenantId: this.partnerTenantId, kind: 'user', claims: null } };
    }
    if (!this.minted.has(token)) return { ok: false, reason: 'unknown', description: 'The access token is invalid.' };
    if (this.revoked.has(token)) return { ok: false, reason: 'revoked', description: 'The access token has been revoked.' };
    const claims = decodeJwtPayload(token) as TokenClaims | null; // minted by us: shape is known
    if (!claims) return { ok: false, reason: 'malformed', description: 'The access token is invalid.' };
    if (claims.exp <= Math.floor(Date.now() / 1000)) return { ok: false, reason: 'expired', description: 'The access token has expired.' };
    const aud = claims.aud.replace(/\/$/, '').toLowerCase();
    if (aud !== PARTNER_CENTER_AUDIENCE && aud !== PARTNER_CENTER_APP_ID) {
      return { ok: false, reason: 'audience', description: `The access token audience '${claims.aud}' is not valid for Partner Center.` };
    }
    if (claims.tid.toLowerCase() !== this.partnerTenantId.toLowerCase()) {
      return { ok: false, reason: 'tenant', description: `Tenant '${claims.tid}' is not a Partner Center partner tenant.` };
    }
    if (claims.idtyp === 'user' && !(claims.amr ?? []).includes('mfa')) {
      return { ok: false, reason: 'mfa', description: 'Multi-factor authentication is required for App+User calls.' };
    }
    return { ok: true, principal: { tenantId: claims.tid, kind: claims.idtyp, claims } };
  }
}

/** The claims challenge sent with insufficient_claims (base64 of this JSON). */
export const MFA_CLAIMS = { access_token: { amr: { essential: true, values: ['mfa'] } } };

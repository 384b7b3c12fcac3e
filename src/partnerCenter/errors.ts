// Errors are values with a kind. Everything the user may copy comes from here, and nothing here
// ever holds a token (only status, code, description, ids and the decoded claims challenge).
import * as l10n from '@vscode/l10n';

export type PartnerCenterErrorKind =
  | 'auth' | 'mfaRequired' | 'forbidden' | 'notFound' | 'validation' | 'nce'
  | 'throttled' | 'service' | 'network' | 'timeout' | 'cancelled';

export interface PartnerCenterErrorInit {
  status?: number;
  code?: number | string;
  description?: string;
  requestId?: string;
  correlationId?: string;
  claims?: string;
  /** The service's own WWW-Authenticate claims challenge, as sent (passed on to VS Code's provider). */
  wwwAuthenticate?: string;
  retryAfterSeconds?: number;
  /** True when the 401 says the token has expired (the client refreshes and retries once). */
  tokenExpired?: boolean;
  /**
   * The answer itself could not be used (too large, nested too deeply, a paging loop): asking again
   * gets the same answer, so it is not retried, and the message says what was wrong.
   */
  malformed?: true;
  /** The sign-in provider did not hand out a token in time (the message says so and asks for a new sign-in). */
  signInStalled?: true;
  /**
   * Partner Center accepted a change (2xx) without saying what it stored, and the re-read could not
   * tell either: the message says so and what to do (it may have been applied; refresh).
   */
  unconfirmed?: true;
}

export class PartnerCenterError extends Error {
  readonly kind: PartnerCenterErrorKind;
  readonly status?: number;
  readonly code?: number | string;
  readonly description?: string;
  requestId?: string;
  correlationId?: string;
  readonly claims?: string;
  readonly wwwAuthenticate?: string;
  readonly retryAfterSeconds?: number;
  readonly tokenExpired?: boolean;
  readonly malformed?: true;
  readonly signInStalled?: true;
  readonly unconfirmed?: true;

  /**
   * Every text an error holds may come from the service (code, description, ids from response
   * headers) and is shown, logged, journaled and written to the change log: all of it passes the one
   * redaction rule here. The claims and the challenge are kept as sent: the new sign-in needs them.
   */
  constructor(kind: PartnerCenterErrorKind, message: string, init: PartnerCenterErrorInit = {}) {
    super(redactSecrets(message));
    this.name = 'PartnerCenterError';
    this.kind = kind;
    Object.assign(this, init);
    if (typeof init.code === 'string') this.code = redactSecrets(init.code);
    if (init.description !== undefined) this.description = redactSecrets(init.description);
    if (init.requestId !== undefined) this.requestId = redactSecrets(init.requestId);
    if (init.correlationId !== undefined) this.correlationId = redactSecrets(init.correlationId);
  }
}

export function isPartnerCenterError(value: unknown): value is PartnerCenterError {
  return value instanceof PartnerCenterError;
}

export interface HttpAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed (camelized) body when it was JSON, else undefined. */
  body?: unknown;
}

function header(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `claims="<base64>"` from an insufficient_claims challenge and decodes it. */
export function parseClaimsChallenge(wwwAuthenticate: string | undefined): string | undefined {
  if (!wwwAuthenticate || !/error="?insufficient_claims/i.test(wwwAuthenticate)) return undefined;
  const match = /claims="([^"]*)"/i.exec(wwwAuthenticate);
  if (!match) return '';
  try {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    return decoded.trim().startsWith('{') ? decoded : match[1];
  } catch {
    return match[1];
  }
}

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

const nceText = /new commerce|\bnce\b/i;

/**
 * The claims that make Entra issue a token with multi-factor authentication, asked for when the
 * service says MFA is needed without sending a challenge of its own.
 */
export const MFA_CLAIMS = '{"access_token":{"amr":{"values":["mfa"]}}}';

/** Partner Center's code for "this App+User call needs an MFA token" (a plain 401, no challenge). */
const MFA_CODE = 900421;
/** Older answers: code 10001 with "MFA required" in the text. */
const mfaText = /\bMFA required\b|multi-?factor authentication (is )?required/i;

/** The challenge VS Code's provider gets for a set of claims: the shape Entra's resources send. */
export function claimsChallenge(claims: string): string {
  return `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(claims, 'utf8').toString('base64')}"`;
}

/** Defence in depth: a service text that echoes a bearer or JWT-shaped token loses it. */
export function redactSecrets(text: string): string {
  // The union of what the client and the output channel used to redact separately: any Bearer
  // value, and anything JWT-shaped (two or three segments).
  return text
    .replace(/(bearer\s+)[^\s"']+/gi, '$1[redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g, '[redacted token]');
}

/** Maps a non-2xx HTTP answer to a typed error. */
export function errorFromAnswer(answer: HttpAnswer): PartnerCenterError {
  const body = (answer.body !== null && typeof answer.body === 'object' ? answer.body : {}) as Record<string, unknown>;
  const code = typeof body.code === 'number' || typeof body.code === 'string' ? body.code : undefined;
  // Redacted once, in the PartnerCenterError constructor (code, description, ids and the message).
  const description = typeof body.description === 'string' ? body.description
    : typeof body.message === 'string' ? body.message : undefined;
  const init: PartnerCenterErrorInit = {
    status: answer.status, code, description,
    requestId: header(answer, 'ms-requestid'), correlationId: header(answer, 'ms-correlationid'),
  };
  const { status } = answer;
  const text = description ? `: ${description}` : '';
  if (status === 401) {
    const challenge = header(answer, 'www-authenticate');
    const claims = parseClaimsChallenge(challenge);
    if (claims !== undefined) {
      // An empty claims value still means "sign in again with MFA": ask for the MFA claims then.
      return new PartnerCenterError('mfaRequired', `Multi-factor authentication is required${text}`, claims
        ? { ...init, claims, wwwAuthenticate: challenge }
        : { ...init, claims: MFA_CLAIMS });
    }
    if (Number(code) === MFA_CODE || mfaText.test(description ?? '')) {
      return new PartnerCenterError('mfaRequired', `Multi-factor authentication is required (401)${text}`, { ...init, claims: MFA_CLAIMS });
    }
    const expired = /expired/i.test(`${challenge ?? ''} ${description ?? ''}`);
    return new PartnerCenterError('auth', `Not signed in or the sign-in has expired (401)${text}`, { ...init, tokenExpired: expired });
  }
  if (status === 403) return new PartnerCenterError('forbidden', `Access denied (403)${text}`, init);
  if (status === 404) return new PartnerCenterError('notFound', `Not found (404)${text}`, init);
  if (status === 400 && description !== undefined && nceText.test(description)) {
    return new PartnerCenterError('nce', `Not supported for New Commerce subscriptions (400)${text}`, init);
  }
  if (status === 400 || status === 409 || status === 422) return new PartnerCenterError('validation', `The request was rejected (${status})${text}`, init);
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(header(answer, 'retry-after'));
    return new PartnerCenterError('throttled', `Too many requests (429)${text}`, { ...init, retryAfterSeconds });
  }
  if (status >= 500) return new PartnerCenterError('service', `Partner Center had a problem (${status})${text}`, init);
  return new PartnerCenterError('service', `Unexpected answer (${status})${text}`, init);
}

// A function, not a table: the strings are looked up after activation has loaded the l10n bundle.
function nextStep(kind: PartnerCenterErrorKind): string {
  switch (kind) {
    case 'auth': return l10n.t('Your Partner Center sign-in is missing or has expired. Sign in again.');
    case 'mfaRequired': return l10n.t('Partner Center needs a sign-in with multi-factor authentication. Sign in again and complete the MFA prompt.');
    case 'forbidden': return l10n.t('Your account is not allowed to do this in Partner Center. Sign in with an App+User account that has the right Partner Center role.');
    case 'notFound': return l10n.t('Partner Center could not find this item; it may have been removed. Refresh the view.');
    case 'validation': return l10n.t('Partner Center rejected the request as invalid. Check the values and try again, or copy the details.');
    case 'nce': return l10n.t('Support contacts cannot be set on New Commerce (NCE) subscriptions. Choose a traditional (legacy) subscription instead.');
    case 'throttled': return l10n.t('Partner Center is limiting how many requests are sent. Wait a moment and retry.');
    case 'service': return l10n.t('Partner Center had a problem answering. Retry in a moment, or copy the details for support.');
    case 'network': return l10n.t('Partner Center could not be reached. Check your network or proxy settings and retry.');
    case 'timeout': return l10n.t('Partner Center did not answer in time. Retry in a moment.');
    case 'cancelled': return l10n.t('The operation was cancelled. Run it again when you are ready.');
  }
}

function malformedNextStep(): string {
  return l10n.t('Asking again now would get the same answer: try again later, or copy the details for support.');
}

/** What a failure asks of the user's sign-in: nothing, a sign-in, or a new sign-in. */
export interface SignInRequest {
  /**
   * Partner Center refused the current token even after the client's one refresh (revoked by a
   * password reset or an admin, say): the cached sign-in must not be handed out again.
   */
  reauthenticate?: true;
  /** The claims the new sign-in must satisfy (MFA): the service's, or MFA_CLAIMS (a JSON object as text). */
  claims?: string;
  /** The service's own WWW-Authenticate challenge, when it sent one: VS Code's provider reads it. */
  wwwAuthenticate?: string;
}

export function signInRequestFor(err: unknown): SignInRequest | undefined {
  if (!isPartnerCenterError(err)) return undefined;
  if (err.kind === 'mfaRequired') {
    return err.wwwAuthenticate ? { claims: err.claims ?? MFA_CLAIMS, wwwAuthenticate: err.wwwAuthenticate } : { claims: err.claims ?? MFA_CLAIMS };
  }
  if (err.kind !== 'auth') return undefined;
  return err.status === 401 ? { reauthenticate: true } : {};
}

const MAX_CLAIMS_LENGTH = 4096;

/** The argument of partnerCenter.signIn, from any caller: only the well-formed parts are taken. */
export function parseSignInRequest(value: unknown): SignInRequest {
  if (typeof value !== 'object' || value === null) return {};
  const raw = value as { reauthenticate?: unknown; claims?: unknown; wwwAuthenticate?: unknown };
  const request: SignInRequest = raw.reauthenticate === true ? { reauthenticate: true } : {};
  if (typeof raw.claims === 'string' && raw.claims.length <= MAX_CLAIMS_LENGTH && isJsonObject(raw.claims)) request.claims = raw.claims;
  const challenge = raw.wwwAuthenticate;
  // Only a claims challenge on one line goes on to VS Code's provider, and only with its claims.
  if (request.claims && typeof challenge === 'string' && challenge.length <= MAX_CLAIMS_LENGTH
    && /^Bearer\s/i.test(challenge) && !/[\u0000-\u001f\u007f]/.test(challenge) && parseClaimsChallenge(challenge)) {
    request.wwwAuthenticate = challenge;
  }
  return request;
}

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** What the user can do next about a documented error, beyond reading the sentence. */
export type NextAction = 'refresh' | 'switchAccount' | 'signIn' | 'pickReseller';

export interface DocumentedError { message: string; action?: NextAction }

/**
 * The codes of Partner Center's error table (develop/error-codes.md) that this product meets, each
 * as one plain sentence with the next step. Matched on status and code together, so a number the
 * table gives another meaning under another status is not misread.
 */
export function documentedError(err: unknown): DocumentedError | undefined {
  if (!isPartnerCenterError(err) || err.status === undefined || err.code === undefined) return undefined;
  switch (`${err.status}/${String(err.code)}`) {
    case '403/20002': return { action: 'refresh', message: l10n.t('Your partner account has no commerce relationship with this customer (any more). Refresh the view; if the customer belongs to another partner account, switch to that account.') };
    case '404/20003': return { action: 'refresh', message: l10n.t('This subscription no longer exists in Partner Center: it was removed or moved since the view was loaded. Refresh the view.') };
    case '400/800016': return { action: 'pickReseller', message: l10n.t('Partner Center does not recognise this MPN ID as one of your indirect resellers. Refresh the reseller list and choose another reseller.') };
    case '403/800039': return { action: 'pickReseller', message: l10n.t("The reseller's Partner Center program status is not active, so it cannot be the support contact. Choose an active reseller.") };
    case '403/900123': return { action: 'pickReseller', message: l10n.t('This indirect reseller has not accepted the Microsoft Partner Agreement (MPA). The reseller must accept the MPA in Partner Center before it can be the support contact; choose another reseller until then.') };
    case '400/2011': return { action: 'refresh', message: l10n.t('The subscription is deleted, and Partner Center cannot update a deleted subscription. Refresh the view to see its status.') };
    case '400/800091': return { action: 'refresh', message: l10n.t('The subscription is suspended, and Partner Center cannot update a suspended subscription. Reactivate it in Partner Center first, then try again.') };
    case '403/900150': return { action: 'switchAccount', message: l10n.t('Your Partner Center role does not have the rights to change support contacts. Partner Center allows it for the Admin agent, Global admin and Helpdesk agent roles: ask your admin for one of them, or switch to an account that has one.') };
    case '401/800001': return { action: 'signIn', message: l10n.t('Partner Center received the request without your sign-in. Sign in again.') };
    case '400/800002': return { message: l10n.t('Partner Center says the request input is invalid. Check the values, refresh the view and try again, or copy the details for support.') };
    default: return undefined;
  }
}

/** One plain sentence plus a next step. A validation error from the client keeps its reason. */
export function toUserMessage(err: unknown): string {
  if (!isPartnerCenterError(err)) return l10n.t('Something went wrong talking to Partner Center. Retry, or copy the details.');
  if (err.unconfirmed) return err.message;
  const documented = documentedError(err);
  if (documented) return documented.message;
  if (err.malformed) return `${err.message} ${malformedNextStep()}`;
  if (err.signInStalled) return err.message;
  if ((err.kind === 'validation' || err.kind === 'nce') && err.status === undefined) {
    return `${err.message} ${err.kind === 'nce' ? nextStep('nce') : l10n.t('Correct it and try again.')}`;
  }
  return nextStep(err.kind);
}

/** Text for "Copy details": status, code, description and ids. Never tokens. */
export function details(err: unknown): string {
  if (!isPartnerCenterError(err)) return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const lines = [`Kind: ${err.kind}`];
  if (err.status !== undefined) lines.push(`HTTP status: ${err.status}`);
  if (err.code !== undefined) lines.push(`Code: ${err.code}`);
  lines.push(`Description: ${err.description ?? err.message}`);
  if (err.requestId) lines.push(`MS-RequestId: ${err.requestId}`);
  if (err.correlationId) lines.push(`MS-CorrelationId: ${err.correlationId}`);
  if (err.retryAfterSeconds !== undefined) lines.push(`Retry-After: ${err.retryAfterSeconds}s`);
  if (err.claims) lines.push(`Claims challenge: ${redactSecrets(err.claims)}`);
  return lines.join('\n');
}

// How Entra refuses a sign-in, and every sign-in the emulator saw. Both the OAuth authority (device
// code) and the tests' stand-in for VS Code's Microsoft provider (POST /_emulator/signin) go through
// here, so a test can make either refuse with a documented AADSTS code and then check which client
// id and claims the extension asked with.

/** VS Code's own (first-party) app registration: what the Microsoft provider uses without VSCODE_CLIENT_ID. */
export const VSCODE_CLIENT_ID = 'aebc6443-996d-45c2-90f0-388ff96faa56';

/** The AADSTS codes the emulator can refuse with; the texts follow Entra's own error messages. */
export const REFUSALS = {
  65001: { error: 'invalid_grant', text: (c: Ctx) => `AADSTS65001: The user or administrator has not consented to use the application with ID '${c.clientId}'. Send an interactive authorization request for this user and resource.` },
  65002: { error: 'invalid_grant', text: (c: Ctx) => `AADSTS65002: Consent between first party application '${c.clientId}' and first party resource '${c.resource}' must be configured via preauthorization - applications owned and operated by Microsoft must get approval from the API owner before requesting tokens for that API.` },
  700016: { error: 'unauthorized_client', text: (c: Ctx) => `AADSTS700016: Application with identifier '${c.clientId}' was not found in the directory '${c.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.` },
  53003: { error: 'invalid_grant', text: () => 'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.' },
  50076: { error: 'invalid_grant', text: (c: Ctx) => `AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${c.resource}'.` },
  50079: { error: 'invalid_grant', text: (c: Ctx) => `AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${c.resource}'.` },
} as const satisfies Record<number, { error: string; text: (c: Ctx) => string }>;

export type RefusalCode = keyof typeof REFUSALS;

interface Ctx { clientId: string; tenant: string; resource: string }

export interface RefusalSpec {
  code: RefusalCode;
  /** Only sign-ins with this client id are refused (e.g. VS Code's own app for 65002); default: all. */
  clientId?: string;
  /** How many sign-ins to refuse; default: every one until cleared. */
  count?: number;
}

export interface SignInRecord {
  seq: number;
  time: string;
  /** `vscode`: the tests' Microsoft provider; `deviceCode`: the OAuth authority's device-code grant. */
  via: 'vscode' | 'deviceCode';
  clientId: string;
  tenant: string;
  /** The claims the sign-in asked for (JSON text), when it asked for any. */
  claims?: string;
  /** How the provider was asked: with a WWW-Authenticate challenge (VS Code 1.105+) or with scopes. */
  api?: 'challenge' | 'scopes';
  vscodeVersion?: string;
  /** The AADSTS code it was refused with, if it was. */
  refused?: RefusalCode;
}

export type OAuthError = { status: 400; body: { error: string; error_description: string; error_codes: number[]; timestamp: string; trace_id: string; correlation_id: string } };

export class EntraPolicy {
  private refusal: RefusalSpec | undefined;
  private log: SignInRecord[] = [];
  private seq = 0;

  refuse(spec: RefusalSpec | undefined): void {
    this.refusal = spec ? { ...spec } : undefined;
  }

  /** No refusal, an empty log (POST /_emulator/reset). */
  reset(): void {
    this.refusal = undefined;
    this.log = [];
  }

  current(): RefusalSpec | null {
    return this.refusal ? { ...this.refusal } : null;
  }

  signIns(since = 0): SignInRecord[] {
    return this.log.filter((r) => r.seq > since);
  }

  /** Records a sign-in; answers the refusal (an OAuth error body) when one applies, else undefined. */
  check(attempt: Omit<SignInRecord, 'seq' | 'time' | 'refused'>, resource: string, ids: () => { trace: string; correlation: string }): OAuthError | undefined {
    const r = this.refusal;
    const applies = r !== undefined && (r.clientId === undefined || r.clientId.toLowerCase() === attempt.clientId.toLowerCase());
    const record: SignInRecord = { seq: ++this.seq, time: new Date().toISOString(), ...attempt, ...(applies ? { refused: r.code } : {}) };
    this.log.push(record);
    if (!applies) return undefined;
    if (r.count !== undefined && --r.count <= 0) this.refusal = undefined;
    const { error, text } = REFUSALS[r.code];
    const { trace, correlation } = ids();
    return {
      status: 400,
      body: {
        error, error_description: text({ clientId: attempt.clientId, tenant: attempt.tenant, resource }), error_codes: [r.code],
        timestamp: new Date().toISOString(), trace_id: trace, correlation_id: correlation,
      },
    };
  }
}

export function parseRefusal(input: unknown): RefusalSpec | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'body must be a JSON object';
  const raw = input as Record<string, unknown>;
  if (typeof raw.code !== 'number' || !(raw.code in REFUSALS)) return `code must be one of ${Object.keys(REFUSALS).join(', ')}`;
  const spec: RefusalSpec = { code: raw.code as RefusalCode };
  if (raw.clientId !== undefined) {
    if (typeof raw.clientId !== 'string' || raw.clientId === '') return 'clientId must be a non-empty string';
    spec.clientId = raw.clientId;
  }
  if (raw.count !== undefined) {
    if (typeof raw.count !== 'number' || !Number.isInteger(raw.count) || raw.count < 1) return 'count must be a whole number ≥ 1';
    spec.count = raw.count;
  }
  const unknown = Object.keys(raw).filter((k) => !['code', 'clientId', 'count'].includes(k));
  if (unknown.length > 0) return `unknown field(s): ${unknown.join(', ')}`;
  return spec;
}

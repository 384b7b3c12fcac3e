// The admin API under /_emulator/ as its callers see it: the answers' types (admin.ts builds exactly
// these) and the one typed client the unit tests, the UI journeys and the bench use.
import type { RefusalSpec, SignInRecord } from './entra';
import type { FaultSpec } from './faults';
import type { Drift, Reseller, SubscriptionStatus, SupportContact } from './seed';
import type { RequestLogEntry } from './store';
import type { MintOptions } from './tokens';

export type { Drift, FaultSpec, MintOptions, RefusalSpec, Reseller, SignInRecord, SubscriptionStatus, SupportContact };
/** One REST request in GET /_emulator/requests (admin calls are not logged). */
export type LoggedRequest = RequestLogEntry;

/** One subscription in GET /_emulator/seed: its current support contact included, and how it drifts. */
export interface SeedSubscription {
  id: string; friendlyName: string; offerId: string; status: SubscriptionStatus; nce: boolean; isTrial: boolean;
  partnerId: string | null; supportContact: SupportContact | null; drift: Drift;
}
export interface SeedCustomer {
  id: string; companyName: string; domain: string; resellerId: string | null; associatedPartnerId: string | null;
  subscriptions: SeedSubscription[];
}

/** GET /_emulator/state. `supportContacts` is keyed by contactKey(customer id, subscription id). */
export interface AdminState {
  partnerTenantId: string;
  customers: number;
  resellers: Reseller[];
  supportContacts: Record<string, SupportContact | null>;
}

export interface IssuedTokens { accessTokens: string[]; refreshTokens: string[] }
export interface MintedToken { access_token: string; refresh_token?: string; expires_in: number; token_type?: string }

export type AdminMethod = 'GET' | 'POST' | 'DELETE';

/** The key of `supportContacts` in the state for one subscription ("<customer>/<subscription>", lower case). */
export const contactKey = (customerId: string, subscriptionId: string): string => `${customerId}/${subscriptionId}`.toLowerCase();

/**
 * How many times each customer's subscriptions were read (answered 200) in `log`, by customer id
 * (lower case): one read per MS-RequestId. The client sends an attempt it gave up on (its timeout, on
 * a loaded machine) again with the same request id; that is one read, even when both reached the emulator.
 */
export function subscriptionReads(log: readonly LoggedRequest[]): Map<string, number> {
  const ids = new Map<string, Set<string>>();
  for (const r of log) {
    const m = /^\/v1\/customers\/([^/]+)\/subscriptions$/i.exec(r.path);
    if (r.method !== 'GET' || !m || r.status !== 200) continue;
    const customer = m[1].toLowerCase();
    ids.set(customer, (ids.get(customer) ?? new Set()).add(r.requestId));
  }
  return new Map([...ids].map(([customer, set]) => [customer, set.size]));
}

export class EmulatorAdmin {
  /** `url` is the emulator's REST base (RunningEmulator.url). */
  constructor(readonly url: string) {}

  /** One admin call; throws with the status and body on anything but 2xx. */
  async call<T = unknown>(method: AdminMethod, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_emulator/${route.replace(/^\//, '')}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = (await res.text()).replace(/^\uFEFF/, '');
    if (!res.ok) throw new Error(`emulator admin ${method} ${route}: ${res.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  state(): Promise<AdminState> {
    return this.call<AdminState>('GET', 'state');
  }

  /** The seeded customers with their subscriptions as they are now: the first 50, or all. */
  async seed(options: { all?: boolean } = {}): Promise<SeedCustomer[]> {
    return (await this.call<{ customers: SeedCustomer[] }>('GET', options.all ? 'seed?all=1' : 'seed')).customers;
  }

  async resellers(): Promise<Reseller[]> {
    return (await this.state()).resellers;
  }

  /** The stored contact; null when none is set, undefined for a subscription the emulator does not have. */
  async contactOf(customerId: string, subscriptionId: string): Promise<SupportContact | null | undefined> {
    return (await this.state()).supportContacts[contactKey(customerId, subscriptionId)];
  }

  /** The request log (REST calls only), after sequence number `since`. */
  requests(since = 0): Promise<LoggedRequest[]> {
    return this.call<LoggedRequest[]>('GET', since > 0 ? `requests?since=${since}` : 'requests');
  }

  /** The sequence number of the last logged request (0 when none): pass it to requests() later. */
  async lastSeq(): Promise<number> {
    return (await this.requests()).reduce((max, r) => Math.max(max, r.seq), 0);
  }

  faults(): Promise<FaultSpec> {
    return this.call<FaultSpec>('GET', 'faults');
  }

  /** Replaces the injected faults (their counters start again); answers the faults now in force. */
  setFaults(spec: FaultSpec): Promise<FaultSpec> {
    return this.call<FaultSpec>('POST', 'faults', spec);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  /**
   * Runs `fn` with `spec` injected and clears the faults afterwards, also when `fn` throws (then a
   * failure to clear does not hide `fn`'s error).
   */
  withFaults<T>(spec: FaultSpec, fn: () => Promise<T>): Promise<T> {
    return during(() => this.setFaults(spec), () => this.clearFaults(), fn);
  }

  /** Re-seeds the data and clears the request log, PUT memory, faults, sign-in refusals and throttle. */
  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  /** Every access and refresh token issued so far. */
  tokens(): Promise<IssuedTokens> {
    return this.call<IssuedTokens>('GET', 'tokens');
  }

  mint(options: MintOptions = {}): Promise<MintedToken> {
    return this.call<MintedToken>('POST', 'tokens', options);
  }

  /** Revokes every token issued so far (as a password reset does). */
  revokeTokens(): Promise<{ revoked: number }> {
    return this.call<{ revoked: number }>('POST', 'tokens/revoke', {});
  }

  /** Sign-ins after sequence number `since` (the tests' Microsoft provider and device code). */
  signIns(since = 0): Promise<SignInRecord[]> {
    return this.call<SignInRecord[]>('GET', since > 0 ? `signins?since=${since}` : 'signins');
  }

  /** The sequence number of the last sign-in (0 when none): pass it to signIns() later. */
  async lastSignInSeq(): Promise<number> {
    return (await this.signIns()).reduce((max, r) => Math.max(max, r.seq), 0);
  }

  /** The sign-in refusal in force, if any. */
  signInRefusal(): Promise<RefusalSpec | null> {
    return this.call<RefusalSpec | null>('GET', 'signin/refuse');
  }

  /** Refuses sign-ins as Entra does (an AADSTS code, optionally for one client id and a count). */
  refuseSignIns(spec: RefusalSpec): Promise<RefusalSpec | null> {
    return this.call<RefusalSpec | null>('POST', 'signin/refuse', spec);
  }

  async clearSignInRefusal(): Promise<void> {
    await this.call('DELETE', 'signin/refuse');
  }

  /**
   * Runs `fn` while sign-ins are refused with `spec`, and lifts the refusal afterwards, also when
   * `fn` throws (then a failure to lift it does not hide `fn`'s error).
   */
  withSignInsRefused<T>(spec: RefusalSpec, fn: () => Promise<T>): Promise<T> {
    return during(() => this.refuseSignIns(spec), () => this.clearSignInRefusal(), fn);
  }

  async approveDeviceCode(userCode: string): Promise<void> {
    await this.call('POST', 'devicecode/approve', { user_code: userCode });
  }
}

/** `set`, then `fn`, then `undo` — also when `fn` throws (then a failing `undo` does not hide `fn`'s error). */
async function during<T>(set: () => Promise<unknown>, undo: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  await set();
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    await undo().catch(() => undefined);
    throw err;
  }
  await undo();
  return result;
}

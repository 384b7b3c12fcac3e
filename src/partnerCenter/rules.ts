// The domain rules every layer shares — ids, names, support-contact equality, what can be changed —
// written once. Pure functions with no imports at all: the client, the bulk engine, the history,
// the trees and the webview page (src/webview/shared/) all use these, so they cannot drift apart.
// The decisions behind them are in ARCHITECTURE.md ("Domain rules").

export const maxNameLength = 256;
const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && guidPattern.test(value);
}

export function isMpnId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{1,20}$/.test(value);
}

export function isValidName(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxNameLength;
}

/** GUIDs compared case-insensitively (the service mixes cases); never re-case what is sent back. */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

export interface ContactFields {
  supportTenantId: string; supportMpnId: string; name: string;
  /** The signed-in indirect provider itself (the service's default while no reseller is designated). */
  indirectProvider?: true;
}

/**
 * Two support contacts are the same when they name the same reseller: the same tenant id (any case)
 * and the same MPN id. The name is the label sent with them; a contact that only carries another
 * name has not changed hands (the re-read before a change, Undo's check and "already set" agree).
 */
export function sameContact(a: ContactFields | null | undefined, b: ContactFields | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return sameId(a.supportTenantId, b.supportTenantId) && a.supportMpnId === b.supportMpnId;
}

/** A contact with a GUID tenant id and a numeric MPN id: what a 2xx answer to the PUT should carry. */
export function isCompleteContact(c: ContactFields | null | undefined): c is ContactFields {
  return !!c && isGuid(c.supportTenantId) && isMpnId(c.supportMpnId);
}

export interface NamedSubscription { id: string; friendlyName?: string; offerName?: string }
export interface NamedCustomer { id: string; companyProfile: { companyName?: string; domain?: string } }

/** A subscription's display name: friendly name, else offer name, else its id. */
export function subscriptionName(s: NamedSubscription): string {
  return s.friendlyName?.trim() || s.offerName?.trim() || s.id;
}

/** A customer's display name: company name, else domain, else its id (never "undefined"). */
export function customerName(c: NamedCustomer): string {
  return c.companyProfile.companyName?.trim() || c.companyProfile.domain?.trim() || c.id;
}

/** NCE when the offer id is catalog style (not a GUID, contains ':') or the product type says so. */
export function isNce(sub: { offerId: string; productType?: { id?: string } }): boolean {
  if (sub.productType?.id?.toLowerCase() === 'onlineservicesnce') return true;
  return !guidPattern.test(sub.offerId) && sub.offerId.includes(':');
}

/**
 * Why a subscription's support contact cannot be changed, or undefined when it can: NCE never, and
 * only an `active` subscription (Partner Center refuses every other status: 400/2011 deleted,
 * 400/800091 suspended, and, in the emulator, 400/800012 for the rest — `pending`, `none` and
 * statuses we do not know included).
 */
export function changeBlocker(sub: { offerId: string; productType?: { id?: string }; status: string }): 'nce' | 'notActive' | undefined {
  if (isNce(sub)) return 'nce';
  return sub.status === 'active' ? undefined : 'notActive';
}

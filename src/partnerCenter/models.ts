// Typed Partner Center resources and the normalizers that turn service JSON (PascalCase or
// camelCase, possibly with values we have never seen) into them. Normalizers never throw on
// unknown enum values: a new status becomes 'unknown' and the raw value is kept.
export { isNce } from './rules';

export interface LinkHeader { key: string; value: string }
export interface Link { uri: string; method: string; headers: LinkHeader[] }
export interface Links { self?: Link; next?: Link; previous?: Link }

export interface ResourceCollection<T> {
  totalCount: number;
  items: T[];
  links: Links;
}

export interface CompanyProfile { tenantId?: string; domain?: string; companyName?: string }

export interface Customer {
  id: string;
  companyProfile: CompanyProfile;
  relationshipToPartner?: string;
  associatedPartnerId?: string;
}

/** The documented statuses (subscription-resources.md; expired on NCE). Any other is 'unknown', shown as sent. */
export const subscriptionStatuses = ['none', 'active', 'pending', 'suspended', 'deleted', 'expired'] as const;
export type KnownSubscriptionStatus = (typeof subscriptionStatuses)[number];
export type SubscriptionStatus = KnownSubscriptionStatus | 'unknown';

export interface ProductType { id?: string; displayName?: string }

export interface Subscription {
  id: string;
  offerId: string;
  offerName?: string;
  friendlyName?: string;
  quantity?: number;
  status: SubscriptionStatus;
  /** The status exactly as the service sent it (useful when `status` is 'unknown'). */
  rawStatus?: string;
  autoRenewEnabled?: boolean;
  billingCycle?: string;
  termDuration?: string;
  commitmentEndDate?: string;
  partnerId?: string;
  productType?: ProductType;
  /** An add-on's base subscription. */
  parentSubscriptionId?: string;
}

export interface SupportContact {
  supportTenantId: string; supportMpnId: string; name: string;
  /** Set by the client when the contact is the signed-in indirect provider itself (no reseller designated). */
  indirectProvider?: true;
}

/** A SupportContact as this extension stores it (journal, change log): read back from a file, checked field by field. */
export function isStoredContact(v: unknown): v is SupportContact {
  const c = v as Partial<Record<keyof SupportContact, unknown>> | null;
  return typeof c === 'object' && c !== null && !Array.isArray(c)
    && typeof c.supportTenantId === 'string' && typeof c.supportMpnId === 'string' && typeof c.name === 'string'
    && (c.indirectProvider === undefined || c.indirectProvider === null || c.indirectProvider === true);
}

/** A PartnerRelationship item: the partner's indirect resellers, or a customer's resellers. */
export interface ResellerRelationship {
  id: string;
  name: string;
  relationshipType?: string;
  state: string;
  /** state compared case-insensitively with "Active". */
  active: boolean;
  mpnId: string;
  location?: string;
}
export type PartnerRelationship = ResellerRelationship;

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Deeply lower-cases the first letter of every object key ("SupportTenantId" → "supportTenantId"). */
export function camelizeKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, inner] of Object.entries(value as JsonObject)) {
      out[key.length > 0 ? key[0].toLowerCase() + key.slice(1) : key] = camelizeKeys(inner);
    }
    return out;
  }
  return value;
}

function obj(value: Json): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {};
}
function str(value: Json): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
function num(value: Json): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function bool(value: Json): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function normalizeLink(value: Json): Link | undefined {
  const o = obj(value);
  const uri = str(o.uri);
  if (uri === undefined) return undefined;
  const headers = Array.isArray(o.headers)
    ? o.headers.map(obj).flatMap((h) => {
      const key = str(h.key); const v = str(h.value);
      return key !== undefined && v !== undefined ? [{ key, value: v }] : [];
    })
    : [];
  return { uri, method: str(o.method) ?? 'GET', headers };
}

export function normalizeCollection<T>(value: Json, item: (raw: Json) => T): ResourceCollection<T> {
  const o = obj(camelizeKeys(value));
  const items = Array.isArray(o.items) ? o.items.map(item) : [];
  const links = obj(o.links);
  const result: Links = {};
  const self = normalizeLink(links.self); if (self) result.self = self;
  const next = normalizeLink(links.next); if (next) result.next = next;
  const previous = normalizeLink(links.previous); if (previous) result.previous = previous;
  return { totalCount: num(o.totalCount) ?? items.length, items, links: result };
}

export function normalizeCustomer(value: Json): Customer {
  const o = obj(camelizeKeys(value));
  const profile = obj(o.companyProfile);
  return {
    id: str(o.id) ?? '',
    companyProfile: { tenantId: str(profile.tenantId), domain: str(profile.domain), companyName: str(profile.companyName) },
    relationshipToPartner: str(o.relationshipToPartner),
    associatedPartnerId: str(o.associatedPartnerId),
  };
}

export function normalizeSubscriptionStatus(raw: string | undefined): SubscriptionStatus {
  const lower = raw?.toLowerCase();
  return (subscriptionStatuses as readonly string[]).includes(lower ?? '') ? (lower as KnownSubscriptionStatus) : 'unknown';
}

export function normalizeSubscription(value: Json): Subscription {
  const o = obj(camelizeKeys(value));
  const rawStatus = str(o.status);
  const product = o.productType === undefined ? undefined : obj(o.productType);
  return {
    id: str(o.id) ?? '',
    offerId: str(o.offerId) ?? '',
    offerName: str(o.offerName),
    friendlyName: str(o.friendlyName),
    quantity: num(o.quantity),
    status: normalizeSubscriptionStatus(rawStatus),
    rawStatus,
    autoRenewEnabled: bool(o.autoRenewEnabled),
    billingCycle: str(o.billingCycle),
    termDuration: str(o.termDuration),
    commitmentEndDate: str(o.commitmentEndDate),
    partnerId: str(o.partnerId),
    productType: product ? { id: str(product.id), displayName: str(product.displayName) } : undefined,
    ...(str(o.parentSubscriptionId) ? { parentSubscriptionId: str(o.parentSubscriptionId) } : {}),
  };
}

export function normalizeSupportContact(value: Json): SupportContact {
  const o = obj(camelizeKeys(value));
  return { supportTenantId: str(o.supportTenantId) ?? '', supportMpnId: str(o.supportMpnId) ?? '', name: str(o.name) ?? '' };
}

export function normalizeRelationship(value: Json): ResellerRelationship {
  const o = obj(camelizeKeys(value));
  const state = str(o.state) ?? '';
  return {
    id: str(o.id) ?? '',
    name: str(o.name) ?? '',
    relationshipType: str(o.relationshipType),
    state,
    active: state.toLowerCase() === 'active',
    mpnId: str(o.mpnId) ?? '',
    location: str(o.location),
  };
}

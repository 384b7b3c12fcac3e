// Deterministic seeded data: the partner, ~20 indirect resellers, N customers. A customer's
// subscriptions are derived from (seed, customer index) on first use, so 50,000 customers start fast.

export interface Reseller { id: string; name: string; mpnId: string; state: 'Active' | 'Inactive' | 'Suspended' }
export interface Customer {
  index: number; id: string; companyName: string; domain: string; resellerIndex: number | null;
  /** Lower-cased companyName and domain, for the case-insensitive search. */
  nameKey: string; domainKey: string;
}
export interface SupportContact { supportTenantId: string; supportMpnId: string; name: string }
/** The documented statuses (subscription-resources.md: none, active, pending, suspended, deleted; expired on NCE). */
export type SubscriptionStatus = 'active' | 'suspended' | 'deleted' | 'expired' | 'pending';
export interface Subscription {
  id: string; offerId: string; offerName: string; friendlyName: string; quantity: number;
  creationDate: string; effectiveStartDate: string; commitmentEndDate: string;
  status: SubscriptionStatus; autoRenewEnabled: boolean; isTrial: boolean; billingCycle: 'monthly' | 'annual';
  termDuration: string; orderId: string; nce: boolean; partnerId: string | null; etag: string;
  /** An add-on's base subscription (legacy add-ons only). */
  parentSubscriptionId: string | null;
  supportContact: SupportContact | null;
}
/**
 * How a subscription's support contact relates to it (the admin API's `drift`, from the current contact), so tests know the expected findings:
 * `nce` (no contact possible), `none` (no contact), `expected` (the partner of record, or the
 * customer's reseller when the subscription has no partner of record; for a customer with no
 * reseller, any active reseller), `otherReseller` (another active reseller), `endedReseller` (a
 * reseller whose relationship is Inactive or Suspended), `unknownReseller` (a tenant not in the
 * reseller list), `provider` (the indirect provider itself).
 */
export type Drift = 'nce' | 'none' | 'expected' | 'otherReseller' | 'endedReseller' | 'unknownReseller' | 'provider';
export interface Partner { tenantId: string; mpnId: string; companyName: string; domain: string; userOid: string; upn: string }

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function guid(rand: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const variant = (8 + Math.floor(rand() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const RESELLER_NAMES = [
  'Wingtip Toys', 'Tailspin Toys', 'Adventure Works Cycles', 'Northwind Traders', 'Litware Inc.',
  'Proseware, Inc.', 'Fourth Coffee', 'Alpine Ski House', 'Blue Yonder Airlines', 'Coho Winery',
  'Lucerne Publishing', 'Margie\'s Travel', 'Trey Research', 'VanArsdel, Ltd.', 'Woodgrove Bank',
  'Relecloud', 'Humongous Insurance', 'Graphic Design Institute', 'School of Fine Art', '<i>Bellows</i> & Co',
];
const INACTIVE_RESELLERS = new Set([6, 13]);
const SUSPENDED_RESELLERS = new Set([17]);

const SPECIAL_CUSTOMER_NAMES: Record<number, string> = {
  3: '<b>Fabrikam</b> & Sons', 5: '株式会社テスト', 8: 'Müller GmbH', 12: 'Société Générale d\'Exemple',
  15: 'Ελληνική Εταιρεία', 19: 'ООО «Пример»', 23: '"Quoted" <script>alert(1)</script> Ltd', 27: 'شركة المثال',
};
const NAME_FIRST = ['Contoso', 'Fabrikam', 'Tailwind', 'Northwind', 'Datum', 'Lamna', 'Nod', 'Wide World', 'Consolidated', 'Bellows',
  'Trey', 'Olympia', 'Munson', 'Southridge', 'Coho', 'Fincher', 'Alpine', 'Boulder', 'Cascade', 'Delta'];
const NAME_SECOND = ['Pharmaceuticals', 'Holdings', 'Logistics', 'Foods', 'Health', 'Motors', 'Partners', 'Studios', 'Energy', 'Labs',
  'Retail', 'Consulting', 'Dental', 'Legal', 'Farms', 'Airlines', 'Bakery', 'Robotics', 'Textiles', 'Media'];
const NAME_SUFFIX = ['Inc.', 'Ltd', 'LLC', 'GmbH', 'S.A.', 'Pty Ltd', 'B.V.', 'AB', 'Oy', 'KK'];

const LEGACY_OFFERS = [
  { id: '031C9E47-4802-4248-838E-778FB1D2CC05', name: 'Microsoft 365 Business Basic' },
  { id: '91FD106F-4B2C-4938-95AC-F54F74E9A239', name: 'Office 365 E1' },
  { id: '796B6B5F-613C-4E24-A17C-EBA730D49C02', name: 'Office 365 E3' },
  { id: '5C9FD4CC-EDCE-44A8-8E91-07DF09744609', name: 'Microsoft 365 Business Standard' },
  { id: 'C8E2A3C7-4A9E-4B1D-8C4E-2F1C0B9D3E11', name: 'Exchange Online (Plan 1)' },
] as const;
const NCE_OFFERS = [
  { id: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', name: 'Microsoft 365 Business Basic' },
  { id: 'CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM', name: 'Microsoft 365 Business Standard' },
  { id: 'CFQ7TTC0LFLX:0002:CFQ7TTC0HJ41', name: 'Office 365 E3' },
  { id: 'CFQ7TTC0LH0R:0001:CFQ7TTC0K8R2', name: 'Microsoft Teams Essentials' },
] as const;
const STATUSES: readonly SubscriptionStatus[] = ['active', 'active', 'active', 'active', 'active', 'active', 'suspended', 'deleted', 'expired', 'pending', 'pending'];

export function seedPartner(seed: number): Partner {
  const rand = prng(seed * 7919 + 1);
  return {
    tenantId: guid(rand), mpnId: String(4000000 + Math.floor(rand() * 999999)), companyName: 'Contoso Distribution',
    domain: 'contosodistribution.onmicrosoft.com', userOid: guid(rand), upn: 'admin@contosodistribution.onmicrosoft.com',
  };
}

export function seedResellers(seed: number): Reseller[] {
  const rand = prng(seed * 7919 + 2);
  return RESELLER_NAMES.map((name, i) => {
    const id = guid(rand);
    return {
      // The service mixes cases in payloads: some reseller ids come upper-case.
      id: i % 6 === 2 ? id.toUpperCase() : id,
      name,
      mpnId: String(1000000 + Math.floor(rand() * 8999999)),
      state: INACTIVE_RESELLERS.has(i) ? 'Inactive' : SUSPENDED_RESELLERS.has(i) ? 'Suspended' : 'Active',
    };
  });
}

function slug(name: string): string {
  return name.toLowerCase().replace(/<[^>]*>/g, '').replace(/[^a-z0-9]+/g, '');
}

export function seedCustomers(seed: number, count: number, resellerCount: number): Customer[] {
  const rand = prng(seed * 7919 + 3);
  const customers: Customer[] = new Array<Customer>(count);
  for (let index = 0; index < count; index++) {
    const id = guid(rand);
    const companyName = SPECIAL_CUSTOMER_NAMES[index]
      ?? `${pick(rand, NAME_FIRST)} ${pick(rand, NAME_SECOND)} ${pick(rand, NAME_SUFFIX)}`;
    const domainStem = slug(companyName) || 'tenant';
    // Three in four customers are served by an indirect reseller; customer 0 always is (by reseller 0).
    const resellerIndex = index === 0 ? 0 : rand() < 0.75 ? Math.floor(rand() * resellerCount) : null;
    const domain = `${domainStem.slice(0, 20)}${index}.onmicrosoft.com`;
    customers[index] = {
      index, id: index % 9 === 4 ? id.toUpperCase() : id, companyName, domain, resellerIndex,
      nameKey: companyName.toLowerCase(), domainKey: domain,
    };
  }
  return customers;
}

function isoDate(base: number, days: number): string {
  return new Date(base + days * 86400000).toISOString().replace('.000Z', 'Z');
}

/** Customer 0 has a fixed, useful mix so tests and demos always find each kind. */
const CUSTOMER_ZERO: ReadonlyArray<{ nce: boolean; status: SubscriptionStatus; contact: boolean; trial?: boolean }> = [
  { nce: false, status: 'active', contact: true },
  { nce: false, status: 'active', contact: false },
  { nce: true, status: 'active', contact: false },
  { nce: false, status: 'suspended', contact: true },
  { nce: false, status: 'deleted', contact: false },
  { nce: false, status: 'active', contact: false, trial: true },
];

/**
 * Realistic drift of legacy subscriptions' contacts, from customer DRIFT_FROM on (the first 50 — what
 * `/_emulator/seed` lists by default, and what the editing journeys and tests use — stay as they were).
 * Drawn from a stream of its own, so the ids, statuses and which subscriptions have a contact stay as
 * they were before drift existed. Of the legacy subscriptions with a contact: 70 % expected, 12 %
 * another active reseller, 8 % an ended reseller, 4 % a tenant not in the reseller list, 6 % the
 * provider itself. Of a served customer's subscriptions, one in ten has no partner of record
 * (bought before its reseller was set).
 */
const DRIFT_SHARES: ReadonlyArray<[Exclude<Drift, 'nce' | 'none'>, number]> = [
  ['otherReseller', 0.12], ['endedReseller', 0.08], ['unknownReseller', 0.04], ['provider', 0.06],
];
export const NO_PARTNER_OF_RECORD_SHARE = 0.1;
export const DRIFT_FROM = 50;

/** Former resellers: support contacts that point at tenants the partner no longer has any relationship with. */
const FORMER_RESELLERS = ['Former Reseller Ltd', 'Old Partner GmbH', 'Gone Consulting'];

/** A subscription's contact relation, from the facts (see `Drift`); `own` is the customer's reseller. */
export function driftOf(sub: Pick<Subscription, 'nce' | 'supportContact'>, own: Reseller | null, resellers: readonly Reseller[], partner: Partner): Drift {
  const contact = sub.supportContact;
  if (sub.nce) return 'nce';
  if (!contact) return 'none';
  const tenant = contact.supportTenantId.toLowerCase();
  if (tenant === partner.tenantId.toLowerCase()) return 'provider';
  const reseller = resellers.find((r) => r.id.toLowerCase() === tenant);
  if (!reseller) return 'unknownReseller';
  if (reseller.state !== 'Active') return 'endedReseller';
  return own && reseller !== own ? 'otherReseller' : 'expected';
}

function drawDrift(rand: () => number): Exclude<Drift, 'nce' | 'none'> {
  let r = rand();
  for (const [kind, share] of DRIFT_SHARES) {
    if (r < share) return kind;
    r -= share;
  }
  return 'expected';
}

export function seedSubscriptions(seed: number, customer: Customer, resellers: readonly Reseller[], partner: Partner): Subscription[] {
  const rand = prng((seed * 7919 + 11) ^ Math.imul(customer.index + 1, 2654435761));
  const driftRand = prng((seed * 7919 + 13) ^ Math.imul(customer.index + 1, 2246822519));
  const active = resellers.filter((r) => r.state === 'Active');
  const ended = resellers.filter((r) => r.state !== 'Active');
  const own = customer.resellerIndex === null ? null : resellers[customer.resellerIndex];
  const contactReseller = own && own.state === 'Active' ? own : pick(rand, active);
  const plan = customer.index === 0 ? CUSTOMER_ZERO : Array.from({ length: 2 + Math.floor(rand() * 5) }, () => {
    const nce = rand() < 0.4;
    return { nce, status: pick(rand, STATUSES), contact: !nce && rand() < 0.5, trial: rand() < 0.1 };
  });
  const base = Date.UTC(2023, 0, 1);
  const asContact = (r: { id: string; mpnId: string; name: string }): SupportContact => ({ supportTenantId: r.id.toLowerCase(), supportMpnId: r.mpnId, name: r.name });
  const subs = plan.map((p, i): Subscription => {
    const offer = p.nce ? pick(rand, NCE_OFFERS) : pick(rand, LEGACY_OFFERS);
    const start = Math.floor(rand() * 600);
    const annual = p.nce ? rand() < 0.5 : true;
    const id = guid(rand);
    const drifting = customer.index >= DRIFT_FROM;
    const partnerId = own && !(drifting && driftRand() < NO_PARTNER_OF_RECORD_SHARE) ? own.mpnId : null;
    let supportContact: SupportContact | null = p.contact ? asContact(contactReseller) : null;
    if (drifting && p.contact) {
      const kind = drawDrift(driftRand);
      const others = active.filter((r) => r !== contactReseller);
      if (kind === 'otherReseller') supportContact = asContact(pick(driftRand, others));
      else if (kind === 'endedReseller') supportContact = asContact(pick(driftRand, ended));
      else if (kind === 'unknownReseller') {
        supportContact = { supportTenantId: guid(driftRand), supportMpnId: String(9000000 + Math.floor(driftRand() * 999999)), name: pick(driftRand, FORMER_RESELLERS) };
      } else if (kind === 'provider') supportContact = { supportTenantId: partner.tenantId, supportMpnId: partner.mpnId, name: partner.companyName };
    }
    return {
      id: i % 5 === 3 ? id.toUpperCase() : id,
      offerId: p.nce ? offer.id : offer.id.toLowerCase(),
      offerName: offer.name,
      friendlyName: i === 0 && customer.index % 7 === 1 ? `${offer.name} <for HQ> & branches` : offer.name,
      quantity: 1 + Math.floor(rand() * 50),
      creationDate: isoDate(base, start),
      effectiveStartDate: isoDate(base, start),
      commitmentEndDate: isoDate(base, start + 365),
      // Only NCE subscriptions expire in the docs; a legacy one that ended is deleted.
      status: !p.nce && p.status === 'expired' ? 'deleted' : p.status,
      autoRenewEnabled: p.status === 'active',
      isTrial: p.trial === true,
      billingCycle: annual ? 'annual' : 'monthly',
      termDuration: annual ? 'P1Y' : 'P1M',
      orderId: guid(rand).toUpperCase(),
      nce: p.nce,
      partnerId,
      etag: String(Math.floor(rand() * 1e12)),
      parentSubscriptionId: null,
      supportContact,
    };
  });
  // Some customers' second subscription is an add-on of their first (both legacy), as in the
  // documented add-on example: derived from the index so the random sequence stays as it was.
  if (customer.index % 4 === 2 && subs.length > 1 && !subs[0].nce && !subs[1].nce) subs[1].parentSubscriptionId = subs[0].id;
  return subs;
}

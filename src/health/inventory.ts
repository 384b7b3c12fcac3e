// What the support-contact health check knows about the partner's tenant: customers, their
// subscriptions and the support contact of every legacy, active one, plus the indirect resellers.
// Plain data (JSON-serializable) and plain Node: no vscode import.

import {
  changeBlocker, customerName, isNce, subscriptionName,
  type Customer, type ResellerRelationship, type Subscription, type SubscriptionStatus, type SupportContact,
} from '../partnerCenter';

export interface InventoryReseller { id: string; name: string; mpnId: string; state: string; active: boolean }

export interface InventorySubscription {
  id: string;
  name: string;
  offerId: string;
  status: SubscriptionStatus;
  nce: boolean;
  /** The partner of record: the MPN id of the reseller that sold it (absent: none recorded). */
  partnerId?: string;
  /** The support contact; null: none set; undefined: not read (NCE, not active, or the read failed). */
  contact?: SupportContact | null;
  /** Why the contact could not be read (the service's message). */
  error?: string;
}

export interface InventoryCustomer {
  id: string;
  name: string;
  domain?: string;
  /** The MPN id of the customer's indirect reseller. */
  associatedPartnerId?: string;
  /** When these subscriptions and contacts were read (ISO 8601). */
  read: string;
  subscriptions: InventorySubscription[];
  /** The subscription list could not be read. */
  error?: string;
}

/** A customer as a page of the customer list gives it (no subscriptions read yet). */
export interface CustomerStub { id: string; name: string; domain?: string; associatedPartnerId?: string }

/** The indirect provider itself (a support contact pointing here has no designated reseller). */
export interface ProviderIdentity { tenantId: string; name: string; mpnId?: string }

export function toReseller(r: ResellerRelationship): InventoryReseller {
  return { id: r.id, name: r.name, mpnId: r.mpnId, state: r.state, active: r.active };
}

export function toStub(c: Customer): CustomerStub {
  const stub: CustomerStub = { id: c.id, name: customerName(c) };
  if (c.companyProfile.domain) stub.domain = c.companyProfile.domain;
  if (c.associatedPartnerId) stub.associatedPartnerId = c.associatedPartnerId;
  return stub;
}

/** Legacy and active: the only subscriptions whose support contact can be set (so the scan reads it). */
export function contactApplies(s: Pick<Subscription, 'offerId' | 'productType' | 'status'>): boolean {
  return changeBlocker(s) === undefined;
}

export function toInventorySubscription(s: Subscription): InventorySubscription {
  const out: InventorySubscription = {
    id: s.id, name: subscriptionName(s), offerId: s.offerId, status: s.status, nce: isNce(s),
  };
  if (s.partnerId) out.partnerId = s.partnerId;
  return out;
}

/**
 * A support contact changed through the extension (onDidChangeSupportContact): the stored
 * customer's subscription gets the contact Partner Center now has, so its finding goes (or changes)
 * without a new scan. Returns whether the inventory knew that subscription.
 */
export function applyContactChange(customers: Map<string, InventoryCustomer>, customerId: string, subscriptionId: string, contact: SupportContact | null): boolean {
  const customer = customers.get(customerId.toLowerCase());
  const sub = customer?.subscriptions.find((s) => s.id.toLowerCase() === subscriptionId.toLowerCase());
  if (!sub) return false;
  sub.contact = contact;
  delete sub.error;
  return true;
}

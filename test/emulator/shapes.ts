// The camelCase JSON shapes the service answers with.
import type { Customer, Partner, Reseller, Subscription, SupportContact } from './seed';

export interface Link { uri: string; method: string; headers: Array<{ key: string; value: string }> }

export const link = (uri: string, method = 'GET', headers: Link['headers'] = []): Link => ({ uri, method, headers });

/** A collection; without `self` it has no links at all (as the documented subscription and relationship lists). */
export function collection(items: unknown[], self?: Link, next?: Link): object {
  return {
    totalCount: items.length,
    items,
    ...(self ? { links: next ? { self, next } : { self } } : {}),
    attributes: { objectType: 'Collection' },
  };
}

export function customerJson(c: Customer, reseller: Reseller | null): object {
  return {
    id: c.id,
    companyProfile: {
      tenantId: c.id, domain: c.domain, companyName: c.companyName,
      links: { self: link(`/customers/${c.id}/profiles/company`) },
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: 'reseller',
    ...(reseller ? { associatedPartnerId: reseller.mpnId } : {}),
    links: { self: link(`/customers/${c.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

/**
 * A subscription in the shape of the documented examples (get-a-subscription-by-id.md): legacy ones
 * (and add-ons, with parentSubscriptionId) link their offer and carry an etag; NCE ones carry
 * productType and links to product/sku/availability, and neither an offer link nor an etag.
 */
export function subscriptionJson(c: Customer, s: Subscription): object {
  const self = link(`/customers/${c.id}/subscriptions/${s.id}`);
  const [product = '', sku = '', availability = ''] = s.offerId.split(':');
  const links = s.nce
    ? {
      product: link(`/products/${product}?country=US`),
      sku: link(`/products/${product}/skus/${sku}?country=US`),
      availability: link(`/products/${product}/skus/${sku}/availabilities/${availability}?country=US`),
      self,
    }
    : {
      offer: link(`/offers/${s.offerId}?country=US`),
      ...(s.parentSubscriptionId ? { parentSubscription: link(`/customers/${c.id}/subscriptions/${s.parentSubscriptionId}`) } : {}),
      self,
    };
  return {
    id: s.id,
    offerId: s.offerId,
    offerName: s.offerName,
    friendlyName: s.friendlyName,
    ...(s.nce ? { productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' } } : {}),
    quantity: s.quantity,
    unitType: 'Licenses',
    ...(s.nce ? { hasPurchasableAddons: false } : {}),
    ...(s.parentSubscriptionId ? { parentSubscriptionId: s.parentSubscriptionId } : {}),
    creationDate: s.creationDate,
    effectiveStartDate: s.effectiveStartDate,
    commitmentEndDate: s.commitmentEndDate,
    status: s.status,
    autoRenewEnabled: s.autoRenewEnabled,
    isTrial: s.isTrial,
    billingType: 'license',
    billingCycle: s.billingCycle,
    termDuration: s.termDuration,
    ...(s.nce ? { renewalTermDuration: '', refundOptions: [], isMicrosoftProduct: true, partnerId: s.partnerId ?? '', attentionNeeded: false, actionTaken: false }
      : s.partnerId ? { partnerId: s.partnerId } : {}),
    contractType: 'subscription',
    links,
    ...(s.nce ? { publisherName: 'Microsoft Corporation' } : {}),
    orderId: s.orderId,
    attributes: s.nce ? { objectType: 'Subscription' } : { etag: s.etag, objectType: 'Subscription' },
  };
}

/** Exactly the documented response example's shape and key order. */
export function supportContactJson(c: Customer, s: Subscription, contact: SupportContact): object {
  return {
    supportTenantId: contact.supportTenantId,
    supportMpnId: contact.supportMpnId,
    name: contact.name,
    links: { self: link(`/customers/${c.id}/subscriptions/${s.id}/supportcontact`, 'Get') },
    attributes: { objectType: 'SupportContact' },
  };
}

/** An item of the partner's reseller list (retrieve-a-list-of-indirect-resellers.md). */
export function relationshipJson(r: Reseller): object {
  return {
    id: r.id,
    name: r.name,
    relationshipType: 'is_indirect_cloud_solution_provider_of',
    state: r.state,
    mpnId: r.mpnId,
    location: 'US',
    attributes: { objectType: 'PartnerRelationship' },
  };
}

/** An item of a customer's resellers (get-indirect-resellers-of-a-customer.md): no state, no location. */
export function customerRelationshipJson(r: Reseller): object {
  return {
    id: r.id,
    name: r.name,
    relationshipType: 'is_indirect_cloud_solution_provider_of',
    mpnId: r.mpnId,
    attributes: { objectType: 'PartnerRelationship' },
  };
}

export function organizationProfileJson(p: Partner): object {
  return {
    id: p.tenantId,
    companyName: p.companyName,
    defaultAddress: { country: 'US', city: 'Redmond', state: 'WA', postalCode: '98052', addressLine1: 'One Microsoft Way' },
    tenantId: p.tenantId,
    domain: p.domain,
    email: p.upn,
    language: 'en',
    culture: 'en-US',
    links: { self: link('/profiles/organization') },
    attributes: { objectType: 'OrganizationProfile' },
  };
}

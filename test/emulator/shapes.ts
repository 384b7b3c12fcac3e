// The camelCase JSON shapes the service answers with.
import type { Customer, Partner, Reseller, Subscription, SupportContact } from './seed';

export interface Link { uri: string; method: string; headers: Array<{ key: string; value: string }> }

export const link = (uri: string, method = 'GET', headers: Link['headers'] = []): Link => ({ uri, method, headers });

export function collection(items: unknown[], self: Link, next?: Link): object {
  return {
    totalCount: items.length,
    items,
    links: next ? { self, next } : { self },
    attributes: { objectType: 'Collection' },
  };
}

export function customerJson(c: Customer, reseller: Reseller | null): object {
  return {
    id: c.id,
    companyProfile: {
      tenantId: c.id, domain: c.domain, companyName: c.companyName,
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: 'reseller',
    ...(reseller ? { associatedPartnerId: reseller.mpnId } : {}),
    links: { self: link(`/customers/${c.id}`) },
    attributes: { objectType: 'Customer' },
  };
}

export function subscriptionJson(c: Customer, s: Subscription): object {
  return {
    id: s.id,
    offerId: s.offerId,
    offerName: s.offerName,
    friendlyName: s.friendlyName,
    quantity: s.quantity,
    unitType: 'Licenses',
    creationDate: s.creationDate,
    effectiveStartDate: s.effectiveStartDate,
    commitmentEndDate: s.commitmentEndDate,
    status: s.status,
    autoRenewEnabled: s.autoRenewEnabled,
    isTrial: s.isTrial,
    billingType: 'license',
    billingCycle: s.billingCycle,
    termDuration: s.termDuration,
    contractType: 'subscription',
    ...(s.partnerId ? { partnerId: s.partnerId } : {}),
    orderId: s.orderId,
    ...(s.nce ? { productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' } } : {}),
    links: {
      self: link(`/customers/${c.id}/subscriptions/${s.id}`),
      offer: link(`/offers/${s.offerId}`),
    },
    attributes: { etag: s.etag, objectType: 'Subscription' },
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

export function relationshipJson(r: Reseller, relationshipType: string): object {
  return {
    id: r.id,
    name: r.name,
    relationshipType,
    state: r.state,
    mpnId: r.mpnId,
    location: 'US',
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

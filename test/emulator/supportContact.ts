// GET/PUT /v1/customers/{c}/subscriptions/{s}/supportcontact.
// Check order (first failure answers): path ids → existence → NCE → not active → body.
import { RestRequest, RestResponse, fail, isGuid, parseJson, prop } from './http';
import type { Customer, Subscription, SupportContact } from './seed';
import { supportContactJson } from './shapes';
import type { EmulatorStore } from './store';

export const MAX_NAME_LENGTH = 256;

type Located = { ok: true; customer: Customer; subscription: Subscription } | { ok: false; response: RestResponse };

function locate(store: EmulatorStore, customerId: string, subscriptionId: string, forUpdate: boolean): Located {
  if (!isGuid(customerId)) return { ok: false, response: fail('invalidInput', `The customer id '${customerId}' is not a valid GUID.`) };
  if (!isGuid(subscriptionId)) return { ok: false, response: fail('invalidInput', `The subscription id '${subscriptionId}' is not a valid GUID.`) };
  const customer = store.findCustomer(customerId);
  if (!customer) return { ok: false, response: fail('noCommerceRelationship', `The partner id ${store.partner.mpnId} has no commerce relationship with the customer id ${customerId}.`) };
  const subscription = store.findSubscription(customer, subscriptionId);
  if (!subscription) return { ok: false, response: fail('subscriptionNotFound', `Subscription with id ${subscriptionId} not found.`) };
  if (subscription.nce) {
    return { ok: false, response: fail('nceNotSupported', 'Support contacts are not supported for new commerce (NCE) subscriptions.') };
  }
  if (forUpdate && subscription.status !== 'active') return { ok: false, response: notActive(subscription) };
  return { ok: true, customer, subscription };
}

/** The documented answer for each status that cannot be updated (error-codes.tsv 2011, 800091, 800012). */
function notActive(subscription: Subscription): RestResponse {
  if (subscription.status === 'deleted') return fail('deletedSubscription', `Subscription with id ${subscription.id} and deleted status cannot be updated.`);
  if (subscription.status === 'suspended') return fail('suspendedSubscription', 'Cannot update a subscription with suspended status');
  return fail('subscriptionNotActive', 'This subscription is not an active subscription');
}

export function getSupportContact(store: EmulatorStore, _req: RestRequest, [c, s]: string[]): RestResponse {
  const found = locate(store, c, s, false);
  if (!found.ok) return found.response;
  // No reseller designated: the contact is the indirect provider itself (the dashboard docs: "the
  // designated support contact defaults to the indirect provider").
  const contact = found.subscription.supportContact ?? indirectProvider(store);
  return { status: 200, body: supportContactJson(found.customer, found.subscription, contact) };
}

export function indirectProvider(store: EmulatorStore): SupportContact {
  const p = store.partner;
  return { supportTenantId: p.tenantId, supportMpnId: p.mpnId, name: p.companyName };
}

function parseContact(store: EmulatorStore, text: string): SupportContact | RestResponse {
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return fail('invalidInput', 'The request body must be a SupportContact JSON object.');
  }
  const body = parsed.value as Record<string, unknown>;
  const tenantId = prop(body, 'SupportTenantId');
  const mpnId = prop(body, 'SupportMpnId');
  const name = prop(body, 'Name');
  if (!isGuid(tenantId)) return fail('invalidInput', `SupportTenantId '${String(tenantId ?? '')}' is not a valid GUID.`);
  if (typeof mpnId !== 'string' || !/^\d+$/.test(mpnId)) return fail('invalidInput', `SupportMpnId '${String(mpnId ?? '')}' must be a non-empty numeric string.`);
  if (typeof name !== 'string' || name.trim() === '') return fail('invalidInput', 'Name must not be empty.');
  if (name.length > MAX_NAME_LENGTH) return fail('invalidInput', `Name must be at most ${MAX_NAME_LENGTH} characters.`);
  const reseller = store.findResellerById(tenantId);
  if (!reseller || reseller.mpnId !== mpnId) return fail('notAnIndirectReseller', 'MPN Id is not a valid Indirect Reseller');
  if (reseller.state !== 'Active') return fail('resellerNotActive', 'Reseller program status is not active');
  // Stored as sent: the service neither re-cases ids nor renames the reseller.
  return { supportTenantId: tenantId, supportMpnId: mpnId, name };
}

export function putSupportContact(store: EmulatorStore, req: RestRequest, [c, s]: string[]): RestResponse {
  const found = locate(store, c, s, true);
  if (!found.ok) return found.response;
  const contact = parseContact(store, req.body);
  if ('status' in contact) return contact;
  found.subscription.supportContact = contact;
  found.subscription.etag = String(Date.now());
  return { status: 200, body: supportContactJson(found.customer, found.subscription, contact), applied: true };
}

// GET/PUT /v1/customers/{c}/subscriptions/{s}/supportcontact.
// Check order (first failure answers): path ids → existence → NCE → not active → body.
import { RestRequest, RestResponse, fail, isGuid, parseJson, prop } from './http';
import type { Customer, Subscription, SupportContact } from './seed';
import { supportContactJson } from './shapes';
import type { EmulatorStore } from './store';

export const MAX_NAME_LENGTH = 256;

type Located = { ok: true; customer: Customer; subscription: Subscription } | { ok: false; response: RestResponse };

function locate(store: EmulatorStore, customerId: string, subscriptionId: string, forUpdate: boolean): Located {
  if (!isGuid(customerId)) return { ok: false, response: fail('invalidParameter', `The customer id '${customerId}' is not a valid GUID.`) };
  if (!isGuid(subscriptionId)) return { ok: false, response: fail('invalidParameter', `The subscription id '${subscriptionId}' is not a valid GUID.`) };
  const customer = store.findCustomer(customerId);
  if (!customer) return { ok: false, response: fail('customerNotFound', `Customer ${customerId} was not found.`) };
  const subscription = store.findSubscription(customer, subscriptionId);
  if (!subscription) return { ok: false, response: fail('subscriptionNotFound', `Subscription ${subscriptionId} was not found for customer ${customerId}.`) };
  if (subscription.nce) {
    return { ok: false, response: fail('nceNotSupported', 'Support contacts are not supported for new commerce (NCE) subscriptions.') };
  }
  if (forUpdate && subscription.status !== 'active') {
    return { ok: false, response: fail('subscriptionNotActive', `The subscription is ${subscription.status}; the support contact can only be changed on an active subscription.`) };
  }
  return { ok: true, customer, subscription };
}

export function getSupportContact(store: EmulatorStore, _req: RestRequest, [c, s]: string[]): RestResponse {
  const found = locate(store, c, s, false);
  if (!found.ok) return found.response;
  const contact = found.subscription.supportContact;
  if (!contact) return fail('supportContactNotFound', 'No support contact is set for this subscription.');
  return { status: 200, body: supportContactJson(found.customer, found.subscription, contact) };
}

function parseContact(store: EmulatorStore, text: string): SupportContact | RestResponse {
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return fail('invalidBody', 'The request body must be a SupportContact JSON object.');
  }
  const body = parsed.value as Record<string, unknown>;
  const tenantId = prop(body, 'SupportTenantId');
  const mpnId = prop(body, 'SupportMpnId');
  const name = prop(body, 'Name');
  if (!isGuid(tenantId)) return fail('invalidBody', `SupportTenantId '${String(tenantId ?? '')}' is not a valid GUID.`);
  if (typeof mpnId !== 'string' || !/^\d+$/.test(mpnId)) return fail('invalidBody', `SupportMpnId '${String(mpnId ?? '')}' must be a non-empty numeric string.`);
  if (typeof name !== 'string' || name.trim() === '') return fail('invalidBody', 'Name must not be empty.');
  if (name.length > MAX_NAME_LENGTH) return fail('invalidBody', `Name must be at most ${MAX_NAME_LENGTH} characters.`);
  const reseller = store.findResellerById(tenantId);
  if (!reseller) return fail('notAnIndirectReseller', `SupportTenantId ${tenantId} is not one of the partner's indirect resellers.`);
  if (reseller.mpnId !== mpnId) return fail('notAnIndirectReseller', `SupportMpnId ${mpnId} does not belong to the indirect reseller ${tenantId}.`);
  if (reseller.state !== 'Active') return fail('notAnIndirectReseller', `The relationship with indirect reseller ${tenantId} is ${reseller.state}, not Active.`);
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

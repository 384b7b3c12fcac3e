// Validation of everything that goes on the wire, and path building from validated ids only.

import { PartnerCenterError } from './errors';
import { plainText } from './safeText';
import type { ResellerRelationship, SupportContact } from './models';
import { isGuid, isMpnId, isValidName, maxNameLength, sameId } from './rules';

export { isGuid, isMpnId, isValidName, maxNameLength, sameId };

export type SupportContactProblem =
  | 'tenantIdNotGuid' | 'mpnIdNotNumeric' | 'nameInvalid' | 'notAReseller' | 'resellerNotActive' | 'mpnIdMismatch';

export interface SupportContactIssue { problem: SupportContactProblem; message: string }

export interface SupportContactInput {
  supportTenantId: string;
  /** Optional: when given it must match the reseller's MPN id. */
  supportMpnId?: string;
}

export type SupportContactValidation =
  | { ok: true; contact: SupportContact; reseller: ResellerRelationship }
  | { ok: false; issues: SupportContactIssue[] };

/**
 * Checks a target contact against the partner's indirect resellers. The resulting contact uses the
 * ids and the name exactly as the relationship list spells them.
 */
export function validateSupportContact(input: SupportContactInput, resellers: readonly ResellerRelationship[]): SupportContactValidation {
  const issues: SupportContactIssue[] = [];
  if (!isGuid(input.supportTenantId)) {
    issues.push({ problem: 'tenantIdNotGuid', message: 'The reseller tenant id is not a GUID.' });
  }
  if (input.supportMpnId !== undefined && !isMpnId(input.supportMpnId)) {
    issues.push({ problem: 'mpnIdNotNumeric', message: 'The reseller MPN id (PartnerID) must be a number.' });
  }
  if (issues.length > 0) return { ok: false, issues };
  const matches = resellers.filter((r) => sameId(r.id, input.supportTenantId));
  if (matches.length === 0) {
    return { ok: false, issues: [{ problem: 'notAReseller', message: 'The target is not one of your indirect resellers.' }] };
  }
  const active = matches.filter((r) => r.active);
  if (active.length === 0) {
    return { ok: false, issues: [{ problem: 'resellerNotActive', message: `The reseller "${plainText(matches[0].name)}" does not have an active relationship with you.` }] };
  }
  const reseller = input.supportMpnId === undefined ? active[0] : active.find((r) => r.mpnId === input.supportMpnId);
  if (!reseller) {
    return { ok: false, issues: [{ problem: 'mpnIdMismatch', message: 'The MPN id does not belong to that reseller.' }] };
  }
  if (!isMpnId(reseller.mpnId)) {
    return { ok: false, issues: [{ problem: 'mpnIdNotNumeric', message: `The reseller "${plainText(reseller.name)}" has no numeric MPN id.` }] };
  }
  if (!isValidName(reseller.name)) {
    return { ok: false, issues: [{ problem: 'nameInvalid', message: `The reseller's name is empty or longer than ${maxNameLength} characters.` }] };
  }
  return { ok: true, contact: { supportTenantId: reseller.id, supportMpnId: reseller.mpnId, name: reseller.name }, reseller };
}

function requireGuid(value: string, what: string): string {
  if (!isGuid(value)) throw new PartnerCenterError('validation', `The ${what} id is not a valid GUID.`);
  return encodeURIComponent(value);
}

/** Paths under /v1, built only from validated ids. */
export const paths = {
  customers: (): string => '/v1/customers',
  customer: (customerId: string): string => `/v1/customers/${requireGuid(customerId, 'customer')}`,
  subscriptions: (customerId: string): string => `${paths.customer(customerId)}/subscriptions`,
  subscription: (customerId: string, subscriptionId: string): string =>
    `${paths.subscriptions(customerId)}/${requireGuid(subscriptionId, 'subscription')}`,
  supportContact: (customerId: string, subscriptionId: string): string =>
    `${paths.subscription(customerId, subscriptionId)}/supportcontact`,
  customerRelationships: (customerId: string): string => `${paths.customer(customerId)}/relationships`,
  indirectResellers: (): string => '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf',
  organizationProfile: (): string => '/v1/profiles/organization',
};

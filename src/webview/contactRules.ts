// The field rules of a support contact, shared by the page (inline validation) and the host
// (message validation). Pure functions: no vscode, DOM or Node imports.
import type { ContactView, ResellerView } from './protocol';

export const MAX_NAME_LENGTH = 256;
const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const isGuidText = (v: unknown): v is string => typeof v === 'string' && guidPattern.test(v);
export const isMpnText = (v: unknown): v is string => typeof v === 'string' && /^[0-9]{1,20}$/.test(v);
export const isNameText = (v: unknown): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_NAME_LENGTH;

export const sameGuid = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Messages for the three fields ('' when the field is fine). */
export function fieldErrors(c: ContactView): { tenantId: string; mpnId: string; name: string } {
  return {
    tenantId: isGuidText(c.supportTenantId.trim()) ? '' : 'Enter the reseller tenant ID as a GUID, e.g. 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.',
    mpnId: isMpnText(c.supportMpnId.trim()) ? '' : 'Enter the PartnerID (MPN ID) as digits only.',
    name: isNameText(c.name) ? '' : `Enter the reseller name (1 to ${MAX_NAME_LENGTH} characters).`,
  };
}

/** The Active reseller whose tenant id, MPN id and name all match, if any. */
export function matchingReseller(c: ContactView, resellers: readonly ResellerView[]): ResellerView | undefined {
  return resellers.find((r) => r.active && sameGuid(r.id, c.supportTenantId.trim())
    && r.mpnId === c.supportMpnId.trim() && sameName(r.name, c.name));
}

export function sameContact(a: ContactView | null, b: ContactView | null): boolean {
  if (a === null || b === null) return a === b;
  return sameGuid(a.supportTenantId, b.supportTenantId) && a.supportMpnId === b.supportMpnId && a.name === b.name;
}

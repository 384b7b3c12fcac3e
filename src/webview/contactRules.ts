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

/**
 * What is wrong with each of the three fields: '' when the field is fine, else the key of its
 * message in the page's string table (the page shows it in the display language).
 */
export function fieldErrors(c: ContactView): { tenantId: '' | 'tenantIdInvalid'; mpnId: '' | 'mpnIdInvalid'; name: '' | 'nameInvalid' } {
  return {
    tenantId: isGuidText(c.supportTenantId.trim()) ? '' : 'tenantIdInvalid',
    mpnId: isMpnText(c.supportMpnId.trim()) ? '' : 'mpnIdInvalid',
    name: isNameText(c.name) ? '' : 'nameInvalid',
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

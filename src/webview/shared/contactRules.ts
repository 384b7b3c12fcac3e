// The field rules of a support contact as the editor page applies them (inline validation) and the
// host checks them (message validation). The rules themselves live in src/partnerCenter/rules.ts;
// this file only maps them onto the page's fields. Pure functions: no vscode, DOM or Node imports.
import { isGuid, isMpnId, isValidName, maxNameLength, sameContact, sameId } from '../../partnerCenter/rules';
import type { ContactView, ResellerView } from './protocol';

export { isGuid, isMpnId, isValidName, sameContact };
export const MAX_NAME_LENGTH = maxNameLength;

/** Typed input matches a reseller's name whatever its case and surrounding spaces. */
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What is wrong with each of the three fields: '' when the field is fine, else the key of its
 * message in the page's string table (the page shows it in the display language).
 */
export function fieldErrors(c: ContactView): { tenantId: '' | 'tenantIdInvalid'; mpnId: '' | 'mpnIdInvalid'; name: '' | 'nameInvalid' } {
  return {
    tenantId: isGuid(c.supportTenantId.trim()) ? '' : 'tenantIdInvalid',
    mpnId: isMpnId(c.supportMpnId.trim()) ? '' : 'mpnIdInvalid',
    name: isValidName(c.name) ? '' : 'nameInvalid',
  };
}

/** The Active reseller whose tenant id, MPN id and name all match what was typed, if any. */
export function matchingReseller(c: ContactView, resellers: readonly ResellerView[]): ResellerView | undefined {
  return resellers.find((r) => r.active && sameId(r.id, c.supportTenantId.trim())
    && r.mpnId === c.supportMpnId.trim() && sameName(r.name, c.name));
}

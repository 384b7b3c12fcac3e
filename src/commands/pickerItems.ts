// What the palette's quick picks show for a customer, a subscription and a reseller, as plain data
// (no vscode import, so the fuzz test reaches it). Service text goes through pickerText(): a name
// such as `$(loading~spin)` stays text, and bidi or invisible characters are isolated.
import * as l10n from '@vscode/l10n';
import { customerName, isNce, notEditableReason, subscriptionName, type Customer, type ResellerRelationship, type Subscription } from '../partnerCenter';
import { pickerText as p, plainText } from '../partnerCenter/safeText';
import type { InventoryCustomer, InventoryReseller } from '../health/inventory';

export interface PickerRow {
  label: string;
  description?: string;
  detail?: string;
  /** Why it cannot be chosen (shown when it is accepted anyway). */
  blockedReason?: string;
  /** The service name, unescaped, for a notification about the row. */
  name?: string;
}

export function customerRow(c: Customer): PickerRow {
  return { label: p(customerName(c)), description: p(c.companyProfile.domain), detail: l10n.t('Customer ID {0}', p(c.id)) };
}

export function subscriptionRow(s: Subscription): PickerRow {
  const reason = notEditableReason(s);
  const name = subscriptionName(s);
  return {
    label: `${reason ? '$(circle-slash) ' : ''}${p(name)}`,
    description: [isNce(s) ? 'NCE' : undefined, s.offerName !== name ? p(s.offerName) : undefined, s.quantity !== undefined ? `×${s.quantity}` : undefined, p(s.status)].filter(Boolean).join(' · '),
    detail: reason ? l10n.t('Can\'t be changed — {0}', p(reason)) : l10n.t('Subscription ID {0}', p(s.id)),
    name,
    ...(reason ? { blockedReason: reason } : {}),
  };
}

export function resellerRow(r: ResellerRelationship, current: { supportTenantId: string } | null): PickerRow {
  return {
    label: p(r.name),
    description: current && current.supportTenantId.toLowerCase() === r.id.toLowerCase() ? l10n.t('MPN ID {0} · current', p(r.mpnId)) : l10n.t('MPN ID {0}', p(r.mpnId)),
    detail: l10n.t('Tenant ID {0}', p(r.id)),
  };
}

/** A reseller of the stored inventory (the health check's "Refresh one reseller's customers…"). */
export function inventoryResellerRow(r: InventoryReseller): PickerRow {
  return { label: p(r.name), description: l10n.t('MPN ID {0}', p(r.mpnId)), detail: r.active ? p(r.id) : `${p(r.id)} · ${p(r.state)}` };
}

/** A customer of the stored inventory (the health check's "Refresh one customer…"), with when it was read. */
export function inventoryCustomerRow(c: InventoryCustomer): PickerRow {
  return { label: p(c.name), ...(c.domain ? { description: p(c.domain) } : {}), detail: l10n.t('Read {0}', p(c.read)) };
}

/** The row shown when a load fails or finds nothing (the typed text is the user's, but shown the same way). */
export function noMatchRow(text: string): PickerRow {
  return { label: text ? l10n.t('No match for "{0}"', p(text)) : l10n.t('Nothing to choose'), blockedReason: 'empty' };
}

/** "\"X\" can't be changed: reason" — a notification (plain text). */
export function blockedText(row: PickerRow): string {
  return l10n.t('"{0}" can\'t be changed: {1}', plainText(row.name), row.blockedReason ?? '');
}

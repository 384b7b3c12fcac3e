// What each row of the Indirect Resellers view shows, as plain data (no vscode import; unit-tested):
// the partner's indirect resellers → the customers each serves → the subscriptions whose support
// contact is that reseller.
import * as l10n from '@vscode/l10n';
import { isNce, sameId, type Customer, type ResellerRelationship, type Subscription, type SupportContact } from '../partnerCenter';
import { customerName, describeContact, subscriptionName } from '../partnerCenter';
import { ContextValues, resellerNodeIds } from './ids';
import { errorRowView, type NodeView, type RowError } from './nodes';
import { plainText } from '../partnerCenter/safeText';

/**
 * A row of the view: its view data plus the models it stands for (commands read these). A message
 * row (a count, "none", an error) has the reseller it is under, or none at the root.
 */
export type ResellerNode =
  | { kind: 'reseller'; view: NodeView; reseller: ResellerRelationship }
  | { kind: 'customer'; view: NodeView; reseller: ResellerRelationship; customer: Customer }
  | { kind: 'subscription'; view: NodeView; reseller: ResellerRelationship; customer: Customer; subscription: Subscription; contact: SupportContact }
  | { kind: 'message'; view: NodeView; reseller?: ResellerRelationship };


/** A function, not a constant: looked up after activation has loaded the l10n bundle. */
export function contactScanCost(): string {
  return l10n.t('Partner Center has no filter for "subscriptions supported by this reseller", so expanding a customer reads each of its legacy (non-NCE) subscriptions\' support contact: one request per subscription.');
}

export function resellerView(r: ResellerRelationship, customerCount?: number): NodeView {
  const state = r.active ? l10n.t('Active') : r.state || l10n.t('unknown state');
  const count = customerCount === undefined ? undefined : customerCount === 1 ? l10n.t('{0} customer', customerCount) : l10n.t('{0} customers', customerCount);
  return {
    id: resellerNodeIds.reseller(r.id),
    label: r.name || r.id,
    description: [l10n.t('MPN ID {0}', plainText(r.mpnId)), plainText(state), count].filter(Boolean).join(' · '),
    tooltip: [r.name, l10n.t('MPN ID (PartnerID): {0}', r.mpnId), l10n.t('Tenant ID: {0}', r.id), l10n.t('State: {0}', state), r.location && l10n.t('Location: {0}', plainText(r.location)),
      count && l10n.t('Serves {0} (server-side IndirectReseller filter)', count),
      r.active ? undefined : l10n.t('Not active: it cannot be chosen as a new support contact.')].filter(Boolean).join('\n'),
    accessibilityLabel: count ? l10n.t('Reseller {0}, MPN ID {1}, {2}, {3}', plainText(r.name), r.mpnId, state, count) : l10n.t('Reseller {0}, MPN ID {1}, {2}', plainText(r.name), r.mpnId, state),
    contextValue: r.active ? ContextValues.reseller : ContextValues.resellerInactive,
    collapsible: 'collapsed',
    icon: r.active ? { id: 'briefcase' } : { id: 'briefcase', color: 'disabledForeground' },
  };
}

export interface ScanCount {
  supported: number; legacy: number; total: number;
  /** Legacy subscriptions whose contact is the indirect provider itself (no reseller designated). */
  provider?: number;
}

/** "2 default to you (the indirect provider)", or undefined when none does. */
function providerDefaults(scanned: ScanCount | undefined): string | undefined {
  const n = scanned?.provider ?? 0;
  if (n === 0) return undefined;
  return n === 1 ? l10n.t('1 defaults to you (the indirect provider)') : l10n.t('{0} default to you (the indirect provider)', n);
}

export function resellerCustomerView(r: ResellerRelationship, c: Customer, scanned?: ScanCount): NodeView {
  const name = customerName(c);
  const supported = scanned
    ? scanned.total === 1
      ? l10n.t('{0} of {1} subscription supported by {2}', scanned.supported, scanned.total, plainText(r.name))
      : l10n.t('{0} of {1} subscriptions supported by {2}', scanned.supported, scanned.total, plainText(r.name))
    : l10n.t('expand to check support contacts (1 request per legacy subscription)');
  const description = [supported, providerDefaults(scanned)].filter(Boolean).join(' · ');
  return {
    id: resellerNodeIds.customer(r.id, c.id),
    label: name,
    description,
    tooltip: [name, c.companyProfile.domain && l10n.t('Domain: {0}', plainText(c.companyProfile.domain)), l10n.t('Customer ID: {0}', c.id), '', contactScanCost()].filter((l) => l !== undefined && l !== null).join('\n'),
    accessibilityLabel: l10n.t('Customer {0}, {1}', plainText(name), plainText(description)),
    contextValue: ContextValues.resellerCustomer,
    collapsible: 'collapsed',
    icon: { id: 'organization' },
  };
}

export function resellerSubscriptionView(r: ResellerRelationship, customerId: string, s: Subscription, contact: SupportContact): NodeView {
  const name = subscriptionName(s);
  return {
    id: resellerNodeIds.subscription(r.id, customerId, s.id),
    label: name,
    description: [s.status !== 'active' ? plainText(s.status) : undefined, l10n.t('contact {0}', plainText(contact.name))].filter(Boolean).join(' · '),
    tooltip: [name, l10n.t('Status: {0}', plainText(s.status)), l10n.t('Subscription ID: {0}', s.id), l10n.t('Support contact: {0}', describeContact(contact))].join('\n'),
    accessibilityLabel: l10n.t('Subscription {0}, {1}, support contact {2}', plainText(name), plainText(s.status), plainText(contact.name)),
    contextValue: ContextValues.resellerSubscription,
    collapsible: 'none',
    icon: { id: 'package' },
  };
}

/** An information row; `id` comes from resellerNodeIds (noResellers, served, …). Error rows are nodes.errorRowView. */
export function messageView(id: string, label: string, options: { tooltip?: string } = {}): NodeView {
  return {
    id,
    label,
    ...(options.tooltip ? { tooltip: options.tooltip } : {}),
    contextValue: ContextValues.resellerMessage,
    collapsible: 'none',
    icon: { id: 'info' },
  };
}

/**
 * A failed load under `failed` (the root when undefined): the same row as the Customers tree's, and
 * its Retry refreshes the row that failed (partnerCenter.refreshResellers with that node; everything
 * at the root).
 */
export function resellerErrorView(failed: ResellerNode | undefined, error: RowError): NodeView {
  const what = !failed ? l10n.t('indirect resellers') : failed.kind === 'reseller' ? l10n.t('customers') : l10n.t('subscriptions');
  return errorRowView(resellerNodeIds.errorKey(failed?.view.id), what, error, {
    retry: { command: 'partnerCenter.refreshResellers', arguments: failed ? [failed] : [] },
    contextValue: ContextValues.resellerError,
  });
}

/** Which of a customer's subscriptions the reseller supports, given the contacts read (legacy ones only). */
export function supportedBy(r: Pick<ResellerRelationship, 'id'>, subs: readonly Subscription[], contacts: ReadonlyMap<string, SupportContact | null>): { subscription: Subscription; contact: SupportContact }[] {
  const out: { subscription: Subscription; contact: SupportContact }[] = [];
  for (const s of subs) {
    if (isNce(s)) continue;
    const c = contacts.get(s.id.toLowerCase());
    if (c && sameId(c.supportTenantId, r.id)) out.push({ subscription: s, contact: c });
  }
  return out;
}

/** Active resellers first, then by name. */
export function sortResellers(list: readonly ResellerRelationship[]): ResellerRelationship[] {
  return [...list].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
}

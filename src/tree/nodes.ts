// What each row of the Customers tree shows, as plain data built from the service's models. No
// vscode import, so labels, context values and paging are unit-tested under plain Node; the provider
// turns these into TreeItems.
import * as l10n from '@vscode/l10n';
import {
  changeBlocker, customerName, documentedError, isNce, notEditableReason, signInRequestFor, subscriptionName, toUserMessage, type Customer, type SignInRequest, type Subscription, type SupportContact,
} from '../partnerCenter';

export { customerName, notEditableReason, subscriptionName };
import { plainLines, plainText } from '../partnerCenter/safeText';
import { ContextValues, nodeIds, type ContextValue } from './ids';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface NodeView {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** What screen readers say for the row. */
  accessibilityLabel?: string;
  contextValue: string;
  collapsible: Collapsible;
  icon?: { id: string; color?: string };
  command?: { command: string; title: string; arguments?: unknown[] };
}

/**
 * The row's texts as the tree shows them (toTreeItem): plain strings (a string tooltip is never
 * Markdown), and service text carrying bidi or invisible characters isolated, line by line.
 */
export function shownView(v: Pick<NodeView, 'label' | 'description' | 'tooltip' | 'accessibilityLabel'>): Pick<NodeView, 'label' | 'description' | 'tooltip' | 'accessibilityLabel'> {
  return {
    label: plainText(v.label),
    ...(v.description !== undefined ? { description: plainText(v.description) } : {}),
    ...(v.tooltip !== undefined ? { tooltip: plainLines(v.tooltip) } : {}),
    ...(v.accessibilityLabel !== undefined ? { accessibilityLabel: plainText(v.accessibilityLabel) } : {}),
  };
}

export function customerView(c: Customer): NodeView {
  const name = customerName(c);
  const domain = c.companyProfile.domain ?? '';
  return {
    id: nodeIds.customer(c.id),
    label: name,
    description: domain,
    tooltip: [name, domain && l10n.t('Domain: {0}', plainText(domain)), l10n.t('Customer ID: {0}', c.id), c.companyProfile.tenantId && l10n.t('Tenant ID: {0}', c.companyProfile.tenantId),
      c.associatedPartnerId && l10n.t('Indirect reseller (MPN ID): {0}', c.associatedPartnerId)].filter(Boolean).join('\n'),
    accessibilityLabel: domain ? l10n.t('Customer {0}, {1}', plainText(name), plainText(domain)) : l10n.t('Customer {0}', plainText(name)),
    contextValue: ContextValues.customer,
    collapsible: 'collapsed',
    icon: { id: 'organization' },
  };
}

export function subscriptionView(customerId: string, s: Subscription): NodeView {
  const nce = isNce(s);
  const name = subscriptionName(s);
  const status = s.status === 'unknown' ? (s.rawStatus ?? 'unknown') : s.status;
  const parts = [nce ? 'NCE' : undefined, s.quantity !== undefined ? `×${s.quantity}` : undefined, status !== 'active' ? plainText(status) : undefined];
  const reason = notEditableReason(s);
  const tooltip = [
    name,
    s.offerName && s.offerName !== name ? l10n.t('Offer: {0}', plainText(s.offerName)) : undefined,
    s.quantity !== undefined ? l10n.t('Status: {0} · Quantity: {1}', plainText(status), s.quantity) : l10n.t('Status: {0}', plainText(status)),
    l10n.t('Subscription ID: {0}', s.id),
    l10n.t('Offer ID: {0}', s.offerId),
    nce ? l10n.t('New Commerce (NCE): its support contact cannot be changed via the Partner Center API.') : reason,
  ].filter(Boolean).join('\n');
  return {
    id: nodeIds.subscription(customerId, s.id),
    label: name,
    description: parts.filter(Boolean).join(' · '),
    tooltip,
    accessibilityLabel: nce ? l10n.t('Subscription {0}, New Commerce, {1}', plainText(name), plainText(status)) : l10n.t('Subscription {0}, {1}', plainText(name), plainText(status)),
    contextValue: nce ? ContextValues.subscriptionNce : reason ? ContextValues.subscriptionInactive : ContextValues.subscriptionLegacy,
    // NCE subscriptions have no support contact to show.
    collapsible: nce ? 'none' : 'collapsed',
    icon: nce ? { id: 'lock', color: 'disabledForeground' } : changeBlocker(s) === 'notActive' ? { id: 'debug-pause', color: 'disabledForeground' } : { id: 'package' },
  };
}

export function contactView(parentId: string, contact: SupportContact | null): NodeView {
  if (!contact) {
    return { id: nodeIds.contact(parentId), label: l10n.t('No support contact'), contextValue: ContextValues.contactNone, collapsible: 'none', icon: { id: 'circle-slash' },
      tooltip: l10n.t('This subscription has no support contact. Use "Edit Support Contact…" to set one.') };
  }
  if (contact.indirectProvider) {
    // The service's default until a reseller is designated: the signed-in partner itself.
    return {
      id: nodeIds.contact(parentId),
      label: l10n.t('You (the indirect provider)'),
      description: l10n.t('{0} · MPN ID {1}', plainText(contact.name), contact.supportMpnId),
      tooltip: [l10n.t('No indirect reseller is designated: the support contact is you, the indirect provider (the default).'),
        l10n.t('Support contact: {0}', plainText(contact.name)), l10n.t('PartnerID (MPN ID): {0}', contact.supportMpnId),
        l10n.t('Use "Edit Support Contact…" to designate one of your indirect resellers.')].join('\n'),
      accessibilityLabel: l10n.t('Support contact: you, the indirect provider, {0}', plainText(contact.name)),
      contextValue: ContextValues.contactProvider,
      collapsible: 'none',
      icon: { id: 'home' },
    };
  }
  return {
    id: nodeIds.contact(parentId),
    label: contact.name,
    description: l10n.t('MPN ID {0}', contact.supportMpnId),
    tooltip: [l10n.t('Support contact: {0}', plainText(contact.name)), l10n.t('PartnerID (MPN ID): {0}', contact.supportMpnId),
      l10n.t('Support tenant ID: {0}', contact.supportTenantId)].join('\n'),
    accessibilityLabel: l10n.t('Support contact {0}, MPN ID {1}', plainText(contact.name), contact.supportMpnId),
    contextValue: ContextValues.contact,
    collapsible: 'none',
    icon: { id: 'person' },
  };
}

export function loadMoreView(loaded: number): NodeView {
  return { id: nodeIds.loadMore(), label: l10n.t('Load more…'), description: l10n.t('{0} loaded', loaded), contextValue: ContextValues.loadMore, collapsible: 'none',
    icon: { id: 'fold-down' }, command: { command: 'partnerCenter.loadMore', title: l10n.t('Load more') } };
}

export function clearSearchView(query: string, count: number, more: boolean): NodeView {
  return { id: nodeIds.clearSearch(), label: l10n.t('Clear search'),
    description: more ? l10n.t('"{0}" · {1}+ found', plainText(query), count) : l10n.t('"{0}" · {1} found', plainText(query), count), contextValue: ContextValues.clearSearch,
    collapsible: 'none', icon: { id: 'close' }, command: { command: 'partnerCenter.clearSearch', title: l10n.t('Clear search') } };
}

/**
 * A failed load as a row shows it: the sentence, and the sign-in it calls for (then the row signs in),
 * or `refresh` when what was loaded is gone (a 404/20003 subscription): retrying it cannot help.
 */
export interface RowError { message: string; signIn?: SignInRequest; refresh?: true }

export function rowError(err: unknown): RowError {
  const signIn = signInRequestFor(err);
  const refresh = documentedError(err)?.action === 'refresh';
  return { message: toUserMessage(err), ...(signIn ? { signIn } : {}), ...(refresh ? { refresh } : {}) };
}

/** A command a row runs when clicked. */
export interface RowCommand { command: string; arguments: unknown[] }

/** What an error row's click does, besides Sign In (which the error itself calls for). */
export interface ErrorRowActions {
  retry: RowCommand;
  /** Reloads the level above when what was loaded is gone (404/20003); without it such a row offers Retry. */
  refresh?: RowCommand;
  /** The row's context value; ContextValues.error unless the tree has its own. */
  contextValue?: ContextValue;
}

/**
 * The error row of both trees: "Couldn't load … — Retry", "— Sign In" when retrying with the same
 * sign-in cannot help, or "— Refresh" (`actions.refresh`) when the item is gone. `key` names what
 * failed (unique within the tree).
 */
export function errorRowView(key: string, what: string, error: RowError, actions: ErrorRowActions): NodeView {
  const base = { id: nodeIds.error(key), description: error.message, contextValue: actions.contextValue ?? ContextValues.error, collapsible: 'none' as const, icon: { id: 'error', color: 'errorForeground' } };
  if (error.signIn) {
    return { ...base, label: l10n.t("Couldn't load {0} — Sign In", what), tooltip: `${error.message}\n\n${l10n.t('Click to sign in again.')}`,
      command: { command: 'partnerCenter.signIn', title: l10n.t('Sign In'), arguments: [error.signIn] } };
  }
  if (error.refresh && actions.refresh) {
    return { ...base, label: l10n.t("Couldn't load {0} — Refresh", what), tooltip: `${error.message}\n\n${l10n.t('Click to refresh.')}`,
      command: { ...actions.refresh, title: l10n.t('Refresh') } };
  }
  return { ...base, label: l10n.t("Couldn't load {0} — Retry", what), tooltip: `${error.message}\n\n${l10n.t('Click to retry.')}`,
    command: { ...actions.retry, title: l10n.t('Retry') } };
}

/** The Customers tree's error row: Retry (and Refresh) run partnerCenter.retryNode with these arguments. */
export function errorView(key: string, what: string, error: RowError, retryArgs: unknown[], refreshArgs?: unknown[]): NodeView {
  const retryNode = (args: unknown[]): RowCommand => ({ command: 'partnerCenter.retryNode', arguments: args });
  return errorRowView(key, what, error, { retry: retryNode(retryArgs), ...(refreshArgs ? { refresh: retryNode(refreshArgs) } : {}) });
}

export function emptyView(id: string, label: string): NodeView {
  return { id: nodeIds.empty(id), label, contextValue: ContextValues.empty, collapsible: 'none', icon: { id: 'info' } };
}

/** Paging: the rows for the root, given what has been loaded so far. */
export function rootRows(customers: Customer[], opts: { hasMore: boolean; search?: string }): NodeView[] {
  const rows: NodeView[] = [];
  if (opts.search !== undefined) rows.push(clearSearchView(opts.search, customers.length, opts.hasMore));
  rows.push(...customers.map(customerView));
  if (customers.length === 0) rows.push(emptyView('customers', opts.search !== undefined ? l10n.t('No customer name or domain starts with "{0}"', plainText(opts.search)) : l10n.t('No customers')));
  if (opts.hasMore) rows.push(loadMoreView(customers.length));
  return rows;
}

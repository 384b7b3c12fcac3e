// The one place for tree node ids and context values (as GitLens' ContextValues / getViewNodeId).
// Ids are stable across refreshes and case-insensitive (VS Code keeps expansion and selection by
// them; one tree must never hand it two rows with one id). Context values are what package.json's
// `viewItem` `when` clauses match, so a value here is renamed only together with those clauses.
// Plain data: no vscode import (unit-tested under plain Node).

export const ContextValues = {
  // Customers tree
  customer: 'customer',
  subscriptionLegacy: 'subscription.legacy',
  subscriptionNce: 'subscription.nce',
  subscriptionInactive: 'subscription.inactive',
  contact: 'contact',
  contactNone: 'contact.none',
  contactProvider: 'contact.provider',
  loadMore: 'loadMore',
  clearSearch: 'clearSearch',
  error: 'error',
  empty: 'empty',
  // Indirect Resellers view
  reseller: 'reseller',
  resellerInactive: 'reseller.inactive',
  resellerCustomer: 'resellerCustomer',
  resellerSubscription: 'resellerSubscription',
  resellerError: 'resellerError',
  resellerMessage: 'resellerMessage',
  // Support Contact History view
  historyDay: 'historyDay',
  historyRun: 'historyRun',
  historyEntry: 'historyEntry',
  historyEntryUndoable: 'historyEntry.undoable',
} as const;

export type ContextValue = (typeof ContextValues)[keyof typeof ContextValues];

const low = (id: string): string => id.toLowerCase();

/** Customers tree. */
export const nodeIds = {
  customer: (customerId: string): string => `customer:${low(customerId)}`,
  subscription: (customerId: string, subscriptionId: string): string => `subscription:${low(customerId)}/${low(subscriptionId)}`,
  /** The contact row under a subscription row. */
  contact: (subscriptionNodeId: string): string => `${subscriptionNodeId}/contact`,
  /** An error row; `key` names what failed to load (unique within its tree). */
  error: (key: string): string => `error:${key}`,
  empty: (key: string): string => `empty:${key}`,
  loadMore: (): string => 'load-more',
  clearSearch: (): string => 'clear-search',
};

/** Indirect Resellers view. */
export const resellerNodeIds = {
  reseller: (resellerId: string): string => `reseller:${low(resellerId)}`,
  customer: (resellerId: string, customerId: string): string => `reseller:${low(resellerId)}/customer:${low(customerId)}`,
  subscription: (resellerId: string, customerId: string, subscriptionId: string): string =>
    `reseller:${low(resellerId)}/subscription:${low(customerId)}/${low(subscriptionId)}`,
  /** An information row (`none`, `count:…`, …): `key` is unique within the view. */
  message: (key: string): string => `message:${key}`,
  /** The partner has no indirect resellers. */
  noResellers: (): string => resellerNodeIds.message('none'),
  /** The reseller serves no customers. */
  noCustomers: (resellerId: string): string => resellerNodeIds.message(`none:${low(resellerId)}`),
  /** "3 customers served", above the reseller's customers. */
  served: (resellerId: string): string => resellerNodeIds.message(`count:${low(resellerId)}`),
  /** None of the customer's subscriptions has the reseller as its contact. */
  noSubscriptions: (resellerId: string, customerId: string): string => resellerNodeIds.message(`nosubs:${low(resellerId)}/${low(customerId)}`),
  /** The error row of a failed load under `parentId` (the root when undefined). */
  errorKey: (parentId: string | undefined): string => `resellers:${parentId ?? 'root'}`,
};

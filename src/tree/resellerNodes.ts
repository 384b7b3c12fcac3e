// What each row of the Indirect Resellers view shows, as plain data (no vscode import; unit-tested):
// the partner's indirect resellers → the customers each serves → the subscriptions whose support
// contact is that reseller.
import { isNce, sameId, type Customer, type ResellerRelationship, type Subscription, type SupportContact } from '../partnerCenter';
import { customerName, subscriptionName, type NodeView } from './nodes';

export type ResellerNodeKind = 'reseller' | 'customer' | 'subscription' | 'message';

/** A row of the view: its view data plus the models it stands for (commands read these). */
export interface ResellerNode {
  kind: ResellerNodeKind;
  view: NodeView;
  reseller: ResellerRelationship;
  customer?: Customer;
  subscription?: Subscription;
  contact?: SupportContact | null;
}

export const CONTACT_SCAN_COST = 'Partner Center has no filter for "subscriptions supported by this reseller", so expanding a customer reads each of its legacy (non-NCE) subscriptions\' support contact: one request per subscription.';

export function resellerView(r: ResellerRelationship, customerCount?: number): NodeView {
  const state = r.active ? 'Active' : r.state || 'unknown state';
  const count = customerCount === undefined ? undefined : `${customerCount} customer${customerCount === 1 ? '' : 's'}`;
  return {
    id: `reseller:${r.id.toLowerCase()}`,
    label: r.name || r.id,
    description: [`MPN ID ${r.mpnId}`, state, count].filter(Boolean).join(' · '),
    tooltip: [r.name, `MPN ID (PartnerID): ${r.mpnId}`, `Tenant ID: ${r.id}`, `State: ${state}`, r.location && `Location: ${r.location}`,
      count && `Serves ${count} (server-side IndirectReseller filter)`,
      r.active ? undefined : 'Not active: it cannot be chosen as a new support contact.'].filter(Boolean).join('\n'),
    accessibilityLabel: `Reseller ${r.name}, MPN ID ${r.mpnId}, ${state}${count ? `, ${count}` : ''}`,
    contextValue: r.active ? 'reseller' : 'reseller.inactive',
    collapsible: 'collapsed',
    icon: r.active ? { id: 'briefcase' } : { id: 'briefcase', color: 'disabledForeground' },
  };
}

export interface ScanCount { supported: number; legacy: number; total: number }

export function resellerCustomerView(r: ResellerRelationship, c: Customer, scanned?: ScanCount): NodeView {
  const name = customerName(c);
  const description = scanned
    ? `${scanned.supported} of ${scanned.total} subscription${scanned.total === 1 ? '' : 's'} supported by ${r.name}`
    : 'expand to check support contacts (1 request per legacy subscription)';
  return {
    id: `reseller:${r.id.toLowerCase()}/customer:${c.id.toLowerCase()}`,
    label: name,
    description,
    tooltip: [name, c.companyProfile.domain && `Domain: ${c.companyProfile.domain}`, `Customer ID: ${c.id}`, '', CONTACT_SCAN_COST].filter((l) => l !== undefined && l !== null).join('\n'),
    accessibilityLabel: `Customer ${name}, ${description}`,
    contextValue: 'resellerCustomer',
    collapsible: 'collapsed',
    icon: { id: 'organization' },
  };
}

export function resellerSubscriptionView(r: ResellerRelationship, customerId: string, s: Subscription, contact: SupportContact): NodeView {
  const name = subscriptionName(s);
  return {
    id: `reseller:${r.id.toLowerCase()}/subscription:${customerId.toLowerCase()}/${s.id.toLowerCase()}`,
    label: name,
    description: [s.status !== 'active' ? s.status : undefined, `contact ${contact.name}`].filter(Boolean).join(' · '),
    tooltip: [name, `Status: ${s.status}`, `Subscription ID: ${s.id}`, `Support contact: ${contact.name} (MPN ID ${contact.supportMpnId})`].join('\n'),
    accessibilityLabel: `Subscription ${name}, ${s.status}, support contact ${contact.name}`,
    contextValue: 'resellerSubscription',
    collapsible: 'none',
    icon: { id: 'package' },
  };
}

export function messageView(id: string, label: string, options: { tooltip?: string; error?: boolean; retry?: unknown[] } = {}): NodeView {
  return {
    id: `message:${id}`,
    label,
    ...(options.tooltip ? { tooltip: options.tooltip } : {}),
    contextValue: options.error ? 'resellerError' : 'resellerMessage',
    collapsible: 'none',
    icon: options.error ? { id: 'error', color: 'errorForeground' } : { id: 'info' },
    ...(options.retry ? { command: { command: 'partnerCenter.refreshResellers', title: 'Retry', arguments: options.retry } } : {}),
  };
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

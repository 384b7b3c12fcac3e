// What a bulk command works on, from how it was invoked: a Customers-tree selection (customers →
// all their subscriptions; subscriptions; a contact row → its subscription), a row of the Indirect
// Resellers view (a reseller → everything it supports), or nothing (the palette: pick a customer).
import * as vscode from 'vscode';
import { targetsForCustomer, targetsForReseller, type PlanTarget } from '../bulk';
import { forEachLimited } from '../bulk/pool';
import { customerName, isNce, subscriptionName, type OperationContext, type PartnerCenterClient, type ResellerRelationship } from '../partnerCenter';
import type { Session } from '../session';
import type { PcNode } from '../tree/customersProvider';
import type { ResellerNode } from '../tree/resellerNodes';
import { ContextValues } from '../tree/ids';
import type { CustomersView } from '../tree/view';
import type { SubscriptionContactRow } from '../bulk';
import { treeNodesFromArgs } from './args';
import { newCorrelationId, pickCustomer } from './pickers';
import { withCancellableProgress } from './progress';
import { plainText } from '../partnerCenter/safeText';

export interface TargetSource {
  /** "3 customers", "Wingtip Toys (reseller)"… for titles and the preview. */
  label: string;
  /** The reseller whose subscriptions these are, when started from the Indirect Resellers view. */
  reseller?: ResellerRelationship;
  load(client: PartnerCenterClient, ctx: OperationContext, report: (message: string) => void): Promise<PlanTarget[]>;
}

function customersText(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} customer', n) : vscode.l10n.t('{0} customers', n);
}

function subscriptionsText(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} subscription', n) : vscode.l10n.t('{0} subscriptions', n);
}

function fromTreeNodes(nodes: PcNode[]): TargetSource | undefined {
  const customers = new Map<string, { id: string; name: string }>();
  const subs: PlanTarget[] = [];
  for (const n of nodes) {
    if (n.customer && n.view.contextValue === ContextValues.customer) customers.set(n.customer.id.toLowerCase(), { id: n.customer.id, name: customerName(n.customer) });
    const subNode = n.subscription ? n : n.parent?.subscription ? n.parent : undefined; // a contact row stands for its subscription
    if (subNode?.subscription && subNode.customerId) {
      const owner = subNode.parent?.customer;
      subs.push({ customerId: subNode.customerId, ...(owner ? { customerName: customerName(owner) } : {}), subscription: subNode.subscription });
    }
  }
  if (customers.size === 0 && subs.length === 0) return undefined;
  const label = customers.size && subs.length ? vscode.l10n.t('{0} and {1}', customersText(customers.size), subscriptionsText(subs.length))
    : customers.size ? customersText(customers.size) : subscriptionsText(subs.length);
  return {
    label: customers.size === 1 && subs.length === 0 ? [...customers.values()][0].name : label,
    async load(client, ctx, report) {
      const out: PlanTarget[] = [];
      const list = [...customers.values()];
      let done = 0;
      await forEachLimited(list, 8, async (c) => {
        out.push(...await targetsForCustomer(client, c, ctx));
        report(vscode.l10n.t('Reading subscriptions: {0} of {1} customers', ++done, list.length));
      }, ctx.signal);
      return [...out, ...subs];
    },
  };
}

function fromResellerNodes(nodes: ResellerNode[]): TargetSource | undefined {
  const node = nodes[0];
  if (!node || node.kind === 'message') return undefined;
  const r = node.reseller;
  if (node.kind === 'reseller') {
    return {
      label: vscode.l10n.t('everything {0} supports', plainText(r.name)),
      reseller: r,
      load: (client, ctx, report) => targetsForReseller(client, r, {
        ctx, onProgress: (p) => report(vscode.l10n.t('{0} of {1} customers · {2} contacts read · {3} found', p.customersScanned, p.customers, p.subscriptionsChecked, p.found)),
      }),
    };
  }
  const c = node.customer;
  if (node.kind === 'customer') {
    return { label: customerName(c), reseller: r, load: (client, ctx) => targetsForCustomer(client, { id: c.id, name: customerName(c) }, ctx) };
  }
  const subs = nodes.filter((n): n is ResellerNode & { kind: 'subscription' } => n.kind === 'subscription');
  return {
    label: subscriptionsText(subs.length),
    reseller: r,
    load: () => Promise.resolve(subs.map((n) => ({
      customerId: n.customer.id, customerName: customerName(n.customer), subscription: n.subscription, knownContact: n.contact,
    }))),
  };
}

/** The source of a command invocation; undefined when nothing usable was passed (use the palette path). */
export function sourceFromArgs(node: unknown, selection: unknown): TargetSource | undefined {
  const args = treeNodesFromArgs(node, selection);
  if (args?.tree === 'resellers') return fromResellerNodes(args.nodes);
  if (args?.tree === 'customers') return fromTreeNodes(args.nodes);
  return undefined;
}

/** The Customers view's current selection as a source (for the palette's Export to CSV). */
export function sourceFromTreeSelection(tree: CustomersView): TargetSource | undefined {
  return fromTreeNodes([...tree.view.selection]);
}

/** Palette: choose one customer; all its subscriptions. */
export async function pickCustomerSource(session: Session): Promise<TargetSource> {
  const customer = await pickCustomer(session, newCorrelationId());
  const name = customerName(customer);
  return { label: name, load: (client, ctx) => targetsForCustomer(client, { id: customer.id, name }, ctx) };
}

/** Loads the targets with a cancellable progress notification. */
export async function loadTargets(session: Session, source: TargetSource, correlationId: string): Promise<PlanTarget[]> {
  return await withCancellableProgress(vscode.l10n.t('Finding subscriptions: {0}', plainText(source.label)), async ({ signal, report }) => {
    const targets = await session.call((client) => source.load(client, { correlationId, signal }, report));
    if (signal.aborted) throw new vscode.CancellationError();
    return targets;
  });
}

/** Rows for a CSV export: each target with its current support contact (read when not known; none for NCE). */
export async function contactRows(client: PartnerCenterClient, targets: PlanTarget[], ctx: OperationContext, report: (m: string) => void): Promise<SubscriptionContactRow[]> {
  const rows: SubscriptionContactRow[] = new Array<SubscriptionContactRow>(targets.length);
  let done = 0;
  await forEachLimited(targets, 8, async (t, i) => {
    const sub = t.subscription ?? await client.getSubscription(t.customerId, t.subscriptionId ?? '', ctx);
    const nce = isNce(sub);
    const contact = t.knownContact !== undefined ? t.knownContact : nce ? null : await client.getSupportContact(t.customerId, sub.id, ctx);
    rows[i] = { customerId: t.customerId, customerName: t.customerName, subscriptionId: sub.id, subscriptionName: subscriptionName(sub),
      offerId: sub.offerId, status: sub.status === 'unknown' ? (sub.rawStatus ?? 'unknown') : sub.status, nce, contact };
    report(vscode.l10n.t('Reading support contacts: {0} of {1}', ++done, targets.length));
  }, ctx.signal);
  if (ctx.signal?.aborted) throw new vscode.CancellationError();
  return rows;
}

// The Indirect Resellers view: the partner's indirect resellers → the customers each serves (one
// server-side `IndirectReseller` filter per reseller) → the subscriptions whose support contact is
// that reseller (read lazily per customer, with progress: the service has no filter for it).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { withProgress } from '../platform/notify';
import { forEachLimited } from '../bulk/pool';
import { customerName, isNce, type Customer, type ResellerRelationship, type Subscription, type SupportContact } from '../partnerCenter';
import type { SupportContactEvents } from '../change';
import type { Session } from '../session';
import { resellerNodeIds } from './ids';
import { rowError } from './nodes';
import { toTreeItem } from './treeItem';
import {
  messageView, resellerCustomerView, resellerErrorView, resellerSubscriptionView, resellerView, sortResellers, supportedBy, contactScanCost, type ResellerNode, type ScanCount,
} from './resellerNodes';
import { plainText } from '../partnerCenter/safeText';

export const RESELLERS_VIEW_ID = 'partnerCenter.resellers';

/** One row per reseller id (the active entry wins); id-less entries are dropped. */
function uniqueResellers(list: readonly ResellerRelationship[]): ResellerRelationship[] {
  const byId = new Map<string, ResellerRelationship>();
  for (const r of list) {
    const id = r.id.toLowerCase();
    if (id && (!byId.has(id) || (r.active && !byId.get(id)?.active))) byId.set(id, r);
  }
  return [...byId.values()];
}

export class ResellersProvider implements vscode.TreeDataProvider<ResellerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResellerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly customers = new Map<string, Customer[]>();
  private readonly scans = new Map<string, { subs: Subscription[]; contacts: Map<string, SupportContact | null> }>();
  private readonly parents = new Map<string, ResellerNode>();
  /**
   * One object per node id: VS Code maps elements to handles by identity, so a re-render (e.g. the
   * reseller's count appearing) must hand back the same objects or a click on a row rendered a
   * moment earlier finds no tree item ("No tree item with id … found").
   */
  private readonly nodes = new Map<string, ResellerNode>();

  constructor(private readonly session: Session) {}

  getTreeItem(node: ResellerNode): vscode.TreeItem {
    return toTreeItem(node.view, node);
  }

  getParent(node: ResellerNode): ResellerNode | undefined {
    return this.parents.get(node.view.id);
  }

  async getChildren(node?: ResellerNode): Promise<ResellerNode[]> {
    if (!this.session.current) return [];
    try {
      if (!node) return await this.resellers();
      if (node.kind === 'reseller') return await this.customersOf(node);
      if (node.kind === 'customer') return await this.supportedSubscriptions(node);
      return [];
    } catch (err) {
      return [this.child(node, { kind: 'message', ...(node ? { reseller: node.reseller } : {}), view: resellerErrorView(node, rowError(err)) })];
    }
  }

  private child(parent: ResellerNode | undefined, node: ResellerNode): ResellerNode {
    if (parent) this.parents.set(node.view.id, parent);
    const existing = this.nodes.get(node.view.id);
    if (existing) {
      Object.assign(existing, node);
      return existing;
    }
    this.nodes.set(node.view.id, node);
    return node;
  }

  private async resellers(): Promise<ResellerNode[]> {
    const list = await this.session.call((c) => c.listIndirectResellers({ correlationId: randomUUID() }));
    if (list.length === 0) return [{ kind: 'message', view: messageView(resellerNodeIds.noResellers(), vscode.l10n.t('No indirect resellers')) }];
    return sortResellers(uniqueResellers(list)).map((r) => this.child(undefined, { kind: 'reseller' as const, reseller: r, view: resellerView(r, this.customers.get(r.id.toLowerCase())?.length) }));
  }

  /** Every customer the reseller serves (all pages of the server-side filter). */
  async servedCustomers(r: ResellerRelationship): Promise<Customer[]> {
    const key = r.id.toLowerCase();
    const hit = this.customers.get(key);
    if (hit) return hit;
    const list = await this.session.call(async (c) => {
      const out: Customer[] = [];
      for await (const page of c.searchCustomers(r.id, 'IndirectReseller', { pageSize: 100 }, { correlationId: randomUUID() })) out.push(...page.items);
      return out;
    });
    this.customers.set(key, list);
    return list;
  }

  private async customersOf(node: ResellerNode & { kind: 'reseller' }): Promise<ResellerNode[]> {
    const r = node.reseller;
    const list = await this.servedCustomers(r);
    // The count is a row of its own: refreshing the reseller row to show it would race with a
    // click on a customer row rendered a moment earlier (VS Code: "No tree item with id … found").
    node.view = resellerView(r, list.length); // the reseller row shows it from the next render on
    if (list.length === 0) return [this.child(node, { kind: 'message', reseller: r, view: messageView(resellerNodeIds.noCustomers(r.id), vscode.l10n.t('Serves no customers')) })];
    const summary = messageView(resellerNodeIds.served(r.id), list.length === 1 ? vscode.l10n.t('{0} customer served', list.length) : vscode.l10n.t('{0} customers served', list.length), { tooltip: contactScanCost() });
    return [
      this.child(node, { kind: 'message', reseller: r, view: { ...summary, description: vscode.l10n.t('expand one to check its support contacts') } }),
      ...list.map((c) => this.child(node, { kind: 'customer', reseller: r, customer: c, view: resellerCustomerView(r, c, this.count(r, c)) })),
    ];
  }

  private count(r: ResellerRelationship, c: Customer): ScanCount | undefined {
    const scan = this.scans.get(c.id.toLowerCase());
    if (!scan) return undefined;
    const provider = [...scan.contacts.values()].filter((contact) => contact?.indirectProvider).length;
    return { supported: supportedBy(r, scan.subs, scan.contacts).length, legacy: scan.subs.filter((s) => !isNce(s)).length, total: scan.subs.length, provider };
  }

  private async supportedSubscriptions(node: ResellerNode & { kind: 'customer' }): Promise<ResellerNode[]> {
    const r = node.reseller;
    const c = node.customer;
    const key = c.id.toLowerCase();
    let scan = this.scans.get(key);
    if (!scan) {
      scan = await withProgress({ location: { viewId: RESELLERS_VIEW_ID }, title: vscode.l10n.t('Reading support contacts of {0}', plainText(customerName(c))) }, () => this.scan(c));
      this.scans.set(key, scan);
      node.view = resellerCustomerView(r, c, this.count(r, c)); // shown with its counts on the next render
    }
    const found = supportedBy(r, scan.subs, scan.contacts);
    if (found.length === 0) {
      return [this.child(node, { kind: 'message', reseller: r, view: messageView(resellerNodeIds.noSubscriptions(r.id, c.id), vscode.l10n.t("No subscription's support contact is {0}", plainText(r.name)), { tooltip: contactScanCost() }) })];
    }
    return found.map(({ subscription, contact }) => this.child(node, {
      kind: 'subscription', reseller: r, customer: c, subscription, contact, view: resellerSubscriptionView(r, c.id, subscription, contact),
    }));
  }

  private async scan(c: Customer): Promise<{ subs: Subscription[]; contacts: Map<string, SupportContact | null> }> {
    const correlationId = randomUUID();
    return this.session.call(async (client) => {
      const subs = await client.listSubscriptions(c.id, { correlationId });
      const contacts = new Map<string, SupportContact | null>();
      await forEachLimited(subs.filter((s) => !isNce(s)), 8, async (s) => {
        contacts.set(s.id.toLowerCase(), await client.getSupportContact(c.id, s.id, { correlationId }));
      });
      return { subs, contacts };
    });
  }

  /**
   * Forgets what was read and shows it again: a customer's contact scan, a reseller's customers, or
   * (no node, or a row with nothing of its own to read again) everything.
   */
  refresh(node?: ResellerNode): void {
    if (node?.kind === 'customer') this.scans.delete(node.customer.id.toLowerCase());
    else if (node?.kind === 'reseller') this.customers.delete(node.reseller.id.toLowerCase());
    else {
      this.customers.clear();
      this.scans.clear();
      this.parents.clear();
      this.nodes.clear();
    }
    this.changed.fire(undefined);
  }

  /** After this extension changed a subscription's contact: that customer is read again when shown. */
  contactChanged(customerId: string): void {
    if (this.scans.delete(customerId.toLowerCase())) this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export class ResellersView implements vscode.Disposable {
  readonly provider: ResellersProvider;
  readonly view: vscode.TreeView<ResellerNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(session: Session, events: SupportContactEvents) {
    this.provider = new ResellersProvider(session);
    this.view = vscode.window.createTreeView(RESELLERS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(this.view, this.provider, session.onDidChange(() => this.provider.refresh()));
    // After every change: that customer's subscriptions are read again when shown.
    this.disposables.push(events.onDidChangeSupportContact((e) => this.provider.contactChanged(e.customerId)));
    this.disposables.push(this.view.onDidChangeVisibility((e) => e.visible && void session.restore()));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

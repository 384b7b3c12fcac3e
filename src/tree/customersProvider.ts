// The Customers tree: customers (paged, searchable) → subscriptions → the current support contact.
// Each expansion costs one request and is cached for a short window; errors become rows with Retry.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Customer, CustomerSearchField, OperationContext, ResourceCollection, Subscription, SupportContact } from '../partnerCenter';
import type { Session } from '../session';
import { toTreeItem } from './treeItem';
import { ContextValues, nodeIds } from './ids';
import { contactView, emptyView, errorView, rootRows, rowError, subscriptionView, type NodeView, type RowError } from './nodes';

const CACHE_MS = 2 * 60_000;

export class PcNode {
  constructor(
    readonly view: NodeView,
    readonly parent: PcNode | undefined,
    readonly customer?: Customer,
    readonly subscription?: Subscription,
  ) {}
  get customerId(): string | undefined {
    return this.customer?.id ?? this.parent?.customerId;
  }
  get subscriptionId(): string | undefined {
    return this.subscription?.id;
  }
}

interface Cached<T> {
  at: number;
  value?: T;
  error?: RowError;
}

type Pager = AsyncGenerator<ResourceCollection<Customer>, void, undefined>;

export class CustomersProvider implements vscode.TreeDataProvider<PcNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PcNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private customers: Customer[] = [];
  private pager: Pager | undefined;
  private hasMore = false;
  private rootLoaded = false;
  private rootError: RowError | undefined;
  private loadingRoot: Promise<void> | undefined;
  private search: { text: string; field: CustomerSearchField } | undefined;
  private readonly subscriptions = new Map<string, Cached<Subscription[]>>();
  private readonly contacts = new Map<string, Cached<SupportContact | null>>();
  private readonly nodes = new Map<string, PcNode>();
  /** Shown at the top of the view, e.g. while Partner Center throttles us. */
  onMessage: (message: string | undefined) => void = () => undefined;

  constructor(private readonly session: Session, private readonly pageSize: () => number) {}

  getTreeItem(node: PcNode): vscode.TreeItem {
    return toTreeItem(node.view, node);
  }

  getParent(node: PcNode): PcNode | undefined {
    return node.parent;
  }

  async getChildren(node?: PcNode): Promise<PcNode[]> {
    if (!node) return this.rootChildren();
    if (node.customer && node.view.contextValue === ContextValues.customer) return this.subscriptionChildren(node);
    if (node.subscription) return this.contactChildren(node);
    return [];
  }

  findNode(id: string): PcNode | undefined {
    return this.nodes.get(id);
  }

  private make(view: NodeView, parent: PcNode | undefined, customer?: Customer, subscription?: Subscription): PcNode {
    const node = new PcNode(view, parent, customer, subscription);
    this.nodes.set(view.id, node);
    return node;
  }

  private async rootChildren(): Promise<PcNode[]> {
    if (!this.session.current) {
      // Signed out: the welcome view. A sign-in that could not be restored says why, with Sign In.
      const problem = this.session.restoreProblem;
      return problem ? [this.make(errorView('customers', vscode.l10n.t('customers'), rowError(problem), ['root']), undefined)] : [];
    }
    if (!this.rootLoaded) await this.loadNextPage();
    if (this.rootError && this.customers.length === 0) {
      return [this.make(errorView('customers', vscode.l10n.t('customers'), this.rootError, ['root']), undefined)];
    }
    const byId = new Map(this.customers.map((c) => [nodeIds.customer(c.id), c]));
    const rows = rootRows(this.customers, { hasMore: this.hasMore, ...(this.search ? { search: this.search.text } : {}) });
    if (this.rootError) rows.push(errorView('more-customers', vscode.l10n.t('more customers'), this.rootError, ['root']));
    return rows.map((v) => this.make(v, undefined, byId.get(v.id)));
  }

  /** Loads the next page of customers (the first one when nothing is loaded yet). */
  loadNextPage(): Promise<void> {
    this.loadingRoot ??= (async () => {
      try {
        // Through session.call: an MFA claims challenge signs in again once, then the page is
        // asked for again from a fresh pager (a generator that threw cannot be resumed).
        const page = await this.session.call(async (client) => {
          if (!this.pager) {
            const ctx = this.context();
            if (this.customers.length) this.customers = []; // a fresh pager starts at page one
            this.pager = this.search
              ? client.searchCustomers(this.search.text, this.search.field, { pageSize: this.pageSize() }, ctx)
              : client.listCustomers({ pageSize: this.pageSize() }, ctx);
          }
          try {
            return await this.pager.next();
          } catch (err) {
            this.pager = undefined;
            throw err;
          }
        });
        if (!page.done) {
          // VS Code refuses two tree items with one id: skip repeats (and id-less items) across pages.
          const seen = new Set(this.customers.map((c) => c.id.toLowerCase()));
          for (const c of page.value.items) {
            const id = c.id.toLowerCase();
            if (id && !seen.has(id)) {
              seen.add(id);
              this.customers.push(c);
            }
          }
        }
        this.hasMore = !page.done && !!page.value.links.next;
        if (!this.hasMore) this.pager = undefined;
        this.rootError = undefined;
      } catch (err) {
        this.pager = undefined;
        this.rootError = rowError(err);
      } finally {
        this.rootLoaded = true;
        this.loadingRoot = undefined;
        this.onMessage(undefined);
      }
    })();
    return this.loadingRoot;
  }

  async loadMore(): Promise<void> {
    await this.loadNextPage();
    this.changed.fire(undefined);
  }

  private async subscriptionChildren(node: PcNode): Promise<PcNode[]> {
    const customer = node.customer as Customer;
    const key = customer.id.toLowerCase();
    const cached = await this.cached(this.subscriptions, key, async (client, ctx) => client.listSubscriptions(customer.id, ctx));
    if (cached.error !== undefined) return [this.make(errorView(`subs:${key}`, vscode.l10n.t('subscriptions'), cached.error, ['subscriptions', key]), node)];
    const subs = cached.value ?? [];
    if (subs.length === 0) return [this.make(emptyView(key, vscode.l10n.t('No subscriptions')), node)];
    return subs.map((s) => this.make(subscriptionView(customer.id, s), node, undefined, s));
  }

  private async contactChildren(node: PcNode): Promise<PcNode[]> {
    const customerId = node.customerId as string;
    const sub = node.subscription as Subscription;
    const key = `${customerId}/${sub.id}`.toLowerCase();
    const cached = await this.cached(this.contacts, key, (client, ctx) => client.getSupportContact(customerId, sub.id, ctx));
    if (cached.error !== undefined) return [this.make(errorView(`contact:${key}`, vscode.l10n.t('the support contact'), cached.error, ['contact', key],
      ['subscriptions', customerId.toLowerCase()]), node)];
    return [this.make(contactView(node.view.id, cached.value ?? null), node)];
  }

  private async cached<T>(
    map: Map<string, Cached<T>>,
    key: string,
    load: (client: Awaited<ReturnType<Session['client']>>, ctx: OperationContext) => Promise<T>,
  ): Promise<Cached<T>> {
    const hit = map.get(key);
    if (hit && hit.error === undefined && Date.now() - hit.at < CACHE_MS) return hit;
    let entry: Cached<T>;
    try {
      entry = { at: Date.now(), value: await this.session.call((client) => load(client, this.context())) };
    } catch (err) {
      entry = { at: Date.now(), error: rowError(err) };
    } finally {
      this.onMessage(undefined);
    }
    map.set(key, entry);
    return entry;
  }

  /** One correlation id per tree action; throttling waits are shown as the view's message. */
  private context(): OperationContext {
    return {
      correlationId: randomUUID(),
      onRetryWait: (info) =>
        this.onMessage(info.reason === 'throttled'
          ? vscode.l10n.t('Partner Center is throttling requests — waiting {0} s…', Math.ceil(info.seconds))
          : vscode.l10n.t('Partner Center did not answer — retrying in {0} s…', Math.ceil(info.seconds))),
    };
  }

  /** The Retry row: forgets that error and loads again. */
  retry(kind: unknown, key: unknown): void {
    if (kind === 'subscriptions' && typeof key === 'string') this.subscriptions.delete(key);
    else if (kind === 'contact' && typeof key === 'string') this.contacts.delete(key);
    else if (kind === 'root') {
      this.rootLoaded = false;
      this.rootError = undefined;
    }
    this.changed.fire(undefined);
  }

  /** Refresh: clears the cache of one node (and below), or everything. */
  refresh(node?: PcNode): void {
    if (node?.customer) {
      const key = node.customer.id.toLowerCase();
      this.subscriptions.delete(key);
      for (const k of [...this.contacts.keys()]) if (k.startsWith(`${key}/`)) this.contacts.delete(k);
      this.changed.fire(node);
      return;
    }
    if (node?.subscription && node.customerId) {
      this.contacts.delete(`${node.customerId}/${node.subscription.id}`.toLowerCase());
      this.changed.fire(node);
      return;
    }
    this.reset();
    this.changed.fire(undefined);
  }

  /** After a change made by this extension: reload that subscription's contact. */
  contactChanged(customerId: string, subscriptionId: string): void {
    this.contacts.delete(`${customerId}/${subscriptionId}`.toLowerCase());
    const node = this.nodes.get(nodeIds.subscription(customerId, subscriptionId));
    this.changed.fire(node);
  }

  setSearch(search: { text: string; field: CustomerSearchField } | undefined): void {
    this.search = search;
    this.resetRoot();
    this.changed.fire(undefined);
  }

  get searchText(): string | undefined {
    return this.search?.text;
  }

  private resetRoot(): void {
    void this.pager?.return(undefined);
    this.pager = undefined;
    this.customers = [];
    this.hasMore = false;
    this.rootLoaded = false;
    this.rootError = undefined;
  }

  reset(): void {
    this.resetRoot();
    this.subscriptions.clear();
    this.contacts.clear();
    this.nodes.clear();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

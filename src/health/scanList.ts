// The listing half of the inventory scan: which customers a scan reads (the customer list paged from
// its stored next-page link, one reseller's customers, one customer, or the stored ones read before a
// time), each page stored as it is read, and the queue the readers take them from. Plain Node: no
// vscode import.

import type { Customer, OperationContext, PartnerCenterClient, ResourceCollection } from '../partnerCenter';
import { toStub, type CustomerStub, type InventoryCustomer } from './inventory';
import type { InventoryRecord, LoadedInventory, NextLink, ScanScope, ScanState } from './store';

/** A queue of customers to read, fed by the lister while the readers take from it. */
export class WorkQueue {
  private items: CustomerStub[] = [];
  private head = 0;
  private closed = false;
  private waiters: (() => void)[] = [];

  push(stubs: CustomerStub[]): void { this.items.push(...stubs); this.wake(); }
  close(): void { this.closed = true; this.wake(); }

  async take(stopped: () => boolean): Promise<CustomerStub | undefined> {
    for (;;) {
      if (stopped()) return undefined;
      if (this.head < this.items.length) {
        const item = this.items[this.head++];
        if (this.head > 4096) { this.items = this.items.slice(this.head); this.head = 0; }
        return item;
      }
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void { for (const w of this.waiters.splice(0)) w(); }
}

/** What the lister works with: the scan being run, how it writes and counts, and where it puts customers. */
export interface ListingRun {
  inv: LoadedInventory;
  scan: ScanState;
  client: PartnerCenterClient;
  ctx: OperationContext;
  queue: WorkQueue;
  pageSize?: number;
  progress: { customersListed: number; listingComplete: boolean; requests: number };
  write(r: InventoryRecord): Promise<void>;
  call<T>(p: () => Promise<T>): Promise<T>;
  paused(): boolean;
  report(): void;
}

/** Lists the scan's customers into the queue (from where a stopped scan left off); closes the queue however it ends. */
export async function listCustomers(run: ListingRun): Promise<void> {
  const { scan, progress } = run;
  try {
    if (scan.next !== null) {
      const stubs = await listScope(scan.scope, run);
      if (stubs) await addPage(run, stubs, null);
      else await pageThrough(run);
    }
    progress.listingComplete = !run.paused();
  } finally {
    run.queue.close();
  }
}

/** Stores one page of listed customers with the link to the next, and queues them. */
async function addPage(run: ListingRun, stubs: CustomerStub[], next: NextLink | null): Promise<void> {
  await run.write({ t: 'page', scan: run.scan.id, customers: stubs, next });
  run.progress.customersListed += stubs.length;
  run.queue.push(stubs);
}

/** Pages through the customer list (one reseller's, or everyone), skipping customers already listed or done. */
async function pageThrough(run: ListingRun): Promise<void> {
  const { scan, client, ctx } = run;
  const scope = scan.scope;
  const filter = scope.kind === 'reseller' ? { field: 'IndirectReseller' as const, value: scope.resellerTenantId } : undefined;
  const pager = client.listCustomers({ pageSize: run.pageSize ?? 500, ...(filter ? { filter } : {}), ...(scan.next ? { startAt: scan.next } : {}) }, ctx);
  const seen = new Set(scan.listed.map((c) => c.id.toLowerCase()));
  const fresh = (c: CustomerStub): boolean => {
    const id = c.id.toLowerCase();
    if (!id || scan.done.has(id) || seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  while (!run.paused()) {
    const step = await pager.next();
    if (step.done) break;
    run.progress.requests++;
    const page = step.value;
    await addPage(run, page.items.map(toStub).filter(fresh), nextOf(page));
    run.report();
  }
}

function nextOf(page: ResourceCollection<Customer>): NextLink | null {
  const link = page.links.next;
  return link ? { uri: link.uri, headers: Object.fromEntries(link.headers.map((h) => [h.key, h.value])) } : null;
}

/** A stored customer as a listed one (what a refresh starts from). */
function stubOf(c: InventoryCustomer): CustomerStub {
  return { id: c.id, name: c.name, ...(c.domain ? { domain: c.domain } : {}), ...(c.associatedPartnerId ? { associatedPartnerId: c.associatedPartnerId } : {}) };
}

/** The customers of a scope that is not read from the customer list (undefined: page through the list). */
async function listScope(scope: ScanScope, { inv, scan, client, ctx, call }: ListingRun): Promise<CustomerStub[] | undefined> {
  if (scope.kind === 'customer') {
    if (scan.done.has(scope.customerId.toLowerCase())) return [];
    const known = inv.customers.get(scope.customerId.toLowerCase());
    if (known) return [stubOf(known)];
    return [toStub(await call(() => client.getCustomer(scope.customerId, ctx)))];
  }
  if (scope.kind === 'olderThan') {
    const before = Date.parse(scope.before);
    return [...inv.customers.values()].filter((c) => !(Date.parse(c.read) >= before) && !scan.done.has(c.id.toLowerCase()))
      .map(stubOf);
  }
  return undefined;
}

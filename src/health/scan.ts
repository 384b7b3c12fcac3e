// The inventory scan: the partner's indirect resellers, then customers (paged) → each customer's
// subscriptions → the support contact of every legacy, active one. Every call goes through the
// client's shared limiter, so the scan runs as fast as the throttle allows and never faster. Each
// customer is written to the stored inventory once all its reads are done; a scan stopped by a
// crash, a reload or Cancel resumes from the file: the customers it finished are not read again,
// and the customer list continues from the stored next-page link. Plain Node: no vscode import.

import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tryAcquireRunLock, type RunLock } from '../bulk/lock';
import {
  isPartnerCenterError, signInRequestFor, toUserMessage, type Customer, type OperationContext, type PartnerCenterClient, type ResourceCollection,
} from '../partnerCenter';
import {
  contactApplies, toInventorySubscription, toReseller, toStub, type CustomerStub, type InventoryCustomer, type InventorySubscription, type ProviderIdentity,
} from './inventory';
import {
  InventoryWriter, applyRecord, compactInventory, inventoryVersion, loadInventory,
  type InventoryRecord, type LoadedInventory, type NextLink, type ScanScope, type ScanState,
} from './store';

export interface ScanProgress {
  /** Customers finished by this scan (across resumes). */
  customersDone: number;
  /** Customers listed so far; final once `listingComplete`. */
  customersListed: number;
  listingComplete: boolean;
  /** Requests this run of the scan has made (not counting retries). */
  requests: number;
  /** Seconds left at the throttle's pace (undefined until the customer list is complete). */
  etaSeconds?: number;
  /** Customers whose subscriptions, or some contact, could not be read. */
  customersWithErrors: number;
}

export interface ScanOptions {
  client: PartnerCenterClient;
  /** The inventory file (JSON Lines). */
  file: string;
  /** Starts a new scan of this scope. Omit to resume the stored incomplete scan. */
  scope?: ScanScope;
  /** The inventory already loaded from `file` (saves reading it again). */
  inventory?: LoadedInventory;
  /** Stops at once: calls in flight are abandoned (their customers are read again on resume). */
  signal?: AbortSignal;
  /**
   * Pause (Cancel in the UI, a window closing): no new customer is started, the ones in flight finish
   * and are stored, then the scan resolves with complete: false. A resume reads none of them again.
   */
  pause?: AbortSignal;
  correlationId?: string;
  /** Customers per page of the list (default 500, the service's maximum). */
  pageSize?: number;
  /** Customers read at once (default: the limiter's concurrency). */
  concurrency?: number;
  onProgress?: (p: ScanProgress) => void;
  /** Told about each customer as it is stored (the report and the status bar fill in as the scan runs). */
  onCustomer?: (c: InventoryCustomer) => void;
  /** Take the file's owner lock (default true): another window cannot scan into it at the same time. */
  lock?: boolean;
}

export interface ScanResult {
  inventory: LoadedInventory;
  complete: boolean;
  progress: ScanProgress;
}

/** A scan of the inventory is already running (in this window or another). */
export class ScanBusyError extends Error {
  constructor() {
    super('A support-contact health check is already running for this account (in this or another VS Code window).');
    this.name = 'ScanBusyError';
  }
}

/** Errors that end the whole scan instead of being recorded against one customer. */
function stopsScan(err: unknown): boolean {
  if (!isPartnerCenterError(err)) return true;
  return err.kind === 'cancelled' || signInRequestFor(err) !== undefined || err.kind === 'forbidden';
}

function nextOf(page: ResourceCollection<Customer>): NextLink | null {
  const link = page.links.next;
  return link ? { uri: link.uri, headers: Object.fromEntries(link.headers.map((h) => [h.key, h.value])) } : null;
}

/** A queue of customers to read, fed by the lister while the readers take from it. */
class WorkQueue {
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

/** Runs (or resumes) a scan. Resolves when it is complete, or stopped by the signal (complete: false). */
export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const { file } = options;
  let lock: RunLock | undefined;
  await mkdir(dirname(file), { recursive: true });
  if (options.lock !== false) {
    lock = await tryAcquireRunLock(file);
    if (!lock) throw new ScanBusyError();
  }
  try {
    const inv = options.inventory ?? await loadInventory(file);
    const writer = await InventoryWriter.open(file);
    try {
      return await scanInto(inv, writer, options);
    } finally {
      await writer.close();
    }
  } finally {
    await lock?.release();
  }
}

async function scanInto(inv: LoadedInventory, writer: InventoryWriter, options: ScanOptions): Promise<ScanResult> {
  const { client, signal } = options;
  // Stopped by the caller's signal, or by a failure that ends the scan (then in-flight calls stop too).
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every call in flight listens to it
  if (signal?.aborted) stop.abort();
  signal?.addEventListener('abort', () => stop.abort(), { once: true });
  const ctx: OperationContext = { correlationId: options.correlationId ?? randomUUID(), signal: stop.signal };
  const progress: ScanProgress = { customersDone: 0, customersListed: 0, listingComplete: false, requests: 0, customersWithErrors: 0 };
  const write = async (r: InventoryRecord): Promise<void> => { await writer.append(r); applyRecord(inv, r); };
  const call = <T>(p: () => Promise<T>): Promise<T> => { progress.requests++; return p(); };

  if (options.scope) {
    let provider: ProviderIdentity | undefined = inv.provider;
    if (!provider) {
      const org = await call(() => client.getOrganizationProfile(ctx));
      if (org.tenantId) provider = { tenantId: org.tenantId, name: org.companyName };
    }
    await write({ t: 'scan', v: inventoryVersion, scan: randomUUID(), started: new Date().toISOString(), scope: options.scope, ...(provider ? { provider } : {}) });
  } else if (!inv.scan || inv.scan.complete) {
    return { inventory: inv, complete: true, progress: { ...progress, listingComplete: true } };
  }
  const scan = inv.scan as ScanState;
  const scope = scan.scope;

  if (!scan.resellersRead) {
    const resellers = await call(() => client.listIndirectResellers(ctx, { refresh: true }));
    await write({ t: 'resellers', scan: scan.id, time: new Date().toISOString(), items: resellers.map(toReseller) });
  }

  const queue = new WorkQueue();
  const paused = (): boolean => stop.signal.aborted || options.pause?.aborted === true;
  stop.signal.addEventListener('abort', () => queue.close(), { once: true });
  options.pause?.addEventListener('abort', () => queue.close(), { once: true });
  const pending = scan.listed.filter((c) => !scan.done.has(c.id.toLowerCase()));
  progress.customersDone = scan.done.size;
  progress.customersListed = scan.done.size + pending.length;
  queue.push(pending);

  // Per-customer cost, learnt as the scan goes: 1 (subscriptions) + its legacy active subscriptions.
  let readCustomers = 0;
  let readRequests = 0;
  const report = (): void => {
    if (progress.listingComplete) {
      const perCustomer = readCustomers > 0 ? readRequests / readCustomers : 1;
      const left = (progress.customersListed - progress.customersDone) * perCustomer;
      progress.etaSeconds = Math.ceil(left / (client.limiter.ratePerMinute / 60) + client.limiter.pauseRemainingMs() / 1000);
    }
    options.onProgress?.({ ...progress });
  };

  const lister = (async () => {
    try {
      if (scan.next !== null) {
        const stubs = await listScope(scope, inv, scan, client, ctx, call);
        if (stubs) {
          await write({ t: 'page', scan: scan.id, customers: stubs, next: null });
          progress.customersListed += stubs.length;
          queue.push(stubs);
        } else {
          const filter = scope.kind === 'reseller' ? { field: 'IndirectReseller' as const, value: scope.resellerTenantId } : undefined;
          const pager = client.listCustomers({ pageSize: options.pageSize ?? 500, ...(filter ? { filter } : {}), ...(scan.next ? { startAt: scan.next } : {}) }, ctx);
          const seen = new Set(scan.listed.map((c) => c.id.toLowerCase()));
          const fresh = (c: CustomerStub): boolean => {
            const id = c.id.toLowerCase();
            if (!id || scan.done.has(id) || seen.has(id)) return false;
            seen.add(id);
            return true;
          };
          while (!paused()) {
            const step = await pager.next();
            if (step.done) break;
            progress.requests++;
            const page = step.value;
            const stubs = page.items.map(toStub).filter(fresh);
            await write({ t: 'page', scan: scan.id, customers: stubs, next: nextOf(page) });
            progress.customersListed += stubs.length;
            queue.push(stubs);
            report();
          }
        }
      }
      progress.listingComplete = !paused();
    } finally {
      queue.close();
    }
  })();

  const readOne = async (stub: CustomerStub): Promise<void> => {
    const before = progress.requests;
    const customer: InventoryCustomer = { ...stub, read: new Date().toISOString(), subscriptions: [] };
    try {
      const subs = await call(() => client.listSubscriptions(stub.id, ctx));
      customer.subscriptions = subs.map(toInventorySubscription);
      await Promise.all(subs.map(async (s, i) => {
        if (!contactApplies(s)) return;
        const item: InventorySubscription = customer.subscriptions[i];
        try {
          item.contact = await call(() => client.getSupportContact(stub.id, s.id, ctx));
        } catch (err) {
          if (stopsScan(err)) throw err;
          item.error = toUserMessage(err);
        }
      }));
    } catch (err) {
      if (stopsScan(err)) throw err;
      customer.error = toUserMessage(err);
    }
    customer.read = new Date().toISOString();
    if (customer.error !== undefined || customer.subscriptions.some((s) => s.error !== undefined)) progress.customersWithErrors++;
    await write({ t: 'customer', scan: scan.id, customer });
    readCustomers++;
    readRequests += progress.requests - before;
    progress.customersDone++;
    options.onCustomer?.(customer);
    report();
  };

  const workers = Math.max(1, options.concurrency ?? client.limiter.concurrency);
  let failure: unknown;
  const reader = async (): Promise<void> => {
    for (;;) {
      const stub = await queue.take(paused);
      if (!stub || stop.signal.aborted) return;
      try {
        await readOne(stub);
      } catch (err) {
        failure ??= err;
        stop.abort();
        return;
      }
    }
  };
  await Promise.all([...Array.from({ length: workers }, reader), lister.catch((err: unknown) => { failure ??= err; stop.abort(); })]);
  await writer.sync();
  if (failure !== undefined && !(signal?.aborted && isPartnerCenterError(failure) && failure.kind === 'cancelled')) throw failure;

  const complete = !paused() && progress.listingComplete && progress.customersDone >= progress.customersListed;
  if (complete) {
    await write({ t: 'end', scan: scan.id, time: new Date().toISOString() });
    await writer.sync();
    await compactIfWorthIt(writer.file, inv, scan);
  }
  progress.etaSeconds = complete ? 0 : progress.etaSeconds;
  report();
  return { inventory: inv, complete, progress };
}

/** A stored customer as a listed one (what a refresh starts from). */
function stubOf(c: InventoryCustomer): CustomerStub {
  return { id: c.id, name: c.name, ...(c.domain ? { domain: c.domain } : {}), ...(c.associatedPartnerId ? { associatedPartnerId: c.associatedPartnerId } : {}) };
}

/** The customers of a scope that is not read from the customer list (undefined: page through the list). */
async function listScope(
  scope: ScanScope, inv: LoadedInventory, scan: ScanState, client: PartnerCenterClient, ctx: OperationContext,
  call: <T>(p: () => Promise<T>) => Promise<T>,
): Promise<CustomerStub[] | undefined> {
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

/** After a complete scan of everything, keep only the customers it saw; otherwise compact once superseded lines dominate. */
async function compactIfWorthIt(file: string, inv: LoadedInventory, scan: ScanState): Promise<void> {
  if (scan.scope.kind === 'all') {
    for (const [id] of inv.customers) if (!scan.done.has(id)) inv.customers.delete(id);
    await compactInventory(file, inv);
    inv.lines = inv.customers.size + 3;
  } else if (inv.lines > 2 * inv.customers.size + 100) {
    await compactInventory(file, inv);
    inv.lines = inv.customers.size + 3;
  }
}

// The inventory scan: the partner's indirect resellers, then customers (paged) → each customer's
// subscriptions → the support contact of every legacy, active one. Every call goes through the
// client's shared limiter, so the scan runs as fast as the throttle allows and never faster. Each
// customer is written to the stored inventory once all its reads are done; a scan stopped by a
// crash, a reload or Cancel resumes from the file: the customers it finished are not read again,
// a customer stopped between its subscriptions and its contacts gets only the contacts read, and
// the customer list continues from the stored next-page link. Plain Node: no vscode import.

import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tryAcquireRunLock, type RunLock } from '../bulk/lock';
import { isPartnerCenterError, signInRequestFor, toUserMessage, type OperationContext, type PartnerCenterClient } from '../partnerCenter';
import {
  contactApplies, toInventorySubscription, toReseller, type CustomerStub, type InventoryCustomer, type ProviderIdentity,
} from './inventory';
import { WorkQueue, listCustomers, type ListingRun } from './scanList';
import {
  InventoryWriter, applyRecord, compactIfWorthIt, inventoryVersion, loadInventory,
  type InventoryRecord, type LoadedInventory, type ScanScope, type ScanState,
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
    const inv = options.inventory ? await asStored(file, options.inventory) : await loadInventory(file);
    const writer = await InventoryWriter.open(file);
    try {
      return await scanInto(inv, writer, options);
    } finally {
      await writer.close();
      inv.size = await sizeOf(file);
    }
  } finally {
    await lock?.release();
  }
}

const sizeOf = async (file: string): Promise<number> => (await stat(file).catch(() => undefined))?.size ?? 0;

/**
 * `inv` brought up to what the file holds, now that this scan owns it: another window (a reloaded
 * one's old extension host) may have stored customers since `inv` was read. Updated in place, so
 * whoever shows `inv` sees them too.
 */
async function asStored(file: string, inv: LoadedInventory): Promise<LoadedInventory> {
  if (await sizeOf(file) !== inv.size) Object.assign(inv, await loadInventory(file));
  return inv;
}

/** One run of a scan: what its steps share. */
interface Run extends ListingRun {
  options: ScanOptions;
  /** Stopped by the caller's signal, or by a failure that ends the scan (then in-flight calls stop too). */
  stop: AbortController;
  progress: ScanProgress;
  /** Per-customer cost, learnt as the scan goes: 1 (subscriptions) + its legacy active subscriptions. */
  cost: { customers: number; requests: number };
}

async function scanInto(inv: LoadedInventory, writer: InventoryWriter, options: ScanOptions): Promise<ScanResult> {
  const { client, signal } = options;
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every call in flight listens to it
  if (signal?.aborted) stop.abort();
  signal?.addEventListener('abort', () => stop.abort(), { once: true });
  const ctx: OperationContext = { correlationId: options.correlationId ?? randomUUID(), signal: stop.signal };
  const progress: ScanProgress = { customersDone: 0, customersListed: 0, listingComplete: false, requests: 0, customersWithErrors: 0 };
  const write = async (r: InventoryRecord): Promise<void> => { await writer.append(r); applyRecord(inv, r); };
  const call = <T>(p: () => Promise<T>): Promise<T> => { progress.requests++; return p(); };

  const scan = await beginScan(inv, options, ctx, write, call);
  if (!scan) return { inventory: inv, complete: true, progress: { ...progress, listingComplete: true } };
  if (!scan.resellersRead) {
    const resellers = await call(() => client.listIndirectResellers(ctx, { refresh: true }));
    await write({ t: 'resellers', scan: scan.id, time: new Date().toISOString(), items: resellers.map(toReseller) });
  }
  const run = newRun({ inv, scan, client, ctx, pageSize: options.pageSize, progress, write, call, options, stop });
  const failure = await readAll(run);
  await writer.sync();
  if (failure !== undefined && !(signal?.aborted && isPartnerCenterError(failure) && failure.kind === 'cancelled')) throw failure;
  return finishScan(run, writer);
}

/** Writes the `scan` line of a new scan (a scope given); undefined when there is nothing to resume. */
async function beginScan(
  inv: LoadedInventory, options: ScanOptions, ctx: OperationContext,
  write: (r: InventoryRecord) => Promise<void>, call: <T>(p: () => Promise<T>) => Promise<T>,
): Promise<ScanState | undefined> {
  if (options.scope) {
    let provider: ProviderIdentity | undefined = inv.provider;
    if (!provider) {
      const org = await call(() => options.client.getOrganizationProfile(ctx));
      if (org.tenantId) provider = { tenantId: org.tenantId, name: org.companyName };
    }
    await write({ t: 'scan', v: inventoryVersion, scan: randomUUID(), started: new Date().toISOString(), scope: options.scope, ...(provider ? { provider } : {}) });
  } else if (!inv.scan || inv.scan.complete) {
    return undefined;
  }
  return inv.scan;
}

/** The run's queue, filled with the customers listed before but not finished, closed when the scan stops or pauses. */
function newRun(parts: Omit<Run, 'queue' | 'paused' | 'report' | 'cost'>): Run {
  const { scan, progress, stop, options } = parts;
  const queue = new WorkQueue();
  stop.signal.addEventListener('abort', () => queue.close(), { once: true });
  options.pause?.addEventListener('abort', () => queue.close(), { once: true });
  const pending = scan.listed.filter((c) => !scan.done.has(c.id.toLowerCase()));
  progress.customersDone = scan.done.size;
  progress.customersListed = scan.done.size + pending.length;
  queue.push(pending);
  const run: Run = {
    ...parts, queue, cost: { customers: 0, requests: 0 },
    paused: () => stop.signal.aborted || options.pause?.aborted === true,
    report: () => reportProgress(run),
  };
  return run;
}

/** Tells the caller where the scan stands, with the time left at the throttle's pace once the list is complete. */
function reportProgress({ progress, cost, client, options }: Run): void {
  if (progress.listingComplete) {
    const perCustomer = cost.customers > 0 ? cost.requests / cost.customers : 1;
    const left = (progress.customersListed - progress.customersDone) * perCustomer;
    progress.etaSeconds = Math.ceil(left / (client.limiter.ratePerMinute / 60) + client.limiter.pauseRemainingMs() / 1000);
  }
  options.onProgress?.({ ...progress });
}

/** The lister and the readers together; resolves with the failure that stopped the scan, if one did. */
async function readAll(run: Run): Promise<unknown> {
  const workers = Math.max(1, run.options.concurrency ?? run.client.limiter.concurrency);
  let failure: unknown;
  const reader = async (): Promise<void> => {
    for (;;) {
      const stub = await run.queue.take(run.paused);
      if (!stub || run.stop.signal.aborted) return;
      try {
        await readCustomer(run, stub);
      } catch (err) {
        failure ??= err;
        // Pausing (a window closing): the others in flight finish, or store what they read.
        if (!run.options.pause?.aborted) run.stop.abort();
        return;
      }
    }
  };
  await Promise.all([...Array.from({ length: workers }, reader), listCustomers(run).catch((err: unknown) => { failure ??= err; run.stop.abort(); })]);
  return failure;
}

/** Reads one customer's subscriptions and their support contacts, then stores the customer. */
async function readCustomer(run: Run, stub: CustomerStub): Promise<void> {
  const { progress, scan } = run;
  const before = progress.requests;
  const customer = await readSubscriptionsAndContacts(run, stub);
  customer.read = new Date().toISOString();
  if (customer.error !== undefined || customer.subscriptions.some((s) => s.error !== undefined)) progress.customersWithErrors++;
  await run.write({ t: 'customer', scan: scan.id, customer });
  run.cost.customers++;
  run.cost.requests += progress.requests - before;
  progress.customersDone++;
  run.options.onCustomer?.(customer);
  run.report();
}

/** The customer's subscriptions (read now, or as a stopped scan stored them) and the support contacts still to read. */
async function readSubscriptionsAndContacts(run: Run, stub: CustomerStub): Promise<InventoryCustomer> {
  const stored = run.scan.partial.get(stub.id.toLowerCase());
  if (stored) {
    const customer = structuredClone(stored.customer);
    await readContacts(run, customer, stored.unread);
    return customer;
  }
  const customer: InventoryCustomer = { ...stub, read: new Date().toISOString(), subscriptions: [] };
  try {
    const subs = await run.call(() => run.client.listSubscriptions(stub.id, run.ctx));
    customer.subscriptions = subs.map(toInventorySubscription);
    await readContacts(run, customer, subs.filter(contactApplies).map((s) => s.id));
  } catch (err) {
    if (stopsScan(err)) throw err;
    customer.error = toUserMessage(err);
  }
  return customer;
}

/**
 * Reads these subscriptions' support contacts. When one stops the scan (a window closing, a new
 * sign-in), the customer is stored with the contacts still unread and the error thrown: a resume
 * reads only those, not the customer's subscriptions again.
 */
async function readContacts(run: Run, customer: InventoryCustomer, ids: string[]): Promise<void> {
  const byId = new Map(customer.subscriptions.map((s) => [s.id, s]));
  const unread: string[] = [];
  let stopped: unknown;
  await Promise.all(ids.map(async (id) => {
    const item = byId.get(id);
    if (!item) return;
    try {
      item.contact = await run.call(() => run.client.getSupportContact(customer.id, id, run.ctx));
    } catch (err) {
      if (!stopsScan(err)) { item.error = toUserMessage(err); return; }
      stopped ??= err;
      unread.push(id);
    }
  }));
  if (stopped === undefined) return;
  await run.write({ t: 'subscriptions', scan: run.scan.id, customer, unread });
  throw stopped;
}

/** A scan that read everything it listed gets its `end` line (and the file compacted when worth it). */
async function finishScan(run: Run, writer: InventoryWriter): Promise<ScanResult> {
  const { inv, scan, progress } = run;
  const complete = !run.paused() && progress.listingComplete && progress.customersDone >= progress.customersListed;
  if (complete) {
    await run.write({ t: 'end', scan: scan.id, time: new Date().toISOString() });
    await writer.sync();
    await compactIfWorthIt(writer.file, inv, scan);
  }
  progress.etaSeconds = complete ? 0 : progress.etaSeconds;
  run.report();
  return { inventory: inv, complete, progress };
}

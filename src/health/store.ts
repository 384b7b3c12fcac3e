// The stored inventory: one JSON Lines file per partner tenant in the extension's global storage.
// Scans only append (a `scan` line, the `resellers`, each `page` of the customer list as it was read
// with its next-page link, one `customer` line per customer once all its reads are done (a
// `subscriptions` line when the scan stopped between its subscriptions and its contacts), an `end`
// line); the newest line of a customer wins on load. A crash leaves at most a torn last line, which
// the loader ignores and the next writer ends. After a complete scan of everything the file is
// rewritten (temp file, fsync, rename) with only the customers that scan saw. Plain Node.

import { createReadStream, promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { AppendQueue, appendAll, openForAppend, syncDir } from '../storage/appendLines';
import type { CustomerStub, InventoryCustomer, InventoryReseller, ProviderIdentity } from './inventory';

export const inventoryVersion = 1;

/** What a scan reads: everything, one customer, one reseller's customers, or the customers read before a time. */
export type ScanScope =
  | { kind: 'all' }
  | { kind: 'customer'; customerId: string }
  | { kind: 'reseller'; resellerTenantId: string; resellerName?: string }
  | { kind: 'olderThan'; before: string };

export interface NextLink { uri: string; headers: Record<string, string> }

export type InventoryRecord =
  | { t: 'scan'; v: number; scan: string; started: string; scope: ScanScope; provider?: ProviderIdentity }
  | { t: 'resellers'; scan: string; time: string; items: InventoryReseller[] }
  | { t: 'page'; scan: string; customers: CustomerStub[]; next: NextLink | null }
  | { t: 'customer'; scan: string; customer: InventoryCustomer }
  /** A customer whose subscriptions were read but not every support contact (`unread`): the scan stopped in between. */
  | { t: 'subscriptions'; scan: string; customer: InventoryCustomer; unread: string[] }
  | { t: 'end'; scan: string; time: string };

/** Where the newest scan stands. */
export interface ScanState {
  id: string;
  started: string;
  scope: ScanScope;
  /** Customers the scan has listed so far, in order (kept only while the scan is incomplete). */
  listed: CustomerStub[];
  /** Lower-cased ids of the customers this scan has finished. */
  done: Set<string>;
  /** Customers (by lower-cased id) whose subscriptions this scan read, and the contacts it still has to read. */
  partial: Map<string, { customer: InventoryCustomer; unread: string[] }>;
  /** The next page of the customer list to read: undefined before the first page, null after the last. */
  next: NextLink | null | undefined;
  resellersRead: boolean;
  complete: boolean;
  ended?: string;
}

export interface LoadedInventory {
  customers: Map<string, InventoryCustomer>;
  resellers: InventoryReseller[];
  resellersRead?: string;
  provider?: ProviderIdentity;
  scan?: ScanState;
  /** When the newest complete scan of everything ended. */
  lastFullScan?: string;
  /** Lines that could not be read (a torn last line after a crash is expected). */
  unreadableLines: number;
  /** Lines in the file; many more than customers means superseded records worth compacting. */
  lines: number;
  /** The file's size when it was read (or this window's scan last wrote it): a different size means another window wrote to it since. */
  size?: number;
}

export function emptyInventory(): LoadedInventory {
  return { customers: new Map(), resellers: [], unreadableLines: 0, lines: 0 };
}

function isRecord(v: unknown): v is InventoryRecord {
  const r = v as { t?: unknown; scan?: unknown } | null;
  if (typeof r !== 'object' || r === null || typeof r.scan !== 'string') return false;
  const o = v as Record<string, unknown>;
  switch (r.t) {
    case 'scan': return typeof o.scope === 'object' && o.scope !== null && typeof o.started === 'string';
    case 'resellers': return Array.isArray(o.items);
    case 'page': return Array.isArray(o.customers);
    case 'customer': {
      const c = o.customer as Partial<InventoryCustomer> | null;
      return typeof c === 'object' && c !== null && typeof c.id === 'string' && Array.isArray(c.subscriptions) && typeof c.read === 'string';
    }
    case 'subscriptions': {
      const c = o.customer as Partial<InventoryCustomer> | null;
      return typeof c === 'object' && c !== null && typeof c.id === 'string' && Array.isArray(c.subscriptions) && Array.isArray(o.unread) && o.unread.every((x) => typeof x === 'string');
    }
    case 'end': return true;
    default: return false;
  }
}

/** Applies one record to the loaded state (the loader, and the scanner as it writes). */
export function applyRecord(inv: LoadedInventory, r: InventoryRecord): void {
  switch (r.t) {
    case 'scan':
      inv.scan = { id: r.scan, started: r.started, scope: r.scope, listed: [], done: new Set(), partial: new Map(), next: undefined, resellersRead: false, complete: false };
      if (r.provider) inv.provider = r.provider;
      return;
    case 'resellers':
      inv.resellers = r.items;
      inv.resellersRead = r.time;
      if (inv.scan?.id === r.scan) inv.scan.resellersRead = true;
      return;
    case 'page':
      if (inv.scan?.id !== r.scan) return;
      inv.scan.listed.push(...r.customers);
      inv.scan.next = r.next;
      return;
    case 'customer':
      inv.customers.set(r.customer.id.toLowerCase(), r.customer);
      if (inv.scan?.id === r.scan) { inv.scan.done.add(r.customer.id.toLowerCase()); inv.scan.partial.delete(r.customer.id.toLowerCase()); }
      return;
    case 'subscriptions':
      if (inv.scan?.id === r.scan) inv.scan.partial.set(r.customer.id.toLowerCase(), { customer: r.customer, unread: r.unread });
      return;
    case 'end':
      if (inv.scan?.id !== r.scan) return;
      inv.scan.complete = true;
      inv.scan.ended = r.time;
      inv.scan.listed = [];
      inv.scan.partial.clear();
      if (inv.scan.scope.kind === 'all') inv.lastFullScan = r.time;
      return;
  }
}

/** Reads the stored inventory line by line (a missing file is an empty inventory). */
export async function loadInventory(file: string): Promise<LoadedInventory> {
  const inv = emptyInventory();
  let stream;
  try {
    inv.size = (await fs.stat(file)).size; // before reading: what is appended meanwhile is read, and only makes the size differ
    stream = createReadStream(file, { encoding: 'utf8' });
  } catch {
    inv.size = 0;
    return inv;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    inv.lines++;
    let record: unknown;
    try { record = JSON.parse(line); } catch { inv.unreadableLines++; continue; }
    if (!isRecord(record)) { inv.unreadableLines++; continue; }
    applyRecord(inv, record);
  }
  if (inv.scan && !inv.scan.complete) {
    // Keep only what the resume needs: the listed customers it has not finished.
    const done = inv.scan.done;
    inv.scan.listed = inv.scan.listed.filter((c) => !done.has(c.id.toLowerCase()));
  }
  return inv;
}

/**
 * Appends records; each append resolves once its line is written whole (to the OS: it survives the
 * process being killed; a short write or a full disk rejects, and the partial line is taken back).
 * `sync()` makes what was written durable; the scanner calls it now and then and at the end. Writes
 * are batched into one write per turn; the first one ends a line torn by a crash.
 */
export class InventoryWriter {
  private readonly queue: AppendQueue;
  private closed = false;

  private constructor(readonly file: string, private readonly handle: fs.FileHandle) {
    this.queue = new AppendQueue((text) => appendAll(handle, file, text, { sync: false }));
  }

  static async open(file: string): Promise<InventoryWriter> {
    await fs.mkdir(dirname(file), { recursive: true });
    return new InventoryWriter(file, await openForAppend(file));
  }

  append(record: InventoryRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The inventory file is closed.'));
    return this.queue.add(`${JSON.stringify(record)}\n`);
  }

  async sync(): Promise<void> {
    await this.queue.idle();
    if (!this.closed) await this.handle.datasync();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync();
    this.closed = true;
    await this.handle.close();
  }
}

/**
 * Rewrites the file with only what the inventory holds now (one scan line, the resellers, each
 * customer once, an end line): a temp file made durable, then renamed over the old one.
 */
export async function compactInventory(file: string, inv: LoadedInventory, keep: (c: InventoryCustomer) => boolean = () => true): Promise<void> {
  const tmp = `${file}.compact-${process.pid}.tmp`;
  const scan = inv.scan?.complete ? inv.scan : undefined;
  const id = scan?.id ?? 'compacted';
  const handle = await fs.open(tmp, 'w');
  try {
    const head: InventoryRecord[] = [
      { t: 'scan', v: inventoryVersion, scan: id, started: scan?.started ?? new Date().toISOString(), scope: scan?.scope ?? { kind: 'all' }, ...(inv.provider ? { provider: inv.provider } : {}) },
      { t: 'resellers', scan: id, time: inv.resellersRead ?? new Date().toISOString(), items: inv.resellers },
    ];
    let chunk = head.map((r) => JSON.stringify(r)).join('\n') + '\n';
    for (const customer of inv.customers.values()) {
      if (!keep(customer)) continue;
      chunk += `${JSON.stringify({ t: 'customer', scan: id, customer } satisfies InventoryRecord)}\n`;
      if (chunk.length > 1 << 20) { await handle.appendFile(chunk, 'utf8'); chunk = ''; }
    }
    chunk += `${JSON.stringify({ t: 'end', scan: id, time: scan?.ended ?? inv.lastFullScan ?? new Date().toISOString() } satisfies InventoryRecord)}\n`;
    await handle.appendFile(chunk, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
  await syncDir(dirname(file));
}

/** After a complete scan of everything, keep only the customers it saw; otherwise compact once superseded lines dominate. */
export async function compactIfWorthIt(file: string, inv: LoadedInventory, scan: ScanState): Promise<void> {
  if (scan.scope.kind === 'all') {
    for (const [id] of inv.customers) if (!scan.done.has(id)) inv.customers.delete(id);
  } else if (inv.lines <= 2 * inv.customers.size + 100) {
    return;
  }
  await compactInventory(file, inv);
  inv.lines = inv.customers.size + 3;
}

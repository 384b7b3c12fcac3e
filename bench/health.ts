// Bench cases for the support-contact health check and the Customers tree at scale, each against an
// emulator in its own process (so the emulator's CPU is not the client's):
// - `health-scan-10k`: a full inventory scan of 10,000 customers through the client's shared limiter;
//   its bound is (requests the throttle let through − burst) / rate, from the emulator's request log;
// - `health-inventory-load`: the stored inventory of 50,000 customers (written from the emulator's
//   seed, in the scan's own record format) loaded and summarized in a fresh process: heap and time,
//   and 0 requests (the emulator's log is compared before and after the 10,000-customer load too);
// - `tree-50k`: the Customers tree's calls and data at 50,000 customers: the first page and a search
//   cost one request each; paging through all of them (and building every row, as the tree holds
//   them) grows the heap by at most 30 MB.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { contactApplies, toInventorySubscription, type InventoryCustomer } from '../src/health/inventory';
import { runScan } from '../src/health/scan';
import { InventoryWriter, loadInventory } from '../src/health/store';
import { summarize } from '../src/health/summary';
import { PartnerCenterClient, TenantLimiter, type Customer, type Subscription } from '../src/partnerCenter';
import { rootRows } from '../src/tree/nodes';
import { EmulatorStore } from '../test/emulator/store';
import { EmulatorAdmin, type LoggedRequest } from '../test/emulator/index';

export interface HealthCaseResult { name: string; [key: string]: unknown }

const token = 'bench-health-token';
// 200 requests/s: 10,000 customers (~23,300 requests) take about two minutes. Faster throttles measure
// the machine's CPU (shared with other work) rather than the scan's pacing.
const scanSettings = { customers: 10_000, throttlePerMinute: 12_000, throttleBurst: 200, latencyMs: 20 };

interface RunningChild { url: string; child: ChildProcess; close: () => Promise<void> }

/** Starts `node out/test/emulator/cli.js` and reads its URL from the first line. */
async function emulatorProcess(flags: Record<string, number>): Promise<RunningChild> {
  const args = [join(__dirname, '..', 'test', 'emulator', 'cli.js'), '--port', '0', '--static-token', token,
    ...Object.entries(flags).flatMap(([k, v]) => [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(v)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited (${String(code)})`)));
    lines.on('line', (line) => { const m = /listening on (http:\/\/\S+)/.exec(line); if (m) resolve(m[1]); });
  });
  return {
    url, child,
    close: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

/** The request log of the emulator at `url` (a child process: only its URL is known here). */
const requestLog = (url: string, since = 0): Promise<LoggedRequest[]> => new EmulatorAdmin(url).requests(since);
const lastSeq = (url: string): Promise<number> => new EmulatorAdmin(url).lastSeq();

function clientFor(url: string, limiter: TenantLimiter): PartnerCenterClient {
  return new PartnerCenterClient({ baseUrl: url, getToken: async () => token, application: 'pc-bench-health/1.0', limiter });
}

const round = (n: number, d = 3): number => Math.round(n * 10 ** d) / 10 ** d;
const heapMB = (): number => { (globalThis as { gc?: () => void }).gc?.(); return process.memoryUsage().heapUsed / 2 ** 20; };

async function scanCase(dir: string): Promise<{ result: HealthCaseResult; file: string; url: string; emulator: RunningChild }> {
  const emulator = await emulatorProcess(scanSettings);
  const file = join(dir, 'inventory-10k.jsonl');
  const limiter = new TenantLimiter({ ratePerMinute: scanSettings.throttlePerMinute * 0.98, burst: Math.floor(scanSettings.throttleBurst * 0.95), concurrency: 32 });
  const started = process.hrtime.bigint();
  const scan = await runScan({ client: clientFor(emulator.url, limiter), file, scope: { kind: 'all' }, lock: false });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const log = await requestLog(emulator.url);
  const passed = log.filter((r) => r.note !== 'throttled').length;
  const throttled = log.length - passed;
  const boundSeconds = Math.max(0, passed - scanSettings.throttleBurst) / (scanSettings.throttlePerMinute / 60);
  const reads = new Map<string, number>();
  for (const r of log) if (r.method === 'GET' && /\/subscriptions$/i.test(r.path) && r.note !== 'throttled') reads.set(r.path.toLowerCase(), (reads.get(r.path.toLowerCase()) ?? 0) + 1);
  const summary = summarize(scan.inventory);
  return {
    file, url: emulator.url, emulator,
    result: {
      name: 'health-scan-10k', customers: scan.inventory.customers.size, complete: scan.complete, requests: passed, throttled,
      seconds: round(seconds), boundSeconds: round(boundSeconds), boundRatio: round(boundSeconds / seconds), target: 0.95,
      customersReadTwice: [...reads.values()].filter((n) => n > 1).length, findings: summary.findings.length, nce: summary.nce.length,
      fileMB: round((await stat(file)).size / 2 ** 20, 1),
    },
  };
}

/** A 50,000-customer inventory in the scan's record format, from the emulator's seed (no HTTP: scanning it would take ~6 min at this throttle). */
async function writeSeededInventory(file: string, customers: number): Promise<void> {
  const store = new EmulatorStore(1, customers);
  const writer = await InventoryWriter.open(file);
  const scan = 'bench-seeded';
  const time = new Date().toISOString();
  await writer.append({ t: 'scan', v: 1, scan, started: time, scope: { kind: 'all' }, provider: { tenantId: store.partner.tenantId, name: store.partner.companyName } });
  await writer.append({ t: 'resellers', scan, time, items: store.resellers.map((r) => ({ id: r.id, name: r.name, mpnId: r.mpnId, state: r.state, active: r.state === 'Active' })) });
  let pending: Promise<void>[] = [];
  for (const c of store.customers) {
    const own = store.resellerOf(c);
    const customer: InventoryCustomer = {
      id: c.id, name: c.companyName, domain: c.domain, ...(own ? { associatedPartnerId: own.mpnId } : {}), read: time,
      subscriptions: store.subscriptionsOf(c).map((s) => {
        const sub: Subscription = { id: s.id, offerId: s.offerId, offerName: s.offerName, friendlyName: s.friendlyName, status: s.status, ...(s.partnerId ? { partnerId: s.partnerId } : {}), ...(s.nce ? { productType: { id: 'OnlineServicesNCE' } } : {}) };
        const item = toInventorySubscription(sub);
        if (contactApplies(sub)) item.contact = s.supportContact ? { ...s.supportContact } : null;
        return item;
      }),
    };
    pending.push(writer.append({ t: 'customer', scan, customer }));
    if (pending.length >= 1000) { await Promise.all(pending); pending = []; }
  }
  await Promise.all(pending);
  await writer.append({ t: 'end', scan, time });
  await writer.close();
}

function heapChild(file: string): Promise<Record<string, number | boolean>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(__dirname, 'inventoryHeap.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number | boolean>) : reject(new Error(`inventoryHeap exited ${String(code)}`))));
  });
}

async function treeCase(): Promise<HealthCaseResult> {
  const emulator = await emulatorProcess({ customers: 50_000, throttlePerMinute: 600_000, throttleBurst: 10_000 });
  try {
    const client = clientFor(emulator.url, new TenantLimiter({ ratePerMinute: 600_000, burst: 10_000, concurrency: 16 }));
    const pageSize = 50; // the tree's default (partnerCenter.pageSize)
    let seq = await lastSeq(emulator.url);
    const first = await client.listCustomers({ pageSize }).next();
    const firstPageRequests = (await requestLog(emulator.url, seq)).filter((r) => r.path.startsWith('/v1/')).length;
    seq = await lastSeq(emulator.url);
    const search = await client.searchCustomers('Contoso', 'CompanyName', { pageSize }).next();
    const searchRequests = (await requestLog(emulator.url, seq)).filter((r) => r.path.startsWith('/v1/')).length;
    // Page through all of them, keeping what the tree keeps: every customer and its row.
    const before = heapMB();
    const started = performance.now();
    const customers: Customer[] = [];
    for await (const page of client.listCustomers({ pageSize })) customers.push(...page.items);
    const seconds = (performance.now() - started) / 1000;
    const customersMB = heapMB() - before;
    const rows = rootRows(customers, { hasMore: false });
    const growth = heapMB() - before;
    return {
      name: 'tree-50k', customers: customers.length, rows: rows.length, pageSize, firstPageItems: first.done ? 0 : first.value.items.length,
      firstPageRequests, searchItems: search.done ? 0 : search.value.items.length, searchRequests,
      heapGrowthMB: round(growth, 1), customersMB: round(customersMB, 1), rowsMB: round(growth - customersMB, 1), heapBoundMB: 30, heapRatio: round(growth / 30), pagingSeconds: round(seconds, 1),
      gc: (globalThis as { gc?: () => void }).gc !== undefined,
    };
  } finally {
    await emulator.close();
  }
}

export async function runHealthCases(only?: string): Promise<HealthCaseResult[]> {
  if (only === 'scan') { const s = await scanCase(await mkdtemp(join(tmpdir(), 'pc-bench-health-'))); await s.emulator.close(); return [s.result]; }
  if (only === 'tree') return [await treeCase()];
  const dir = await mkdtemp(join(tmpdir(), 'pc-bench-health-'));
  const results: HealthCaseResult[] = [];
  try {
    const scan = await scanCase(dir);
    results.push(scan.result);
    try {
      const before = await lastSeq(scan.url);
      const started = performance.now();
      const loaded = await loadInventory(scan.file);
      const loadMs = performance.now() - started;
      const requests = (await requestLog(scan.url, before)).length;
      results.push({ name: 'health-inventory-load-10k', customers: loaded.customers.size, loadMs: Math.round(loadMs), requests });
    } finally {
      await scan.emulator.close();
    }
    const big = join(dir, 'inventory-50k.jsonl');
    await writeSeededInventory(big, 50_000);
    const heap = await heapChild(big);
    results.push({ name: 'health-inventory-load', ...heap, heapBoundMB: 150, heapRatio: round(Number(heap.heapMB) / 150), fileMB: round((await stat(big)).size / 2 ** 20, 1), requests: 0 });
    results.push(await treeCase());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

export function printHealthCases(results: HealthCaseResult[]): void {
  const by = (name: string): HealthCaseResult | undefined => results.find((r) => r.name === name);
  const scan = by('health-scan-10k'); const load10 = by('health-inventory-load-10k'); const load = by('health-inventory-load'); const tree = by('tree-50k');
  console.log('\nhealth check and tree at scale                    figure        bound     ratio');
  const row = (what: string, figure: string, bound: string, ratio: string): void => console.log(`${what.padEnd(50)}${figure.padStart(8)}${bound.padStart(12)}${ratio.padStart(10)}`);
  if (scan) {
    row(`scan 10,000 customers (${String(scan.requests)} requests)`, `${String(scan.seconds)} s`, `${String(scan.boundSeconds)} s`, `${String(scan.boundRatio)} (≥ 0.95)`);
    row('  customers read twice', String(scan.customersReadTwice), '0', '');
  }
  if (load10) row('stored 10,000-customer inventory: requests to load', String(load10.requests), '0', `${String(load10.loadMs)} ms`);
  if (load) row(`stored 50,000-customer inventory: heap (${String(load.loadMs)} ms load)`, `${String(load.heapMB)} MB`, '150 MB', `${String(load.heapRatio)} (≤ 1)`);
  if (tree) {
    row('tree: first page', `${String(tree.firstPageRequests)} req`, '1 req', String(Number(tree.firstPageRequests) / 1));
    row('tree: search', `${String(tree.searchRequests)} req`, '1 req', String(Number(tree.searchRequests) / 1));
    row('tree: heap growth after paging all 50,000', `${String(tree.heapGrowthMB)} MB`, '30 MB', `${String(tree.heapRatio)} (≤ 1)`);
  }
}

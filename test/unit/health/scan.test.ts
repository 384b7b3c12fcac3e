// The inventory scan against the emulator: the findings match what the seed put there; a scan killed
// mid-way resumes from its file and reads no finished customer again; a paused one reads none again;
// refreshes of one customer, one reseller's customers, and the ones older than a time.
// A reloaded window waits for the old one to store its customers in flight before it reads the file.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { subscriptionReads, type RunningEmulator, type SeedCustomer } from '../../emulator/index';
import { runScan } from '../../../src/health/scan';
import { tryAcquireRunLock, untilRunUnlocked } from '../../../src/bulk/lock';
import { loadInventory } from '../../../src/health/store';
import { summarize } from '../../../src/health/summary';
import type { RuleId } from '../../../src/health/rules';
import { clientFor, start, staticToken } from '../client/emulatorHarness';
import { tempDir } from '../bulk/bulkHarness';
import type { ScanChildConfig } from './scanChild';

let emulator: RunningEmulator;
let customers: SeedCustomer[];
const cleanups: (() => Promise<void>)[] = [];
before(async () => {
  emulator = await start();
  customers = await emulator.admin.seed({ all: true });
});
after(async () => { await emulator.close(); await Promise.all(cleanups.map((c) => c())); });
beforeEach(() => emulator.admin.reset());

async function inventoryFile(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return join(dir, 'health', 'inventory.jsonl');
}

/** What the seed says the findings are, per rule (the emulator's own labels, not our rules). */
function expectedFindings(list: SeedCustomer[]): Record<RuleId, number> & { nce: number; checked: number } {
  const out = { noDesignatedReseller: 0, resellerNotInList: 0, resellerNotActive: 0, notPartnerOfRecord: 0, notCustomersReseller: 0, nce: 0, checked: 0 };
  for (const s of list.flatMap((c) => c.subscriptions)) {
    if (s.nce) { out.nce++; continue; }
    if (s.status !== 'active') continue;
    out.checked++;
    if (s.drift === 'none' || s.drift === 'provider') out.noDesignatedReseller++;
    else if (s.drift === 'unknownReseller') out.resellerNotInList++;
    else if (s.drift === 'endedReseller') out.resellerNotActive++;
    else if (s.drift === 'otherReseller') out[s.partnerId ? 'notPartnerOfRecord' : 'notCustomersReseller']++;
  }
  return out;
}

test('a full scan finds what the seed drifted, with evidence, and reads each customer once', async () => {
  const file = await inventoryFile();
  const progress: number[] = [];
  const result = await runScan({ client: clientFor(emulator), file, scope: { kind: 'all' }, pageSize: 50, onProgress: (p) => progress.push(p.customersDone) });
  assert.equal(result.complete, true);
  assert.equal(result.inventory.customers.size, customers.length);
  const sum = summarize(result.inventory);
  const want = expectedFindings(customers);
  assert.ok(want.notPartnerOfRecord > 5 && want.resellerNotActive > 2 && want.resellerNotInList > 0 && want.notCustomersReseller > 0, JSON.stringify(want));
  assert.deepEqual({ ...sum.byRule, nce: sum.nce.length, checked: sum.checked }, want);
  const f = sum.findings.find((x) => x.rule === 'notPartnerOfRecord' && x.target !== undefined);
  assert.match(f?.sentence ?? '', /^Points at .+, sold by .+\.$/);
  assert.ok(f?.target && f.evidence.partnerOfRecord?.reseller, 'a suggested target from the partner of record');
  assert.equal(progress.at(-1), customers.length);

  const log = await emulator.admin.requests();
  const reads = subscriptionReads(log);
  assert.equal(reads.size, customers.length);
  assert.ok([...reads.values()].every((n) => n === 1));
  const contactReads = log.filter((r) => r.method === 'GET' && /\/supportcontact$/i.test(r.path)).length;
  assert.equal(contactReads, want.checked, 'one contact read per legacy active subscription, none for NCE');
  assert.equal(log.filter((r) => /^\/v1\/customers$/i.test(r.path)).length, Math.ceil(customers.length / 50));

  // The stored inventory loads with no request at all, and says the same.
  const before = log.length;
  const loaded = await loadInventory(file);
  assert.deepEqual(summarize(loaded).byRule, sum.byRule);
  assert.equal((await emulator.admin.requests()).length, before);
});

test('killed mid-scan (SIGKILL): the resume reads no finished customer again and ends with the same inventory', async () => {
  const file = await inventoryFile();
  const config: ScanChildConfig = { url: emulator.url, token: staticToken, file, ratePerMinute: 3000, pageSize: 50 };
  const child = spawn(process.execPath, [join(__dirname, 'scanChild.js')], { env: { ...process.env, PC_SCAN_CHILD: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const text = await readFile(file, 'utf8').catch(() => '');
    if ((text.match(/"t":"customer"/g) ?? []).length >= 40) break;
  }
  child.kill('SIGKILL');
  await exited;
  assert.equal(out, '', 'the child was killed before it finished');

  const stored = await loadInventory(file);
  assert.ok(stored.scan && !stored.scan.complete);
  const finished = new Set(stored.scan.done);
  assert.ok(finished.size >= 40 && finished.size < customers.length, `${finished.size} finished before the kill`);
  const result = await runScan({ client: clientFor(emulator), file, inventory: stored });
  assert.equal(result.complete, true);
  assert.equal(result.inventory.customers.size, customers.length);

  const reads = subscriptionReads(await emulator.admin.requests());
  assert.equal(reads.size, customers.length, 'every customer read');
  for (const id of finished) assert.equal(reads.get(id), 1, `finished customer ${id} was read again`);
  const twice = [...reads].filter(([, n]) => n > 1);
  assert.ok(twice.length <= 8, `only the customers in flight at the kill (≤ the child's concurrency) are read again: ${twice.length}`);
  assert.deepEqual(summarize(await loadInventory(file)).byRule, summarize(result.inventory).byRule);
  const want = expectedFindings(customers);
  assert.equal(summarize(result.inventory).byRule.notPartnerOfRecord, want.notPartnerOfRecord);
});

test('paused (Cancel, a window closing): customers in flight finish, and the resume reads none twice', async () => {
  const file = await inventoryFile();
  const pause = new AbortController();
  const first = await runScan({
    client: clientFor(emulator), file, scope: { kind: 'all' }, pageSize: 50, pause: pause.signal,
    onProgress: (p) => { if (p.customersDone >= 30) pause.abort(); },
  });
  assert.equal(first.complete, false);
  assert.ok(first.progress.customersDone >= 30 && first.progress.customersDone < customers.length);
  const second = await runScan({ client: clientFor(emulator), file });
  assert.equal(second.complete, true);
  const reads = subscriptionReads(await emulator.admin.requests());
  assert.equal(reads.size, customers.length);
  assert.ok([...reads.values()].every((n) => n === 1), 'no customer read twice');
  // Nothing left to resume afterwards.
  const again = await runScan({ client: clientFor(emulator), file });
  assert.equal(again.progress.requests, 0);
});

test('refresh one customer, one reseller\'s customers, and those read before a time', async () => {
  const file = await inventoryFile();
  await runScan({ client: clientFor(emulator), file, scope: { kind: 'all' }, pageSize: 100 });
  const served = customers.filter((c) => c.resellerId !== null);
  const reseller = served[5].resellerId as string;
  const mine = customers.filter((c) => c.resellerId?.toLowerCase() === reseller.toLowerCase());
  await emulator.admin.reset();
  await new Promise((r) => setTimeout(r, 5));
  const cutoff = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));

  const one = await runScan({ client: clientFor(emulator), file, scope: { kind: 'customer', customerId: customers[7].id } });
  assert.equal(one.complete, true);
  assert.deepEqual([...subscriptionReads(await emulator.admin.requests()).keys()], [customers[7].id.toLowerCase()]);

  await emulator.admin.reset();
  const byReseller = await runScan({ client: clientFor(emulator), file, scope: { kind: 'reseller', resellerTenantId: reseller } });
  assert.equal(byReseller.complete, true);
  const log = await emulator.admin.requests();
  assert.deepEqual(new Set(subscriptionReads(log).keys()), new Set(mine.map((c) => c.id.toLowerCase())));
  assert.ok(log.some((r) => /^\/v1\/customers$/i.test(r.path) && /IndirectReseller/.test(decodeURIComponent((r as { query?: string }).query ?? ''))), 'the IndirectReseller filter');

  await emulator.admin.reset();
  const old = await runScan({ client: clientFor(emulator), file, scope: { kind: 'olderThan', before: cutoff } });
  assert.equal(old.complete, true);
  const refreshed = new Set([customers[7], ...mine].map((c) => c.id.toLowerCase()));
  const reads = subscriptionReads(await emulator.admin.requests());
  assert.equal(reads.size, customers.length - refreshed.size);
  for (const id of refreshed) assert.equal(reads.has(id), false);
  assert.equal(old.inventory.customers.size, customers.length);
});

test('a reloaded window waits for the old window to let go of the scan before reading the inventory, and not forever', async () => {
  const file = await inventoryFile();
  await mkdir(dirname(file), { recursive: true });
  const old = await tryAcquireRunLock(file);
  assert.ok(old, 'the old window holds the scan');
  assert.equal(await untilRunUnlocked(file, 150, 20), false, 'a scan still running elsewhere is not waited for forever');
  const started = Date.now();
  setTimeout(() => void old.release(), 300);
  assert.equal(await untilRunUnlocked(file, 5_000, 20), true);
  assert.ok(Date.now() - started >= 250, 'it waited for the release');
  assert.equal(await untilRunUnlocked(file, 0), true, 'no lock: no wait');
});

test('stopped between a customer\'s subscriptions and its contacts (a new sign-in, a window closing): the resume reads only the contacts left', async () => {
  const file = await inventoryFile();
  await emulator.admin.setFaults({ mfaRequired: 1, pathPattern: 'supportcontact$' });
  await assert.rejects(runScan({ client: clientFor(emulator), file, scope: { kind: 'all' }, pageSize: 50 }));
  const stored = await loadInventory(file);
  assert.ok(stored.scan && !stored.scan.complete);
  const partial = [...stored.scan.partial.keys()];
  assert.ok(partial.length > 0, 'the customers whose subscriptions were read are stored with their contacts left to read');
  const result = await runScan({ client: clientFor(emulator), file, inventory: stored });
  assert.equal(result.complete, true);
  const log = await emulator.admin.requests();
  const reads = subscriptionReads(log);
  assert.equal(reads.size, customers.length, 'every customer read');
  assert.deepEqual([...reads].filter(([, n]) => n > 1), [], 'no customer\'s subscriptions read twice');
  const want = expectedFindings(customers);
  const sum = summarize(result.inventory);
  assert.deepEqual({ ...sum.byRule, nce: sum.nce.length, checked: sum.checked }, want);
  assert.equal(sum.unreadable, 0, 'every contact left to read was read on resume');
});

test('a resume given a copy of the inventory read before another window stored more customers reads none of those again', async () => {
  const file = await inventoryFile();
  await emulator.admin.setFaults({ mfaRequired: 1, pathPattern: 'supportcontact$' });
  await assert.rejects(runScan({ client: clientFor(emulator), file, scope: { kind: 'all' }, pageSize: 50 }));
  const stale = await loadInventory(file); // what a reloaded window read while the old one was still scanning
  // The old window goes on and stores more customers, then lets go of the scan (paused).
  const pause = new AbortController();
  let stored = 0;
  const older = await runScan({ client: clientFor(emulator), file, inventory: await loadInventory(file), pause: pause.signal, onCustomer: () => { if (++stored === 10) pause.abort(); } });
  assert.equal(older.complete, false, 'the old window paused before the end');
  const result = await runScan({ client: clientFor(emulator), file, inventory: stale });
  assert.equal(result.complete, true);
  assert.equal(result.inventory, stale, 'the copy the caller shows is the one brought up to date');
  const reads = subscriptionReads(await emulator.admin.requests());
  assert.equal(reads.size, customers.length, 'every customer read');
  assert.deepEqual([...reads].filter(([, n]) => n > 1), [], 'no customer\'s subscriptions read twice');
});

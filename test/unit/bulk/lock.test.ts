// The run lock (`<journal>.lock`): held while a run executes and removed however it ends; a second
// run of the same journal is refused while the first executes (nothing sent twice, counted from the
// emulator's request log); stale locks (old heartbeat, dead pid) are taken over and live ones are
// not; concurrent takeovers of one stale lock have exactly one winner; the heartbeat moves on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  JournalWriter, deleteRun, isRunLocked, listIncompleteRuns, lockPath, readRunLock, resumeRun, runPlan, tryAcquireRunLock,
  type LockInfo, type ReassignmentPlan,
} from '../../../src/bulk';
import { TenantLimiter, type PartnerCenterClient } from '../../../src/partnerCenter';
import { clientFor } from '../client/emulatorHarness';
import { appliedPuts, itemKey, tempDir, useEngineFixture } from './bulkHarness';

const fx = useEngineFixture();
const account = 'admin@contoso.example';
const lockModule = join(__dirname, '../../../src/bulk/lock.js');

/** The lock files (and the lock's temp and claim files) in `dir`, read synchronously (usable in onProgress). */
const lockFiles = (dir: string): string[] => readdirSync(dir).filter((n) => /\.(lock|claim|tmp)$/.test(n));
const readLockSync = (file: string): LockInfo => JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
const changeItems = (plan: ReassignmentPlan): ReassignmentPlan['items'] => plan.items.filter((i) => i.action === 'change');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A journal with every change item pending, written without the engine (so without a lock). */
async function pendingJournal(plan: ReassignmentPlan, dir: string): Promise<string> {
  const { writer } = await JournalWriter.create(dir, plan, { account });
  await writer.close();
  return writer.file;
}

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(pid);
  return pid;
}

function foreignLock(over: Partial<LockInfo> = {}): LockInfo {
  return { pid: process.pid, owner: 'someone-else', hostname: hostname(), heartbeat: new Date().toISOString(), ...over };
}

const slowClient = (): PartnerCenterClient => clientFor(fx.emulator, { limiter: new TenantLimiter({ ratePerMinute: 600_000, burst: 1000, concurrency: 2 }) });

test('a run holds its lock while it executes and removes it when it completes, is cancelled, or throws', async () => {
  const client = clientFor(fx.emulator);

  // Completes: the lock (this process, a fresh owner) is there at every progress report, and gone after.
  const { plan, dir } = await fx.setup(6, 0, client);
  const seen: LockInfo[] = [];
  const result = await runPlan(plan, {
    client, journalDir: dir, account,
    onProgress: () => {
      const locks = lockFiles(dir);
      assert.equal(locks.length, 1, `lock files during the run: ${locks.join(', ')}`);
      seen.push(readLockSync(join(dir, locks[0])));
    },
  });
  assert.equal(result.complete, true);
  assert.ok(seen.length > changeItems(plan).length, 'progress was not reported under the lock');
  assert.ok(seen.every((l) => l.pid === process.pid && l.hostname === hostname() && l.owner === seen[0].owner && !Number.isNaN(Date.parse(l.heartbeat))));
  assert.deepEqual(lockFiles(dir), [], 'the complete run left a lock behind');
  assert.deepEqual(await readdir(join(dir, 'archive')), [result.journalFile.split(/[\\/]/).pop()], 'only the journal was archived');

  // Cancelled: no lock left, so the run is resumable at once (this window or another).
  const { plan: plan2, dir: dir2 } = await fx.setup(8, 10, client);
  const controller = new AbortController();
  const cancelled = await runPlan(plan2, {
    client: slowClient(), journalDir: dir2, account, signal: controller.signal,
    onProgress: (c) => { if (c.changed >= 2) controller.abort(); },
  });
  assert.equal(cancelled.cancelled, true);
  assert.equal(cancelled.complete, false);
  assert.deepEqual(lockFiles(dir2), []);
  assert.equal(await isRunLocked(cancelled.journalFile), false);
  const [incomplete] = await listIncompleteRuns(dir2);
  assert.equal(incomplete.file, cancelled.journalFile);

  // Throws (the sign-in expires mid-run): no lock left either.
  const { plan: plan3, dir: dir3 } = await fx.setup(5, 20, client);
  await fx.emulator.admin.setFaults({ tokenExpired: 10_000, pathPattern: '/supportcontact$' });
  await assert.rejects(runPlan(plan3, { client, journalDir: dir3, account }), (err: { kind?: string }) => err.kind === 'auth');
  assert.deepEqual(lockFiles(dir3), []);
  const [stopped] = await listIncompleteRuns(dir3);
  assert.ok(stopped);
  // A resume refused before it executes (another account) leaves no lock either.
  await assert.rejects(resumeRun(stopped, { client, journalDir: dir3, account: 'someone@else.example' }), { kind: 'validation' });
  assert.deepEqual(lockFiles(dir3), []);
  await fx.emulator.admin.setFaults({});
  const resumed = await resumeRun(stopped, { client, journalDir: dir3, account });
  assert.equal(resumed.complete, true);
  assert.deepEqual(lockFiles(dir3), []);
});

test('a second resumeRun of a journal another run is executing is refused, and nothing is sent twice', async () => {
  const client = slowClient();
  const { plan, dir } = await fx.setup(8, 0, client);
  const change = changeItems(plan);
  assert.ok(change.length >= 4, `${change.length} eligible`);
  const file = await pendingJournal(plan, dir);
  await fx.emulator.admin.setFaults({ latencyMs: 40, pathPattern: '/supportcontact$' });
  const since = (await fx.emulator.admin.requests()).length;

  const first = resumeRun(file, { client, journalDir: dir, account });
  await until('the first run to take its lock', () => isRunLocked(file));
  const listed = await listIncompleteRuns(dir);
  assert.deepEqual(listed.map((r) => r.file), [file], 'the lock file was listed as a journal');
  // Another "window" (another client, same journal folder), and the same process again: both refused.
  await assert.rejects(resumeRun(file, { client: clientFor(fx.emulator), journalDir: dir, account }),
    (err: { kind?: string; message?: string }) => err.kind === 'validation' && /another VS Code window/.test(err.message ?? ''));
  await assert.rejects(resumeRun(listed[0], { client, journalDir: dir, account }), { kind: 'validation' });
  const holder = await readRunLock(file);
  assert.equal(holder?.pid, process.pid);

  const result = await first;
  assert.equal(result.complete, true);
  assert.equal(result.changed.length, change.length);
  assert.deepEqual(lockFiles(dir), []);
  const log = (await fx.emulator.admin.requests()).slice(since);
  const contactCalls = log.filter((r) => /\/supportcontact$/i.test(r.path));
  assert.equal(contactCalls.filter((r) => r.method === 'PUT').length, change.length, 'a PUT was sent twice');
  assert.equal(contactCalls.filter((r) => r.method === 'GET').length, change.length, 'the refused runs read contacts');
  const applied = await appliedPuts(fx.emulator);
  for (const item of change) assert.equal(applied.get(itemKey(item)), 1, item.subscriptionName);
});

test('a stale lock (old heartbeat, dead pid, or a torn file gone old) is taken over; a live one is not', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const journal = join(dir, 'reassign-x.jsonl');
    const file = lockPath(journal);
    const twoMinutesAgo = (): Date => new Date(Date.now() - 2 * 60_000);
    const takeable = async (info: LockInfo | string, why: string, old = false): Promise<void> => {
      await writeFile(file, typeof info === 'string' ? info : JSON.stringify(info));
      if (old) await utimes(file, twoMinutesAgo(), twoMinutesAgo());
      assert.equal(await isRunLocked(journal), false, `${why}: seen as locked`);
      const lock = await tryAcquireRunLock(journal);
      assert.ok(lock, `${why}: not taken over`);
      assert.equal((await readRunLock(journal))?.owner, lock.info.owner);
      await lock.release();
      assert.deepEqual(lockFiles(dir), [], `${why}: files left behind`);
    };
    const kept = async (info: LockInfo | string, why: string): Promise<void> => {
      const text = typeof info === 'string' ? info : JSON.stringify(info);
      await writeFile(file, text);
      assert.equal(await isRunLocked(journal), true, `${why}: seen as free`);
      assert.equal(await tryAcquireRunLock(journal), undefined, `${why}: taken over`);
      assert.equal(await readFile(file, 'utf8'), text, `${why}: the lock was changed`);
    };

    await takeable(foreignLock({ heartbeat: new Date(Date.now() - 2 * 60_000).toISOString() }), 'a heartbeat two minutes old');
    const dead = await deadPid();
    await takeable(foreignLock({ pid: dead }), 'a fresh heartbeat from a process that has exited');
    await kept(foreignLock(), 'a fresh heartbeat from a live process (this one: another run in the same window)');
    await kept(foreignLock({ pid: dead, hostname: 'another-machine.example' }), 'a fresh heartbeat from another machine (its pid means nothing here)');
    await kept('', 'a lock caught between its creation and its first write');
    await takeable('', 'an empty lock two minutes old', true);
    await takeable('{"pid":', 'a torn lock two minutes old', true);

    // The stale age is an option: a 200 ms heartbeat age goes stale quickly.
    await writeFile(file, JSON.stringify(foreignLock({ heartbeat: new Date(Date.now() - 500).toISOString() })));
    assert.equal(await isRunLocked(journal), true);
    assert.equal(await isRunLocked(journal, { staleMs: 200 }), false);
  } finally {
    await cleanup();
  }
});

test('the engine refuses a journal locked by a live owner (nothing sent) and takes over a dead one at once', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir } = await fx.setup(4, 30, client);
  const file = await pendingJournal(plan, dir);
  await writeFile(lockPath(file), JSON.stringify(foreignLock()));
  const since = (await fx.emulator.admin.requests()).length;
  await assert.rejects(resumeRun(file, { client, journalDir: dir, account }),
    (err: { kind?: string; message?: string }) => err.kind === 'validation' && /another VS Code window/.test(err.message ?? ''));
  assert.deepEqual((await fx.emulator.admin.requests()).slice(since), [], 'the refused run sent requests');
  assert.equal(readLockSync(lockPath(file)).owner, 'someone-else', 'the live lock was touched');

  // The window that held it was reloaded: its extension host (pid) is gone, so the run is free now.
  await writeFile(lockPath(file), JSON.stringify(foreignLock({ pid: await deadPid() })));
  const result = await resumeRun(file, { client, journalDir: dir, account });
  assert.equal(result.complete, true);
  assert.deepEqual(lockFiles(dir), []);
});

/** The claim name the lock module uses for one stale lock instance (to plant an abandoned claim). */
async function claimFileFor(file: string): Promise<string> {
  const raw = await readFile(file, 'utf8');
  const key = createHash('sha256').update(`${raw}\n${(await stat(file)).mtimeMs}`).digest('hex').slice(0, 16);
  return `${file}.${key}.claim`;
}

test('concurrent takeovers of one stale lock: exactly one wins (in one process, and across processes)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const journal = join(dir, 'reassign-race.jsonl');
    const file = lockPath(journal);
    const dead = await deadPid();
    for (let round = 0; round < 30; round++) {
      const stale = round % 2 === 0 ? foreignLock({ pid: dead, owner: `dead-${round}` }) : foreignLock({ owner: `old-${round}`, heartbeat: new Date(Date.now() - 5 * 60_000).toISOString() });
      await writeFile(file, JSON.stringify(stale));
      if (round % 5 === 4) {
        // A taker died holding its claim on this very lock: the claim is passed over, not deleted.
        await writeFile(await claimFileFor(file), JSON.stringify(foreignLock({ pid: dead, owner: 'dead-taker' })));
      }
      const attempts = await Promise.all(Array.from({ length: 8 }, () => tryAcquireRunLock(journal)));
      const winners = attempts.filter((l) => l !== undefined);
      assert.equal(winners.length, 1, `round ${round}: ${winners.length} winners`);
      assert.equal((await readRunLock(journal))?.owner, winners[0].info.owner, `round ${round}: the lock is not the winner's`);
      await winners[0].release();
      assert.deepEqual(lockFiles(dir), [], `round ${round}: files left behind`);
    }

    // Separate processes: each tries once, reports, and holds what it got until all have reported
    // (a winner that exited at once would leave a dead pid's lock that a late one may rightly take).
    const script = `
      const { tryAcquireRunLock } = require(${JSON.stringify(lockModule)});
      tryAcquireRunLock(process.argv[1]).then((lock) => {
        process.stdout.write(lock ? 'won\\n' : 'lost\\n');
        process.stdin.resume();
        process.stdin.on('end', () => void (lock ? lock.release() : Promise.resolve()).then(() => process.exit(0)));
      }, (err) => { process.stdout.write('error ' + err + '\\n'); process.exit(1); });`;
    for (let round = 0; round < 3; round++) {
      await writeFile(file, JSON.stringify(foreignLock({ pid: dead, owner: `dead-process-${round}` })));
      const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['-e', script, journal], { stdio: ['pipe', 'pipe', 'inherit'] }));
      const answers = await Promise.all(children.map((child) => new Promise<string>((resolve) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('\n')) resolve(out.trim()); });
        child.once('exit', () => resolve(out.trim()));
      })));
      const owner = (await readRunLock(journal))?.owner;
      const pidOfLock = (await readRunLock(journal))?.pid;
      await Promise.all(children.map((child) => new Promise((resolve) => { child.once('exit', resolve); child.stdin.end(); })));
      assert.deepEqual(answers.filter((a) => a !== 'won' && a !== 'lost'), [], 'a child failed');
      assert.equal(answers.filter((a) => a === 'won').length, 1, `process round ${round}: ${answers.join(', ')}`);
      assert.ok(owner && owner !== `dead-process-${round}` && children.some((c) => c.pid === pidOfLock), 'the lock is not the winning process\'s');
      assert.deepEqual(lockFiles(dir), [], `process round ${round}: the winner left its lock behind`);
    }
  } finally {
    await cleanup();
  }
});

test('the heartbeat moves forward while a run executes; a lock taken over meanwhile stops the run', async () => {
  const client = slowClient();
  const { plan, dir } = await fx.setup(10, 0, client);
  await fx.emulator.admin.setFaults({ latencyMs: 60, pathPattern: '/supportcontact$' });
  const beats = new Set<string>();
  const owners = new Set<string>();
  const sampler = setInterval(() => {
    for (const name of lockFiles(dir).filter((n) => n.endsWith('.lock'))) {
      try { const l = readLockSync(join(dir, name)); owners.add(l.owner); beats.add(l.heartbeat); } catch { /* gone meanwhile */ }
    }
  }, 10);
  const result = await runPlan(plan, { client, journalDir: dir, account, lock: { heartbeatMs: 40, staleMs: 10_000 } }).finally(() => clearInterval(sampler));
  assert.equal(result.complete, true);
  const times = [...beats].map((b) => Date.parse(b));
  assert.ok(times.length >= 4, `only ${times.length} heartbeat(s) seen`);
  assert.equal(owners.size, 1, 'the owner changed during the run');
  assert.deepEqual(times, [...times].sort((a, b) => a - b), 'the heartbeat went back');
  assert.deepEqual(lockFiles(dir), []);

  // Another window judged this run stale and took its lock: the next heartbeat sees it, and the run stops.
  const { plan: plan2, dir: dir2 } = await fx.setup(10, 20, client);
  const run = runPlan(plan2, { client, journalDir: dir2, account, lock: { heartbeatMs: 30, staleMs: 10_000 } });
  await until('the run to take its lock', () => lockFiles(dir2).some((n) => n.endsWith('.jsonl.lock')));
  await sleep(100);
  const lockName = lockFiles(dir2).find((n) => n.endsWith('.jsonl.lock'));
  assert.ok(lockName);
  let settled = false;
  void run.then(() => { settled = true; }, () => { settled = true; });
  // Written until the run notices (a heartbeat caught between its read and its rename writes over it once).
  for (let i = 0; i < 50 && !settled; i++) {
    await writeFile(join(dir2, lockName), JSON.stringify(foreignLock({ owner: 'the-other-window' })));
    await sleep(60);
  }
  await assert.rejects(run, (err: { kind?: string; message?: string }) => err.kind === 'validation' && /may have taken it over/.test(err.message ?? ''));
  assert.equal(readLockSync(join(dir2, lockName)).owner, 'the-other-window', 'the stopped run removed the other window\'s lock');
  const [left] = await listIncompleteRuns(dir2);
  assert.ok(left && !left.damaged && left.remaining > 0, 'the run was not left resumable');
});

test('a lock not renewed within the stale age (a stalled window) is no longer trusted: the run sends nothing more', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir } = await fx.setup(10, 20, client);
  const change = changeItems(plan);
  // Each change takes at least 300 ms (re-read + PUT), so ten take 3 s or more; the lease is 1 s.
  await fx.emulator.admin.setFaults({ latencyMs: 150, pathPattern: '/supportcontact$' });
  // A heartbeat far apart from a short stale age: the lease runs out mid-run, as after a long stall.
  const run = runPlan(plan, { client, journalDir: dir, account, concurrency: 1, lock: { heartbeatMs: 60_000, staleMs: 1000 } });
  await assert.rejects(run, (err: { kind?: string; message?: string }) => err.kind === 'validation' && /may have taken it over/.test(err.message ?? ''));
  const puts = (await fx.emulator.admin.requests()).filter((r) => r.method === 'PUT');
  // However slow the machine, the lease ends before the tenth change: the rest are never sent.
  assert.ok(puts.length < change.length, `${puts.length} of ${change.length} changes were sent after the lease ran out`);
  const [left] = await listIncompleteRuns(dir);
  assert.ok(left && !left.damaged && left.remaining > 0, 'the run was not left resumable');
  assert.deepEqual(lockFiles(dir), [], 'the expired lock was left behind');
});

test('Discard (deleteRun) leaves a journal alone while a live owner runs it, and deletes it under the lock otherwise', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir } = await fx.setup(3, 40, client);
  const file = await pendingJournal(plan, dir);
  await writeFile(lockPath(file), JSON.stringify(foreignLock()));
  assert.equal(await deleteRun(file), false);
  assert.equal((await listIncompleteRuns(dir)).length, 1, 'a journal another window is running was deleted');
  assert.equal((await readRunLock(file))?.owner, 'someone-else', 'the other window\'s lock was touched');
  await writeFile(lockPath(file), JSON.stringify(foreignLock({ heartbeat: new Date(Date.now() - 120_000).toISOString() })));
  assert.equal(await deleteRun(file), true);
  assert.equal((await listIncompleteRuns(dir)).length, 0);
  assert.deepEqual(lockFiles(dir), [], 'the lock was left behind');
});

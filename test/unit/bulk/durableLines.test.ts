// Nothing lost on disk: a line torn by a crash, a short write (a full disk) and a failed sync, at every
// byte offset of the last line, in the change log and in the bulk journal; malformed change-log
// lines are counted, never shown and never break a read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { ChangeLog, changeLogFileName, type ChangeLogEntry } from '../../../src/history/changeLog';
import type { JournalHeader } from '../../../src/bulk/journal';
import { loadRun } from '../../../src/bulk/journalReader';
import { JournalWriter } from '../../../src/bulk/journalWriter';
import type { ReassignmentPlan } from '../../../src/bulk/plan';
import { appendAll, isStorageWriteError, openForAppend } from '../../../src/storage/appendLines';
import { failing, tempDir } from './bulkHarness';

const a = { supportTenantId: 'aaaaaaaa-1111-4111-8111-111111111111', supportMpnId: '111', name: 'Alpha' };
const b = { supportTenantId: 'bbbbbbbb-2222-4222-8222-222222222222', supportMpnId: '222', name: 'Béta 株式会社' };
const entry = (n: number): ChangeLogEntry => ({
  time: new Date(1_700_000_000_000 + n).toISOString(), account: 'a@b.example', customerId: 'c', customerName: `株式会社テスト ${n}`,
  subscriptionId: `s${n}`, old: a, new: b, requestId: `r${n}`, outcome: 'changed', source: 'single',
});
const line = (e: unknown): Buffer => Buffer.from(`${JSON.stringify(e)}\n`, 'utf8');
const ids = (entries: readonly ChangeLogEntry[]): string[] => entries.map((e) => e.subscriptionId);

test('change log: a line torn by a crash at every byte offset loses no recorded entry, and the next append is readable', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const good = [entry(1), entry(2), entry(3)];
    const torn = line(entry(4)); // never confirmed: the crash came mid-write
    for (let k = 0; k <= torn.length; k++) {
      const file = `${dir}/${changeLogFileName}`;
      await fs.writeFile(file, Buffer.concat([...good.map(line), torn.subarray(0, k)]));
      const log = new ChangeLog(dir, { sync: false });
      await log.append(entry(5));
      const { entries, unreadable } = await log.scan(100);
      const tornWhole = k >= torn.length - 1; // all of its JSON made it (only the line break was missing)
      assert.deepEqual(ids(entries), [...(tornWhole ? ['s5', 's4'] : ['s5']), 's3', 's2', 's1'], `offset ${k}`);
      assert.equal(unreadable, k === 0 || tornWhole ? 0 : 1, `offset ${k}`);
    }
  } finally {
    await cleanup();
  }
});

test('appendAll: a short write or a failed sync at every byte offset leaves the file as it was, says "disk full", and the next append is readable', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const file = `${dir}/log.jsonl`;
    const before = Buffer.concat([line(entry(1)), line(entry(2))]);
    const next = line(entry(3));
    // A short write at every offset (the disk fills up mid-line), then every byte written but the sync failing.
    const cases = [...Array.from({ length: next.length }, (_, k) => ({ k, failSync: false })), { k: next.length, failSync: true }];
    for (const { k, failSync } of cases) {
      {
        await fs.writeFile(file, before);
        const handle = await openForAppend(file);
        try {
          await assert.rejects(appendAll(failing(handle, k, failSync), file, next.toString('utf8')), (err: unknown) => {
            assert.ok(isStorageWriteError(err));
            assert.equal(err.diskFull, !failSync);
            assert.match(err.message, failSync ? /log\.jsonl could not be written \(EIO\)/ : /The disk is full: log\.jsonl could not be written/);
            return true;
          }, `offset ${k}`);
          assert.deepEqual(await fs.readFile(file), before, `offset ${k}: the partial line was not taken back`);
          await appendAll(handle, file, line(entry(4)).toString('utf8'));
        } finally {
          await handle.close();
        }
        assert.deepEqual(ids(await readLines(file)), ['s4', 's2', 's1'], `offset ${k}`);
      }
    }
  } finally {
    await cleanup();
  }
});

async function readLines(file: string): Promise<ChangeLogEntry[]> {
  return (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as ChangeLogEntry).reverse();
}

test('change log: an append the disk cannot take rejects with "disk full", keeps nothing of it, and the entries around it stay', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const log = new ChangeLog(dir);
    await log.append(entry(1));
    const before = await fs.readFile(log.file);
    const full = new ChangeLog(dir, { wrap: (t) => failing(t, 40) });
    const both = [full.append(entry(2)), full.append(entry(3))]; // the second joins the first one's write or the next
    for (const p of both) await assert.rejects(p, (err: unknown) => isStorageWriteError(err) && err.diskFull && /The disk is full/.test(err.message));
    assert.deepEqual(await fs.readFile(log.file), before);
    await log.append(entry(4));
    assert.deepEqual(ids(await log.read()), ['s4', 's1']);
  } finally {
    await cleanup();
  }
});

test('change log: ≥ 50 malformed lines (null, {}, numbers, missing fields, wrong types) are counted; every good entry is listed in order', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const e = entry(0);
    const bad: unknown[] = [
      null, {}, 1, 'text', [], true, [e],
      ...(['time', 'account', 'customerId', 'subscriptionId', 'requestId', 'outcome', 'new', 'old'] as const).map((k) => { const c: Record<string, unknown> = { ...e }; delete c[k]; return c; }),
      { ...e, time: 5 }, { ...e, outcome: 'maybe' }, { ...e, new: null }, { ...e, new: { name: 'x' } }, { ...e, old: 'Alpha' },
      { ...e, old: { ...a, supportMpnId: 111 } }, { ...e, customerName: 7 }, { ...e, source: 'other' }, { ...e, error: 'boom' },
      { ...e, error: { kind: 1, message: 'x' } }, { ...e, error: null }, { ...e, runId: {} },
    ];
    const lines: Buffer[] = [];
    const goodIds: string[] = [];
    let badCount = 0;
    for (let n = 0; n < 60; n++) {
      lines.push(line(entry(n)));
      goodIds.unshift(`s${n}`);
      lines.push(n % 7 === 6 ? Buffer.from('{"time": "2026-12-03T\n') : line(bad[n % bad.length]));
      badCount++;
    }
    await fs.writeFile(`${dir}/${changeLogFileName}`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ...lines]));
    const { entries, unreadable } = await new ChangeLog(dir).scan(10_000);
    assert.ok(badCount >= 50);
    assert.deepEqual(ids(entries), goodIds, 'a good entry went missing (the first one sits after a UTF-8 BOM)');
    assert.equal(unreadable, badCount);
    const newest = await new ChangeLog(dir).scan(5);
    assert.deepEqual(ids(newest.entries), goodIds.slice(0, 5));
  } finally {
    await cleanup();
  }
});

const plan: ReassignmentPlan = {
  target: { supportTenantId: b.supportTenantId, supportMpnId: b.supportMpnId, name: b.name },
  items: [0, 1, 2].map((n) => ({ customerId: 'c', customerName: 'C', subscriptionId: `s${n}`, subscriptionName: `S${n}`, current: a, target: b, action: 'change' as const, reasonText: '' })),
} as unknown as ReassignmentPlan; // the journal reads only target and items

test('journal: a torn last line at every byte offset, or a short write at every byte offset, loses no recorded line; the next append is readable', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { writer, header } = await JournalWriter.create(dir, plan, { account: 'a@b.example', durable: false });
    await writer.append({ t: 'start', i: 0, requestId: header.items[0].requestId, time: 't' });
    await writer.close();
    const recorded = await fs.readFile(writer.file);
    const last = line({ t: 'done', i: 0, outcome: 'changed', requestId: header.items[0].requestId, time: 't' });
    const check = async (k: number, what: string): Promise<void> => {
      const run = await loadRun(writer.file);
      assert.equal(run.states[1].status, 'started', `${what} ${k}: the line after it was lost`);
      assert.ok(['started', 'changed'].includes(run.states[0].status), `${what} ${k}`);
      assert.equal((run.header as JournalHeader).runId, header.runId);
    };
    for (let k = 0; k < last.length; k++) {
      await fs.writeFile(writer.file, Buffer.concat([recorded, last.subarray(0, k)]));
      const resumed = await JournalWriter.open(writer.file, { durable: false });
      await resumed.append({ t: 'start', i: 1, requestId: header.items[1].requestId, time: 't' });
      await resumed.close();
      await check(k, 'torn at');
      await fs.writeFile(writer.file, recorded);
      const full = await JournalWriter.open(writer.file, { durable: false, wrap: (t) => failing(t, k) });
      await assert.rejects(full.append(JSON.parse(last.toString('utf8')) as never), (err: unknown) => isStorageWriteError(err) && err.diskFull);
      await full.close();
      assert.deepEqual(await fs.readFile(writer.file), recorded, `short write at ${k}: the partial line stayed`);
      const after = await JournalWriter.open(writer.file, { durable: false });
      await after.append({ t: 'start', i: 1, requestId: header.items[1].requestId, time: 't' });
      await after.close();
      await check(k, 'short write at');
    }
  } finally {
    await cleanup();
  }
});

test('journal: a header the disk cannot take leaves no journal behind', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await assert.rejects(JournalWriter.create(dir, plan, { account: 'a@b.example', durable: false, wrap: (t) => failing(t, 10) }), (err: unknown) => isStorageWriteError(err) && err.diskFull);
    assert.deepEqual((await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl')), []);
  } finally {
    await cleanup();
  }
});

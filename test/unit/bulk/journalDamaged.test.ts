// A damaged journal (empty, a truncated header, a `null` item, a missing field) is listed as damaged
// with how many items were started, never throws a TypeError and is never resumed; a BOM is not
// damage; Discard keeps a copy of the journal before it deletes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  DamagedJournalError, JournalWriter, discardRun, inspectRun, listIncompleteRuns, loadRun, lockPath, resumeRun,
  type DamagedRun, type ReassignmentPlan,
} from '../../../src/bulk';
import type { PartnerCenterClient } from '../../../src/partnerCenter';
import { tempDir } from './bulkHarness';

const contact = { supportTenantId: 'AAAAAAAA-1111-4111-8111-111111111111', supportMpnId: '4391507', name: 'Wingtip Töys — 東京' };
const plan: ReassignmentPlan = {
  created: new Date().toISOString(), target: contact,
  items: [0, 1, 2].map((n) => ({
    customerId: `00000000-0000-4000-8000-00000000000${n}`, customerName: `Fabrikam ${n} ü`, subscriptionId: `10000000-0000-4000-8000-00000000000${n}`,
    subscriptionName: `Sub ${n}`, offerId: 'OFFER', status: 'active' as const,
    current: null, target: contact, action: n === 2 ? 'skip' as const : 'change' as const, reason: n === 2 ? 'nce' as const : undefined, reasonText: 'x',
  })),
};

/** A real journal's bytes: its header line, then item 0 started and done, item 1 started (in flight). */
async function journalBytes(dir: string): Promise<{ file: string; header: Buffer; rest: Buffer }> {
  const { writer, header } = await JournalWriter.create(dir, plan, { account: 'a@b.example', durable: false });
  await writer.append({ t: 'start', i: 0, requestId: header.items[0].requestId, time: 't' });
  await writer.append({ t: 'done', i: 0, outcome: 'changed', requestId: header.items[0].requestId, time: 't' });
  await writer.append({ t: 'start', i: 1, requestId: header.items[1].requestId, time: 't' });
  await writer.close();
  const bytes = await readFile(writer.file);
  const end = bytes.indexOf(0x0a);
  return { file: writer.file, header: bytes.subarray(0, end), rest: bytes.subarray(end) };
}

async function damaged(file: string): Promise<DamagedRun> {
  const run = await inspectRun(file);
  assert.ok(run.damaged, `${file} was read as a journal`);
  await assert.rejects(loadRun(file), (err: unknown) => err instanceof DamagedJournalError && !(err instanceof TypeError));
  return run;
}

test('a UTF-8 BOM before the header is accepted: the run loads, is listed and can be appended to', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { file, header, rest } = await journalBytes(dir);
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), header, rest]));
    const run = await loadRun(file);
    assert.deepEqual(run.states.map((s) => s.status), ['changed', 'started', 'skipped']);
    assert.equal(run.unreadableLines, 0);
    const [listed] = await listIncompleteRuns(dir);
    assert.ok(listed && !listed.damaged && listed.remaining === 1);
    const writer = await JournalWriter.open(file, { durable: false });
    await writer.append({ t: 'done', i: 1, outcome: 'changed', requestId: run.header.items[1].requestId, time: 't' });
    await writer.close();
    assert.equal((await loadRun(file)).complete, true);
  } finally {
    await cleanup();
  }
});

test('an empty file (or only blank lines) is a damaged run with 0 started, listed, not skipped', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    for (const text of ['', '\n', '\ufeff', ' \n\n']) {
      const file = join(dir, 'reassign-empty.jsonl');
      await writeFile(file, text);
      const run = await damaged(file);
      assert.equal(run.started, 0);
      assert.match(run.reason, /empty/);
      const listed = await listIncompleteRuns(dir);
      assert.deepEqual(listed.map((r) => [r.file, r.damaged]), [[file, true]], `${JSON.stringify(text)} was not listed as damaged`);
    }
  } finally {
    await cleanup();
  }
});

test('the header cut at every byte offset: damaged, never a TypeError; the lines after it still count the started items', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { file, header, rest } = await journalBytes(dir);
    assert.ok(header.length > 500 && header.length !== header.toString('utf8').length, 'the header has multi-byte characters to cut');
    const cut = join(dir, 'reassign-cut.jsonl');
    const broken = join(dir, 'reassign-broken.jsonl');
    await rm(file);
    for (let k = 0; k < header.length; k++) {
      // A file cut there (a torn write): nothing after the cut. And the header line broken there with
      // the later lines intact: item 1 was started (and may have been applied), item 0 is done.
      await Promise.all([writeFile(cut, header.subarray(0, k)), writeFile(broken, Buffer.concat([header.subarray(0, k), rest]))]);
      const [a, b] = await Promise.all([inspectRun(cut), inspectRun(broken)]);
      assert.ok(a.damaged && a.started === 0, `cut at ${k}: ${JSON.stringify(a).slice(0, 80)}`);
      assert.ok(b.damaged && b.started === 1, `broken at ${k}: ${JSON.stringify(b).slice(0, 80)}`);
      if (k % 97 === 0) {
        await damaged(broken); // loadRun: a DamagedJournalError
        const listed = await listIncompleteRuns(dir);
        assert.deepEqual(listed.map((r) => r.damaged && r.started), [0, 1], `cut at ${k}: not listed as damaged`);
      }
    }
    await Promise.all([rm(cut), rm(broken)]);
    // The whole header without its line break is a journal (the next append ends the line first).
    await writeFile(file, header);
    assert.equal((await loadRun(file)).remaining, 2);
  } finally {
    await cleanup();
  }
});

test('a `null` item, an item or a header with a missing or mistyped field: damaged with the started count, never a TypeError', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { file, header, rest } = await journalBytes(dir);
    const good = JSON.parse(header.toString('utf8')) as Record<string, unknown> & { items: Record<string, unknown>[] };
    const variants: [string, (h: typeof good) => void][] = [
      ['a null item', (h) => { (h.items as unknown[])[1] = null; }],
      ['a number as item', (h) => { (h.items as unknown[])[0] = 7; }],
      ['items null', (h) => { h.items = null as never; }],
      ['target null', (h) => { h.target = null; }],
      ['target without its MPN ID', (h) => { delete (h.target as Record<string, unknown>).supportMpnId; }],
      ['a newer version', (h) => { h.version = 99; }],
      ...['version', 'runId', 'created', 'account', 'correlationId', 'target', 'items'].map((f): [string, (h: typeof good) => void] => [`no header ${f}`, (h) => { delete h[f]; }]),
      ...['customerId', 'subscriptionId', 'subscriptionName', 'requestId', 'action', 'reasonText', 'target', 'current'].map((f): [string, (h: typeof good) => void] => [`item without ${f}`, (h) => { delete h.items[1][f]; }]),
      ['a numeric requestId', (h) => { h.items[0].requestId = 5; }],
      ['an unknown action', (h) => { h.items[0].action = 'delete'; }],
      ['a string as current', (h) => { h.items[0].current = 'nobody'; }],
    ];
    for (const [what, spoil] of variants) {
      const h = structuredClone(good);
      spoil(h);
      await writeFile(file, Buffer.concat([Buffer.from(JSON.stringify(h)), rest]));
      const run = await damaged(file);
      assert.equal(run.started, 1, what);
      assert.ok(run.reason.length > 0, what);
      const listed = await listIncompleteRuns(dir);
      assert.ok(listed.length === 1 && listed[0].damaged, `${what}: not listed as damaged`);
    }
    // A damaged journal is never resumed: refused before any request (the client is never touched).
    const client = new Proxy({}, { get: () => { throw new Error('the client was used'); } }) as PartnerCenterClient;
    const [run] = await listIncompleteRuns(dir);
    await assert.rejects(resumeRun(run, { client, journalDir: dir, account: 'a@b.example' }), DamagedJournalError);
    await assert.rejects(resumeRun(file, { client, journalDir: dir, account: 'a@b.example' }), DamagedJournalError);
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.lock')), [], 'the refused resume left its lock');
  } finally {
    await cleanup();
  }
});

test('only files named reassign-*.jsonl are read', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await writeFile(join(dir, 'notes.jsonl'), '');
    await writeFile(join(dir, 'reassign-x.jsonl.lock'), '');
    await writeFile(join(dir, 'reassign-x.json'), '');
    await mkdir(join(dir, 'reassign-folder.jsonl'));
    assert.deepEqual(await listIncompleteRuns(dir), []);
  } finally {
    await cleanup();
  }
});

test('Discard keeps a copy of the journal (never overwriting an earlier copy) before it deletes it; refused while another window runs it', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const keep = join(dir, 'changes', 'discarded');
    const { file, header } = await journalBytes(dir);
    await writeFile(file, header.subarray(0, 40)); // damaged
    const bytes = await readFile(file);
    // Another window holds the run's lock (a fresh heartbeat from a live process): nothing happens.
    await writeFile(lockPath(file), JSON.stringify({ pid: process.pid, owner: 'someone-else', hostname: hostname(), heartbeat: new Date().toISOString() }));
    assert.equal(await discardRun(file, keep), undefined);
    assert.deepEqual(await readFile(file), bytes, 'a journal another window runs was touched');
    assert.deepEqual(await readdir(join(dir, 'changes')).catch(() => []), [], 'a copy was made of a run that was not discarded');
    await writeFile(lockPath(file), JSON.stringify({ pid: process.pid, owner: 'someone-else', hostname: hostname(), heartbeat: new Date(Date.now() - 120_000).toISOString() }));

    const copy = await discardRun(file, keep);
    assert.equal(copy, join(keep, file.slice(dir.length + 1)));
    assert.deepEqual(await readFile(copy), bytes, 'the copy is not the journal');
    assert.deepEqual(await listIncompleteRuns(dir), [], 'the discarded journal is still listed');
    assert.deepEqual((await readdir(dir)).sort(), ['changes'], 'the journal or its lock is left');

    // The same name discarded again (a copy restored by hand, then discarded): both copies kept.
    await writeFile(file, 'second');
    const second = await discardRun(file, keep);
    assert.ok(second && second !== copy);
    assert.equal(await readFile(second, 'utf8'), 'second');
    assert.deepEqual(await readFile(copy), bytes, 'the earlier copy was overwritten');
  } finally {
    await cleanup();
  }
});

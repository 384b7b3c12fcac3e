// The journal file on its own: header, start/done lines, a torn last line, listing and archiving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { JournalWriter, archiveRun, deleteRun, listIncompleteRuns, loadRun, type ReassignmentPlan } from '../../../src/bulk';
import { tempDir } from './bulkHarness';

const contact = { supportTenantId: 'AAAAAAAA-1111-4111-8111-111111111111', supportMpnId: '4391507', name: 'Wingtip Toys' };
const plan: ReassignmentPlan = {
  created: new Date().toISOString(), target: contact,
  items: [0, 1, 2].map((n) => ({
    customerId: `00000000-0000-4000-8000-00000000000${n}`, subscriptionId: `10000000-0000-4000-8000-00000000000${n}`, subscriptionName: `Sub ${n}`,
    current: null, target: contact, action: n === 2 ? 'skip' as const : 'change' as const, reason: n === 2 ? 'nce' as const : undefined, reasonText: 'x',
  })),
};

test('header, start and done lines; states; a torn last line is ignored; complete runs are archived', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { writer, header } = await JournalWriter.create(dir, plan, { account: 'a@b.example' });
    assert.equal(new Set(header.items.map((i) => i.requestId)).size, 3);
    await Promise.all([
      writer.append({ t: 'start', i: 0, requestId: header.items[0].requestId, time: 't' }),
      writer.append({ t: 'start', i: 1, requestId: header.items[1].requestId, time: 't' }),
    ]);
    await writer.append({ t: 'done', i: 0, outcome: 'changed', requestId: header.items[0].requestId, time: 't' });
    await writer.close();
    await appendFile(writer.file, '{"t":"done","i":1,"outc'); // crash mid-write
    const lines = (await readFile(writer.file, 'utf8')).split('\n');
    assert.equal(JSON.parse(lines[0]).t, 'header');

    let run = await loadRun(writer.file);
    assert.deepEqual(run.states.map((s) => s.status), ['changed', 'started', 'skipped']);
    assert.equal(run.unreadableLines, 1);
    assert.equal(run.remaining, 1);
    assert.equal((await listIncompleteRuns(dir)).length, 1);

    const again = await JournalWriter.open(writer.file);
    await again.append({ t: 'done', i: 1, outcome: 'failed', requestId: header.items[1].requestId, time: 't', error: { kind: 'validation', message: 'no' } });
    await again.close();
    run = await loadRun(writer.file);
    assert.deepEqual(run.states.map((s) => s.status), ['changed', 'failed', 'skipped']);
    assert.equal(run.states[1].error?.message, 'no');
    assert.equal(run.complete, true);
    assert.deepEqual(await listIncompleteRuns(dir), []);
    const archived = await archiveRun(writer.file);
    assert.deepEqual((await readdir(dir)).sort(), ['archive']);
    await deleteRun(archived);
    assert.deepEqual(await readdir(join(dir, 'archive')), []);
    assert.deepEqual(await listIncompleteRuns(join(dir, 'missing')), []);
  } finally {
    await cleanup();
  }
});

// The bulk engine against the real emulator: injected 429s and 503s, cancel + resume, a crash
// between the journal's start line and the PUT's answer. "Changed exactly once" is counted from the
// emulator's request log (applied PUTs), never from the engine's own view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  listIncompleteRuns, loadRun, resumeRun, retryFailed, runPlan, JournalWriter, type BulkCounts,
} from '../../../src/bulk';
import { ChangeLog } from '../../../src/history/changeLog';
import { TenantLimiter, sameId } from '../../../src/partnerCenter';
import { clientFor } from '../client/emulatorHarness';
import type { AppendTarget } from '../../../src/storage/appendLines';
import { appliedPuts, contactOf, failing, itemKey, useEngineFixture } from './bulkHarness';

const fx = useEngineFixture();


test('≥ 50 subscriptions through 429s and 503s: every eligible one changed exactly once, the rest skipped with reasons', async () => {
  // Every 5th (here) or 3rd (reread) matching request fails, and 16 calls interleave: with the
  // default 5 attempts one call in a few hundred can land on a failing slot each time, which is the
  // retry budget running out, not what this test is about. 12 attempts make that ~1e-8.
  const client = clientFor(fx.emulator, { retry: { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 3000, maxAttempts: 12 } });
  const { plan, dir, target } = await fx.setup(60, 0, client);
  const change = plan.items.filter((i) => i.action === 'change');
  assert.ok(change.length >= 50, `${change.length} eligible`);
  assert.ok(plan.items.some((i) => i.reason === 'nce') && plan.items.some((i) => i.reason === 'alreadySet'));
  await fx.emulator.admin.setFaults({ throttle: 5, retryAfterSeconds: 1, status: 503, fraction: 0.2, pathPattern: '/supportcontact$' });
  const progress: BulkCounts[] = [];
  const changeLog = new ChangeLog(dir);
  const result = await runPlan(plan, { client, journalDir: dir, account: 'admin@contoso.example', changeLog, onProgress: (c) => progress.push(c) });

  assert.equal(result.complete, true);
  assert.equal(result.failed.length, 0, JSON.stringify(result.failed.map((f) => f.error)));
  assert.equal(result.changed.length, change.length);
  assert.equal(result.skipped.length, plan.items.length - change.length);
  assert.ok(result.skipped.every((s) => s.reason && s.reasonText));
  assert.deepEqual(progress.at(-1), { done: plan.items.length, changed: change.length, skipped: result.skipped.length, failed: 0, total: plan.items.length, changeItems: change.length });

  const log = await fx.emulator.admin.requests();
  assert.ok(log.some((r) => r.status === 429) && log.some((r) => r.status === 503), 'faults were injected');
  const applied = await appliedPuts(fx.emulator);
  for (const item of plan.items) assert.equal(applied.get(itemKey(item)) ?? 0, item.action === 'change' ? 1 : 0, item.subscriptionName);
  for (const item of change) assert.ok(sameId((await contactOf(fx.emulator, item.customerId, item.subscriptionId))?.supportTenantId, target.id));

  const entries = await changeLog.read(1000);
  assert.equal(entries.length, change.length);
  assert.ok(entries.every((e) => e.outcome === 'changed' && e.source === 'bulk' && e.runId === result.runId && sameId(e.new.supportTenantId, target.id)));
  assert.deepEqual(await listIncompleteRuns(dir), [], 'the finished journal was archived');
  assert.match(result.journalFile, /archive/);
});

test('cancel midway, then resume from the journal: the rest completes and nothing is applied twice', async () => {
  const client = clientFor(fx.emulator, { limiter: new TenantLimiter({ ratePerMinute: 3000, burst: 5, concurrency: 8 }) });
  const { plan, dir } = await fx.setup(60, 20, client);
  const change = plan.items.filter((i) => i.action === 'change');
  const controller = new AbortController();
  const first = await runPlan(plan, {
    client, journalDir: dir, account: 'Admin@Contoso.example', signal: controller.signal,
    onProgress: (c) => { if (c.changed >= 20) controller.abort(); },
  });
  assert.equal(first.cancelled, true);
  assert.equal(first.complete, false);
  assert.ok(first.notRun.length > 0 && first.changed.length >= 20);
  const incomplete = await listIncompleteRuns(dir);
  assert.equal(incomplete.length, 1);
  assert.ok(!incomplete[0].damaged);
  assert.equal(incomplete[0].remaining, first.notRun.length);
  await assert.rejects(resumeRun(incomplete[0], { client, journalDir: dir, account: 'someone@else.example' }), { kind: 'validation' });

  const resumed = await resumeRun(incomplete[0], { client, journalDir: dir, account: 'admin@contoso.example' });
  assert.equal(resumed.complete, true);
  assert.equal(resumed.changed.length, change.length);
  const applied = await appliedPuts(fx.emulator);
  for (const item of change) assert.equal(applied.get(itemKey(item)), 1, item.subscriptionName);
  assert.deepEqual(await listIncompleteRuns(dir), []);
});

test('a crash between the start line and the answer: resume finishes the applied one with its request id (answered from memory, not applied twice, logged as changed) and sends the unsent one', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir } = await fx.setup(3, 40, client);
  const change = plan.items.map((item, i) => ({ item, i })).filter(({ item }) => item.action === 'change');
  assert.ok(change.length >= 2);
  const { writer, header } = await JournalWriter.create(dir, plan, { account: 'admin@contoso.example' });
  const [answered, unsent] = change;
  const answeredId = header.items[answered.i].requestId;
  const unsentId = header.items[unsent.i].requestId;
  await writer.append({ t: 'start', i: answered.i, requestId: answeredId, time: new Date().toISOString() });
  await client.updateSupportContact(answered.item.customerId, answered.item.subscriptionId, plan.target, {}, { requestId: answeredId }); // answer "lost"
  await writer.append({ t: 'start', i: unsent.i, requestId: unsentId, time: new Date().toISOString() }); // PUT never sent
  await writer.close();

  const run = await loadRun(writer.file);
  assert.equal(run.states[answered.i].status, 'started');
  assert.equal(run.states[unsent.i].status, 'started');
  const changeLog = new ChangeLog(dir);
  const result = await resumeRun(run, { client, journalDir: dir, account: 'admin@contoso.example', changeLog });
  assert.equal(result.complete, true);
  assert.equal(result.changed.length, change.length, 'the change the crashed attempt applied is not reported as changed');
  const finished = result.changed.find((c) => c.index === answered.i);
  assert.deepEqual(finished?.previous, answered.item.current, 'the report\'s "before" is not the value the change replaced');

  const puts = (await fx.emulator.admin.requests()).filter((r) => r.method === 'PUT');
  assert.deepEqual(puts.filter((r) => r.requestId === answeredId).map((r) => r.applied), [true, false], 'the applied change was not re-sent with its request id, or was applied twice');
  assert.deepEqual(puts.filter((r) => r.requestId === unsentId).map((r) => r.applied), [true], 'the unsent change went with its journal request id');
  const applied = await appliedPuts(fx.emulator);
  for (const { item } of change) assert.equal(applied.get(itemKey(item)), 1);
  const logged = await changeLog.read();
  assert.equal(logged.length, change.length);
  const entry = logged.find((e) => e.requestId === answeredId);
  assert.equal(entry?.outcome, 'changed', 'History has no "changed" entry for the applied change, so it cannot be undone');
  assert.deepEqual(entry.old, answered.item.current);
});

test('a re-read that fails after the retries: failed with the GET\'s ids and no PUT sent; retryFailed plans just those, with fresh request ids', async () => {
  const client = clientFor(fx.emulator, { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
  const { plan, dir } = await fx.setup(4, 30, client); // the seed lists 50 customers: start inside it
  const change = plan.items.filter((i) => i.action === 'change');
  assert.ok(change.length >= 2, `${change.length} eligible`);
  await fx.emulator.admin.setFaults({ status: 503, next: 100, pathPattern: '/supportcontact$' });
  const changeLog = new ChangeLog(dir);
  const result = await runPlan(plan, { client, journalDir: dir, account: 'a@b.example', changeLog });
  assert.equal(result.failed.length, change.length);
  const log = await fx.emulator.admin.requests();
  assert.ok(!log.some((r) => r.method === 'PUT'), 'a PUT was sent without a successful re-read');
  for (const f of result.failed) {
    assert.equal(f.error.kind, 'service');
    assert.equal(f.stage, 'read');
    assert.match(f.error.message, /re-read/);
    assert.match(f.error.requestId ?? '', /^[0-9a-f-]{36}$/i);
    assert.ok(log.some((r) => r.method === 'GET' && r.status === 503 && r.requestId === f.error.requestId), 'not the failed GET\'s request id');
    assert.ok(f.error.correlationId);
  }
  assert.deepEqual(await changeLog.read(), [], 'History lists changes that were never sent');
  await fx.emulator.admin.setFaults({});
  const retry = retryFailed(result);
  assert.equal(retry.items.length, change.length);
  assert.ok(retry.items.every((i) => i.action === 'change' && i.requestId === undefined), 'no PUT was sent, so nothing to repeat');
  const second = await runPlan(retry, { client, journalDir: dir, account: 'a@b.example', changeLog });
  assert.equal(second.changed.length, change.length);
  const applied = await appliedPuts(fx.emulator);
  for (const item of change) assert.equal(applied.get(itemKey(item)), 1);
});

test('an expired sign-in mid-run stops the run (no item marked failed); Resume after signing in completes it exactly once', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir } = await fx.setup(20, 40, client);
  const change = plan.items.filter((i) => i.action === 'change');
  assert.ok(change.length >= 5, `${change.length} eligible`);
  // Every PUT is refused as an expired token (the client's one refresh does not help).
  await fx.emulator.admin.setFaults({ tokenExpired: 10_000, pathPattern: '/supportcontact$' });
  await assert.rejects(runPlan(plan, { client, journalDir: dir, account: 'admin@contoso.example' }), (err: { kind?: string }) => err.kind === 'auth');
  const [pending] = await listIncompleteRuns(dir);
  assert.ok(pending && !pending.damaged, 'the run was left resumable');
  assert.ok(!pending.states.some((st) => st.status === 'failed'), 'an auth failure must not be recorded as the item failing');
  await fx.emulator.admin.setFaults({});
  const resumed = await resumeRun(pending, { client, journalDir: dir, account: 'admin@contoso.example' });
  assert.equal(resumed.complete, true);
  assert.equal(resumed.failed.length, 0);
  const applied = await appliedPuts(fx.emulator);
  for (const item of change) assert.equal(applied.get(itemKey(item)) ?? 0, 1, item.subscriptionName);
});

test('onItem reports each item re-read then settled; beforeItem (Pause) holds new items until released', async () => {
  const client = clientFor(fx.emulator, { limiter: new TenantLimiter({ ratePerMinute: 6000, burst: 20, concurrency: 4 }) });
  const { plan, dir } = await fx.setup(12, 40, client);
  const change = plan.items.filter((i) => i.action === 'change').length;
  const events: { i: number; status: string }[] = [];
  let release: () => void = () => undefined;
  let paused: Promise<void> | undefined = new Promise<void>((r) => { release = r; });
  const running = runPlan(plan, {
    client, journalDir: dir, account: 'admin@contoso.example', concurrency: 2,
    beforeItem: () => paused ?? Promise.resolve(),
    onItem: (i, e) => events.push({ i, status: e.status }),
  });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(events.length, 0, 'an item started while paused');
  assert.equal((await appliedPuts(fx.emulator)).size, 0);
  paused = undefined;
  release();
  const result = await running;
  assert.equal(result.changed.length, change);
  for (const [i, item] of plan.items.entries()) {
    const mine = events.filter((e) => e.i === i).map((e) => e.status);
    assert.deepEqual(mine, item.action === 'change' ? ['reading', 'changed'] : [], `item ${i}`);
  }
});

test('the disk fills up mid-run: the run stops with "disk full — nothing lost", no PUT went without its durable start line, and Resume finishes each change once', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir, target } = await fx.setup(12, 10, client);
  const change = plan.items.filter((i) => i.action === 'change');
  // The header goes through; then room for a few lines, then the disk is full.
  const fillsUp = (t: AppendTarget): AppendTarget => {
    const full = failing(t, 900);
    let header = true;
    return { ...full, write: (...args) => (header ? ((header = false), t.write(...args)) : full.write(...args)) };
  };
  const changeLog = new ChangeLog(dir);
  await assert.rejects(
    runPlan(plan, { client, journalDir: dir, account: 'a@b.example', changeLog, concurrency: 2, journalFile: fillsUp }),
    (err: Error) => /the disk is full/.test(err.message) && /Nothing was lost/.test(err.message) && /Resume Reassignment/.test(err.message),
  );
  const [run] = await listIncompleteRuns(dir);
  assert.ok(run && !run.damaged, 'the stopped run is not offered for Resume');
  const puts = (await fx.emulator.admin.requests()).filter((r) => r.method === 'PUT');
  assert.ok(puts.length < change.length, 'the run did not stop when the journal could not be written');
  const startedIds = new Set(run.states.filter((s) => s.status !== 'pending' && s.status !== 'skipped').map((s) => s.requestId));
  for (const p of puts) assert.ok(startedIds.has(p.requestId ?? ''), `a PUT (${p.path}) was sent without a durable start line`);
  const resumed = await resumeRun(run, { client, journalDir: dir, account: 'a@b.example', changeLog });
  assert.equal(resumed.complete, true);
  const applied = await appliedPuts(fx.emulator);
  for (const item of change) {
    assert.equal(applied.get(itemKey(item)), 1, item.subscriptionName);
    assert.ok(sameId((await contactOf(fx.emulator, item.customerId, item.subscriptionId))?.supportTenantId, target.id));
    }
});

test('per-row targets (health-check fixes): each subscription gets its own item\'s contact, also after a cancel and a resume from the journal', async () => {
  const client = clientFor(fx.emulator, { limiter: new TenantLimiter({ ratePerMinute: 3000, burst: 5, concurrency: 4 }) });
  const { plan, dir, resellers } = await fx.setup(12, 0, client);
  const other = resellers[5];
  const otherContact = { supportTenantId: other.id, supportMpnId: other.mpnId, name: other.name };
  // Every other item that can change gets the second reseller (an item already supported by it is left as it is).
  let n = 0;
  const items = plan.items.map((item) => (item.action === 'change' && n++ % 2 === 1 && !sameId(item.current?.supportTenantId, other.id)
    ? { ...item, target: otherContact, reasonText: `→ ${other.name}` } : item));
  const change = items.filter((i) => i.action === 'change');
  assert.ok(change.some((i) => sameId(i.target.supportTenantId, other.id)) && change.some((i) => !sameId(i.target.supportTenantId, other.id)), 'both targets in the plan');
  const controller = new AbortController();
  const first = await runPlan({ ...plan, items }, {
    client, journalDir: dir, account: 'admin@contoso.example', signal: controller.signal,
    onProgress: (c) => { if (c.changed >= 3) controller.abort(); },
  });
  assert.equal(first.complete, false);
  const [incomplete] = await listIncompleteRuns(dir);
  assert.ok(incomplete && !incomplete.damaged);
  const resumed = await resumeRun(incomplete, { client, journalDir: dir, account: 'admin@contoso.example' });
  assert.equal(resumed.complete, true);
  assert.equal(resumed.changed.length, change.length);
  for (const c of resumed.changed) assert.ok(sameId(c.contact.supportTenantId, c.item.target.supportTenantId), c.item.subscriptionName);
  const applied = await appliedPuts(fx.emulator);
  for (const item of change) {
    assert.equal(applied.get(itemKey(item)), 1, item.subscriptionName);
    assert.ok(sameId((await contactOf(fx.emulator, item.customerId, item.subscriptionId))?.supportTenantId, item.target.supportTenantId), `${item.subscriptionName} has its own target`);
  }
});

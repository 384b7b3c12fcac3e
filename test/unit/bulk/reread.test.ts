// The engine re-reads each support contact just before its PUT (through the same client, limiter and
// retries), so an old plan never overwrites a change made since the preview; and a 5xx that outlasts
// the retries keeps its ids, while Retry Failed re-reads first and does not send an applied change
// again. Everything is counted from the emulator's request log, never from the engine's own view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  listIncompleteRuns, loadRun, resultCsv, resumeRun, retryFailed, runPlan, JournalWriter,
  type BulkResult, type PlanItem,
} from '../../../src/bulk';
import { reportMarkdown } from '../../../src/commands/bulkDocuments';
import { ChangeLog } from '../../../src/history/changeLog';
import { PartnerCenterError, sameId, type PartnerCenterClient } from '../../../src/partnerCenter';
import { clientFor, staticToken } from '../client/emulatorHarness';
import type { LoggedRequest } from '../../emulator/index';
import { appliedPuts, contactOf, itemKey, useEngineFixture } from './bulkHarness';

const fx = useEngineFixture();

const account = 'admin@contoso.example';

/** Someone else's change, straight to the emulator: the body is stored as sent (name included). */
async function putElsewhere(item: PlanItem, contact: { supportTenantId: string; supportMpnId: string; name: string }): Promise<void> {
  const res = await fetch(`${fx.emulator.url}/v1/customers/${item.customerId}/subscriptions/${item.subscriptionId}/supportcontact`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${staticToken}`, 'content-type': 'application/json', accept: 'application/json', 'ms-requestid': randomUUID() },
    body: JSON.stringify({ SupportTenantId: contact.supportTenantId, SupportMpnId: contact.supportMpnId, Name: contact.name }),
  });
  assert.equal(res.status, 200, await res.text());
}

/** The run's own calls: the engine sends every request of a run with the journal's correlation id. */
async function callsOf(result: BulkResult): Promise<LoggedRequest[]> {
  const { header } = await loadRun(result.journalFile);
  return (await fx.emulator.admin.requests()).filter((r) => r.correlationId === header.correlationId && /\/supportcontact$/i.test(r.path));
}
const callsFor = (calls: LoggedRequest[], item: PlanItem, method: string): LoggedRequest[] =>
  calls.filter((r) => r.method === method && r.path.toLowerCase().includes(item.subscriptionId.toLowerCase()));

test('re-read before each PUT: a change made since the preview is left alone, one already at the target is not sent, the log keeps the value read', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir, target, resellers } = await fx.setup(8, 30, client);
  const change = plan.items.filter((i) => i.action === 'change');
  assert.ok(change.length >= 5, `${change.length} eligible`);
  const [stale, atTarget] = change;
  const renamed = change.find((i) => i !== stale && i !== atTarget && i.current !== null && !i.current.indirectProvider);
  const someoneElse = resellers.find((r) => !sameId(r.id, target.id) && !sameId(r.id, stale.current?.supportTenantId ?? ''));
  assert.ok(someoneElse);
  // After the preview: one moved to another reseller, one already moved to the target, and one whose
  // contact kept its ids but now carries another name (stored as sent).
  await putElsewhere(stale, { supportTenantId: someoneElse.id, supportMpnId: someoneElse.mpnId, name: someoneElse.name });
  await putElsewhere(atTarget, { supportTenantId: target.id, supportMpnId: target.mpnId, name: target.name });
  const renamedTo = renamed?.current ? { ...renamed.current, name: `${renamed.current.name} (renamed)` } : undefined;
  if (renamed && renamedTo) await putElsewhere(renamed, renamedTo);
  const before = await appliedPuts(fx.emulator);

  const changeLog = new ChangeLog(dir);
  const result = await runPlan(plan, { client, journalDir: dir, account, changeLog });
  assert.equal(result.complete, true);
  assert.equal(result.failed.length, 0);
  assert.equal(result.changed.length, change.length - 2);
  assert.equal(result.counts.changeItems, change.length);
  assert.equal(result.counts.skipped, plan.items.length - change.length + 2);

  const skippedStale = result.skipped.find((s) => itemKey(s.item) === itemKey(stale));
  assert.equal(skippedStale?.reason, 'changedSincePreview');
  assert.match(skippedStale.reasonText, /changed since the preview/i);
  assert.ok(skippedStale.reasonText.includes(someoneElse.name), skippedStale.reasonText);
  assert.ok(skippedStale.current && sameId(skippedStale.current.supportTenantId, someoneElse.id));
  const skippedAtTarget = result.skipped.find((s) => itemKey(s.item) === itemKey(atTarget));
  assert.equal(skippedAtTarget?.reason, 'alreadySet');

  // Nothing was sent for either; their contacts are what the other person set.
  const calls = await callsOf(result);
  for (const item of [stale, atTarget]) {
    assert.equal(callsFor(calls, item, 'PUT').length, 0, `${item.subscriptionName}: a PUT was sent`);
    assert.equal(callsFor(calls, item, 'GET').length, 1, `${item.subscriptionName}: re-read once`);
  }
  assert.ok(sameId((await contactOf(fx.emulator, stale.customerId, stale.subscriptionId))?.supportTenantId, someoneElse.id), 'the newer change was overwritten');
  const after = await appliedPuts(fx.emulator);
  for (const item of change) {
    const ours = (after.get(itemKey(item)) ?? 0) - (before.get(itemKey(item)) ?? 0);
    assert.equal(ours, item === stale || item === atTarget ? 0 : 1, item.subscriptionName);
  }
  // Every PUT followed a successful GET of the same contact in this run.
  for (const item of change.filter((i) => i !== stale && i !== atTarget)) {
    const [get] = callsFor(calls, item, 'GET');
    const [put] = callsFor(calls, item, 'PUT');
    assert.ok(get && put, `${item.subscriptionName}: no re-read, or no PUT`);
    assert.ok(get.status === 200 || get.status === 404, `${item.subscriptionName}: the re-read failed (${get.status})`);
    assert.ok(get.seq < put.seq, `${item.subscriptionName}: the re-read came after the PUT`);
  }

  // The journal records the run-time skips (done lines, no start lines), so a resume leaves them alone.
  const run = await loadRun(result.journalFile);
  const staleIndex = plan.items.indexOf(stale);
  assert.equal(run.states[staleIndex].status, 'skipped');
  assert.equal(run.states[staleIndex].reason, 'changedSincePreview');
  const lines = (await readFile(result.journalFile, 'utf8')).split('\n').filter(Boolean).slice(1).map((l) => JSON.parse(l) as { t: string; i: number; outcome?: string });
  assert.deepEqual(lines.filter((l) => l.i === staleIndex).map((l) => `${l.t}:${l.outcome ?? ''}`), ['done:skipped']);

  // The change log's "old" is the value read just before the PUT, not the preview's.
  const entries = await changeLog.read(100);
  assert.equal(entries.length, change.length - 2);
  if (renamed && renamedTo) {
    const e = entries.find((x) => itemKey(x) === itemKey(renamed));
    assert.equal(e?.old?.name, renamedTo.name, 'the logged old contact is the preview\'s, not the one read before the PUT');
    assert.equal(result.changed.find((c) => itemKey(c.item) === itemKey(renamed))?.previous?.name, renamedTo.name);
  }
});

test('a resumed run re-reads: a change made while it was interrupted is skipped and recorded, and a second resume does not try it again', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir, target, resellers } = await fx.setup(6, 20, client);
  const change = plan.items.filter((i) => i.action === 'change');
  assert.ok(change.length >= 3);
  // An interrupted run: its journal exists, nothing was sent yet (as after a crash right at the start).
  const { writer } = await JournalWriter.create(dir, plan, { account });
  await writer.close();
  // Hours later someone points one of them at another reseller.
  const [moved] = change;
  const other = resellers.find((r) => !sameId(r.id, target.id) && !sameId(r.id, moved.current?.supportTenantId ?? ''));
  assert.ok(other);
  await putElsewhere(moved, { supportTenantId: other.id, supportMpnId: other.mpnId, name: other.name });

  // Cancel right after the first item settles (one at a time, the moved one first).
  const controller = new AbortController();
  const [pending] = await listIncompleteRuns(dir);
  const first = await resumeRun(pending, {
    client, journalDir: dir, account, concurrency: 1, signal: controller.signal,
    onProgress: (c) => { if (c.done > c.total - c.changeItems) controller.abort(); },
  });
  assert.equal(first.complete, false);
  assert.equal(first.skipped.find((s) => itemKey(s.item) === itemKey(moved))?.reason, 'changedSincePreview');
  const [again] = await listIncompleteRuns(dir);
  assert.ok(again && !again.damaged);
  assert.equal(again.states[plan.items.indexOf(moved)].status, 'skipped', 'the skip was not journaled');
  assert.equal(again.remaining, change.length - 1);

  const second = await resumeRun(again, { client, journalDir: dir, account });
  assert.equal(second.complete, true);
  assert.equal(second.changed.length, change.length - 1);
  assert.equal(second.skipped.find((s) => itemKey(s.item) === itemKey(moved))?.reason, 'changedSincePreview');
  const movedCalls = (await fx.emulator.admin.requests()).filter((r) => r.path.toLowerCase().includes(moved.subscriptionId.toLowerCase()) && /\/supportcontact$/i.test(r.path));
  assert.deepEqual(movedCalls.map((r) => r.method), ['GET', 'PUT', 'GET'], 'the preview\'s read, the other person\'s PUT and one re-read');
  assert.ok(sameId((await contactOf(fx.emulator, moved.customerId, moved.subscriptionId))?.supportTenantId, other.id));
});

test('the re-read goes through the limiter and the retries: 429s and 503s on it are waited out and retried', async () => {
  // Every 5th (here) or 3rd (reread) matching request fails, and 16 calls interleave: with the
  // default 5 attempts one call in a few hundred can land on a failing slot each time, which is the
  // retry budget running out, not what this test is about. 12 attempts make that ~1e-8.
  const client = clientFor(fx.emulator, { retry: { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 3000, maxAttempts: 12 } });
  const { plan, dir } = await fx.setup(12, 10, client);
  const change = plan.items.filter((i) => i.action === 'change');
  await fx.emulator.admin.setFaults({ throttle: 4, retryAfterSeconds: 1, status: 503, fraction: 0.3, pathPattern: '/supportcontact$' });
  const result = await runPlan(plan, { client, journalDir: dir, account });
  assert.equal(result.failed.length, 0, JSON.stringify(result.failed.map((f) => f.error)));
  assert.equal(result.changed.length, change.length);
  const calls = await callsOf(result);
  const gets = calls.filter((r) => r.method === 'GET');
  assert.ok(gets.some((r) => r.status === 429) && gets.some((r) => r.status === 503), 'the re-reads met no 429 and 503');
  for (const item of change) {
    const itemGets = callsFor(calls, item, 'GET');
    assert.ok(itemGets.some((r) => r.status === 200 || r.status === 404), `${item.subscriptionName}: never read`); // 404: no contact yet
    assert.equal(new Set(itemGets.map((r) => r.requestId)).size, 1, 'a retried GET keeps its MS-RequestId');
  }
  const applied = await appliedPuts(fx.emulator);
  for (const item of change) assert.equal(applied.get(itemKey(item)), 1, item.subscriptionName);
});

test('a 5xx after the retries keeps the ids of the failed call in the journal and the report; Retry Failed resends an applied one with its request id (not applied twice) and logs it as changed', async () => {
  const real = clientFor(fx.emulator, { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
  const { plan, dir, target } = await fx.setup(3, 40, real);
  const change = plan.items.filter((i) => i.action === 'change');
  assert.ok(change.length >= 3, `${change.length} eligible`);
  const [notApplied, applied] = change;
  // One PUT meets 503s on the wire until the retries give up (not applied); another is applied, but
  // its answer is a 503 (as a gateway may answer after the backend applied it). One item at a time.
  const client = Object.create(real) as PartnerCenterClient;
  client.updateSupportContact = async (customerId, subscriptionId, contact, ctx, options) => {
    if (sameId(subscriptionId, notApplied.subscriptionId)) await fx.emulator.admin.setFaults({ status: 503, next: 2, pathPattern: '/supportcontact$' });
    const answer = await real.updateSupportContact(customerId, subscriptionId, contact, ctx, options);
    if (sameId(subscriptionId, applied.subscriptionId)) {
      throw new PartnerCenterError('service', 'Partner Center had a problem (503): The service is temporarily unavailable.', {
        status: 503, requestId: options?.requestId, correlationId: ctx?.correlationId,
      });
    }
    return answer;
  };
  const changeLog = new ChangeLog(dir);
  const first = await runPlan(plan, { client, journalDir: dir, account, changeLog, concurrency: 1 });
  assert.equal(first.changed.length, change.length - 2);
  assert.deepEqual(first.failed.map((f) => itemKey(f.item)).sort(), [itemKey(notApplied), itemKey(applied)].sort());
  const { header, states } = await loadRun(first.journalFile);
  const wire = (await fx.emulator.admin.requests()).filter((r) => r.method === 'PUT' && r.status === 503);
  assert.ok(wire.length >= 2, 'the 503s were not on the wire');
  for (const f of first.failed) {
    assert.equal(f.error.kind, 'service');
    assert.equal(f.error.status, 503);
    assert.equal(f.stage, 'put');
    assert.equal(f.error.requestId, header.items[f.index].requestId, 'the failed PUT\'s MS-RequestId');
    assert.equal(f.error.correlationId, header.correlationId);
    // In the journal (so a resumed window's report still has them) ...
    assert.deepEqual(states[f.index].error, f.error);
    // ... in the report and the CSV, with the warning that it may have been applied.
    const report = reportMarkdown(first);
    assert.ok(report.includes(f.error.requestId) && report.includes(header.correlationId), 'the report lacks the ids');
    assert.match(report, /may have been applied/);
    assert.ok(resultCsv(first).split('\r\n').some((line) => line.includes(f.error.requestId ?? '?') && line.includes(header.correlationId)));
  }
  assert.ok(wire.some((r) => r.requestId === header.items[first.failed.find((f) => itemKey(f.item) === itemKey(notApplied))?.index ?? -1].requestId));

  const retry = retryFailed(first);
  assert.equal(retry.items.length, 2);
  for (const item of retry.items) {
    const failed = first.failed.find((f) => itemKey(f.item) === itemKey(item));
    assert.equal(item.requestId, failed?.requestId, 'a 5xx keeps its request id for the retry');
  }
  const second = await runPlan(retry, { client: real, journalDir: dir, account, changeLog });
  assert.equal(second.complete, true);
  assert.equal(second.failed.length, 0);
  assert.deepEqual(second.changed.map((c) => itemKey(c.item)).sort(), [itemKey(notApplied), itemKey(applied)].sort());
  assert.deepEqual(second.skipped, []);
  const calls = await callsOf(second);
  const appliedId = first.failed.find((f) => itemKey(f.item) === itemKey(applied))?.requestId;
  assert.deepEqual(callsFor(calls, applied, 'PUT').map((r) => [r.requestId, r.applied]), [[appliedId, false]],
    'the applied change was not resent with its request id, or was applied again');
  // History: the change the 503 hid is now logged as changed (so Undo is offered), with the value it replaced.
  const history = (await changeLog.read()).filter((e) => itemKey(e) === itemKey(applied));
  const changedEntry = history.find((e) => e.outcome === 'changed');
  assert.ok(changedEntry, 'History has no "changed" entry for the change the 503 hid');
  assert.deepEqual(changedEntry.old, applied.current);
  const counts = await appliedPuts(fx.emulator);
  for (const item of change) assert.equal(counts.get(itemKey(item)), 1, item.subscriptionName);
  for (const item of change) assert.ok(sameId((await contactOf(fx.emulator, item.customerId, item.subscriptionId))?.supportTenantId, target.id));
});

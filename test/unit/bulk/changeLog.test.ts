// The change log: append, read newest first (bounded, across chunk boundaries), undo plans and the
// stale-write check, and a real undo against the emulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator, SeedCustomer } from '../../emulator/index';
import { ChangeLog, checkUndo, undoPlan, type ChangeLogEntry } from '../../../src/history/changeLog';
import { undoChange } from '../../../src/change/undo';
import { sameId } from '../../../src/partnerCenter';
import { clientFor, start } from '../client/emulatorHarness';
import { contactOf, tempDir } from './bulkHarness';

const a = { supportTenantId: 'aaaaaaaa-1111-4111-8111-111111111111', supportMpnId: '111', name: 'Alpha' };
const b = { supportTenantId: 'bbbbbbbb-2222-4222-8222-222222222222', supportMpnId: '222', name: 'Béta 株式会社' };
const entry = (n: number, extra: Partial<ChangeLogEntry> = {}): ChangeLogEntry => ({
  time: new Date(1_700_000_000_000 + n).toISOString(), account: 'a@b.example', customerId: 'c', customerName: `株式会社テスト ${n} ${'x'.repeat(300)}`,
  subscriptionId: `s${n}`, old: a, new: b, requestId: `r${n}`, outcome: 'changed', ...extra,
});

let emulator: RunningEmulator;
let customers: SeedCustomer[];
before(async () => { emulator = await start(); customers = await emulator.admin.seed(); });
after(async () => { await emulator.close(); });

test('appends and reads newest first, bounded', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const log = new ChangeLog(dir);
    assert.deepEqual(await log.read(), []);
    await Promise.all(Array.from({ length: 400 }, (_, n) => log.append(entry(n)))); // > 64 KB: several chunks
    const newest = await log.read(250);
    assert.equal(newest.length, 250);
    assert.deepEqual(newest.map((e) => e.subscriptionId), Array.from({ length: 250 }, (_, k) => `s${399 - k}`));
    assert.equal(newest[0].customerName, entry(399).customerName);
    assert.equal((await log.read(10_000)).length, 400);
  } finally {
    await cleanup();
  }
});

test('undo plans: old contact restored only while the current one is still the new one', () => {
  const plan = undoPlan(entry(1));
  assert.ok(plan.ok);
  assert.deepEqual(plan.restore, a);
  assert.deepEqual(checkUndo(plan, { ...b, supportTenantId: b.supportTenantId.toUpperCase() }), { ok: true });
  const conflict = checkUndo(plan, a);
  assert.equal(conflict.ok, false);
  assert.ok(!conflict.ok && conflict.reason === 'conflict' && /changed since/.test(conflict.message));
  assert.equal(checkUndo(plan, null).ok, false);
  const none = undoPlan(entry(2, { old: null }));
  assert.ok(!none.ok && none.reason === 'noOldContact' && /cannot be undone/.test(none.message));
  const failed = undoPlan(entry(3, { outcome: 'failed' }));
  assert.ok(!failed.ok && failed.reason === 'notChanged');
});

test('undoChange restores the old contact through the client, and reports a conflict instead of overwriting', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const client = clientFor(emulator);
    const c0 = customers[0];
    const sub = c0.subscriptions.find((s) => !s.nce && s.status === 'active' && s.supportContact !== null);
    assert.ok(sub);
    const old = await client.getSupportContact(c0.id, sub.id);
    assert.ok(old);
    const resellers = (await client.listIndirectResellers()).filter((r) => r.active && !sameId(r.id, old.supportTenantId));
    const changed = await client.updateSupportContact(c0.id, sub.id, { supportTenantId: resellers[0].id });
    const log = new ChangeLog(dir);
    const logged = entry(0, { customerId: c0.id, subscriptionId: sub.id, old, new: changed });
    const undone = await undoChange(client, logged, { account: 'a@b.example', changeLog: log });
    assert.equal(undone.status, 'restored');
    assert.ok(sameId((await contactOf(emulator, c0.id, sub.id))?.supportTenantId, old.supportTenantId));
    const [last] = await log.read(1);
    assert.equal(last.source, 'undo');
    assert.deepEqual(last.old, changed);

    const conflict = await undoChange(client, logged, { account: 'a@b.example', changeLog: log }); // current is `old` now, not `changed`
    assert.equal(conflict.status, 'conflict');
    assert.equal((await log.read()).length, 1);
    assert.ok(sameId((await contactOf(emulator, c0.id, sub.id))?.supportTenantId, old.supportTenantId));
  } finally {
    await cleanup();
  }
});

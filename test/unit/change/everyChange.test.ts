// Issue 17's drift fixes on the change path, against the emulator: every change (each bulk item,
// Undo) tells onDidChangeSupportContact once, which both trees listen to, and writes one History
// entry; a pending subscription is refused before anything is sent, as the tree, palette and bulk do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SupportContactEvents, changeSupportContact, undoChange, type SupportContactChange } from '../../../src/change';
import { runPlan } from '../../../src/bulk';
import { ChangeLog } from '../../../src/history/changeLog';
import { PartnerCenterError, sameContact, sameId, type SupportContact } from '../../../src/partnerCenter';
import { clientFor } from '../client/emulatorHarness';
import { contactOf, tempDir, useEngineFixture } from '../bulk/bulkHarness';

const fx = useEngineFixture();
const account = 'admin@contoso.example';

function listen(events: SupportContactEvents): SupportContactChange[] {
  const told: SupportContactChange[] = [];
  events.onDidChangeSupportContact((e) => told.push(e));
  return told;
}

test('every bulk item changed, and its Undo, tells onDidChangeSupportContact once and writes one History entry', async () => {
  const client = clientFor(fx.emulator);
  const { plan, dir } = await fx.setup(4, 35, client); // the seed lists 50 customers
  const events = new SupportContactEvents();
  const told = listen(events);
  const changeLog = new ChangeLog(dir);
  const result = await runPlan(plan, { client, journalDir: dir, account, changeLog, events });
  assert.equal(result.failed.length, 0);
  assert.ok(result.changed.length >= 4, `${result.changed.length} changed`);
  const changedIds = result.changed.map((c) => c.item.subscriptionId).sort();
  assert.deepEqual(told.map((e) => `${e.source}:${e.outcome}`), changedIds.map(() => 'bulk:changed'), 'one event per changed item, none for the skipped ones');
  assert.deepEqual(told.map((e) => e.subscriptionId).sort(), changedIds, 'each changed subscription told once');
  const entries = await changeLog.read(1000);
  assert.deepEqual(entries.map((e) => e.subscriptionId).sort(), changedIds, 'one History entry per changed item');

  const [last] = entries;
  told.length = 0;
  const undone = await undoChange(client, last, { account, changeLog, events });
  assert.equal(undone.status, 'restored');
  assert.deepEqual(told.map((e) => [e.source, e.outcome, e.subscriptionId]), [['undo', 'changed', last.subscriptionId]], 'Undo tells the views once');
  assert.ok(sameContact(told[0].contact, last.old), 'the event carries the restored contact');
  const after = await changeLog.read(1000);
  assert.equal(after.length, entries.length + 1, 'the Undo is one more History entry');
  assert.equal(after[0].source, 'undo');
});

test('a pending subscription is refused before anything is sent: the editor\'s save (the subscription known) and Undo (read by the client)', async (t) => {
  const client = clientFor(fx.emulator);
  const found = fx.customers.flatMap((c) => c.subscriptions.filter((s) => !s.nce && s.status === 'pending' && s.supportContact).map((s) => ({ c, s })))[0];
  assert.ok(found, 'the seed has a legacy pending subscription with a contact');
  const customerId = found.c.id;
  const sub = await client.getSubscription(customerId, found.s.id);
  assert.equal(sub.status, 'pending');
  const current = await client.getSupportContact(customerId, sub.id);
  const other = (await client.listIndirectResellers()).find((r) => r.active && !sameId(r.id, current?.supportTenantId));
  assert.ok(current && other);
  const contact: SupportContact = { supportTenantId: other.id, supportMpnId: other.mpnId, name: other.name };
  const events = new SupportContactEvents();
  const told = listen(events);
  const { dir, cleanup } = await tempDir();
  t.after(cleanup);
  const changeLog = new ChangeLog(dir);
  const refused = (err: unknown) => err instanceof PartnerCenterError && err.kind === 'validation' && /pending; only active subscriptions/.test(err.message);

  const editorSave = '4d5e6f7a-8b9c-4dad-8e2f-3a4b5c6d7e8f';
  await assert.rejects(changeSupportContact(client, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact, expected: current },
    { account, source: 'single', changeLog, events, ctx: { correlationId: editorSave } }), refused);
  assert.deepEqual((await fx.emulator.admin.requests()).filter((r) => r.correlationId === editorSave), [], 'the editor\'s save sent a request');
  assert.deepEqual(await changeLog.read(), [], 'a change refused before it was sent is no History entry');
  assert.deepEqual(told, [], 'nothing changed, so the views are not told');

  const undo = '5e6f7a8b-9cad-4ebf-9f3a-4b5c6d7e8f9a';
  const entry = { time: new Date().toISOString(), account, customerId, subscriptionId: sub.id, old: contact, new: current, requestId: 'r', outcome: 'changed' as const };
  await assert.rejects(undoChange(client, entry, { account, changeLog, ctx: { correlationId: undo } }), refused);
  const sent = (await fx.emulator.admin.requests()).filter((r) => r.correlationId === undo).map((r) => r.method);
  assert.ok(!sent.includes('PUT'), `Undo sent ${sent.join(', ')}`);
  assert.ok(sameContact(await contactOf(fx.emulator, customerId, sub.id) as SupportContact, current), 'the contact changed');
});

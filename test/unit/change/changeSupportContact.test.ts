// The one change operation against the emulator: one History entry per logical change whatever is
// repeated (the emulator's MFA fault), what a 2xx without a contact records (its acceptedEmpty
// faults), the event, and the requests a save costs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator, SeedCustomer } from '../../emulator/index';
import { SupportContactEvents, changeSupportContact, undoChange, type ClientRunner, type SupportContactChange } from '../../../src/change';
import { ChangeLog, type ChangeLogEntry } from '../../../src/history/changeLog';
import { PartnerCenterError, sameContact, toUserMessage, type PartnerCenterClient, type SupportContact } from '../../../src/partnerCenter';
import { clientFor, start } from '../client/emulatorHarness';
import { contactOf, tempDir } from '../bulk/bulkHarness';

let emulator: RunningEmulator;
let customers: SeedCustomer[];
before(async () => { emulator = await start(); customers = await emulator.admin.seed(); });
after(async () => { await emulator.close(); });

/** The n-th legacy active subscription with a contact, its contact and another active reseller. */
async function pick(client: PartnerCenterClient, n: number) {
  const found = customers.flatMap((c) => c.subscriptions.filter((s) => !s.nce && s.status === 'active' && s.supportContact).map((s) => ({ c, s })))[n];
  assert.ok(found, 'the seed has enough legacy subscriptions');
  const sub = await client.getSubscription(found.c.id, found.s.id);
  const current = await client.getSupportContact(found.c.id, found.s.id);
  const other = (await client.listIndirectResellers()).find((r) => r.active && !sameContact({ supportTenantId: r.id, supportMpnId: r.mpnId, name: r.name }, current));
  assert.ok(other && current);
  return { customerId: found.c.id, sub, current, other: { supportTenantId: other.id, supportMpnId: other.mpnId, name: other.name } as SupportContact };
}

/**
 * Like the session's runner: a call refused for MFA signs in again (`signIn`, which the user may
 * cancel) and is repeated once. The emulator's MFA fault is a fault, not the token: the repeat passes.
 */
function sessionLike(client: PartnerCenterClient, signIn: () => Promise<void> = async () => {}): ClientRunner & { signIns: number } {
  const runner = {
    signIns: 0,
    async call<T>(fn: (c: PartnerCenterClient) => Promise<T>): Promise<T> {
      try { return await fn(client); } catch (err) {
        if (!(err instanceof PartnerCenterError && err.kind === 'mfaRequired')) throw err;
        runner.signIns++;
        await signIn();
        return fn(client);
      }
    },
  };
  return runner;
}

/** The next PUT of a support contact meets the MFA answer as it really arrives (a plain 401 with 900421). */
const mfaOnNextPut = () => emulator.admin.setFaults({ mfaRequired: 1, pathPattern: '/supportcontact$', method: 'PUT' });

/** A History entry for a change to `other` (made here), which Undo can take back. */
async function changedEntry(client: PartnerCenterClient, n: number) {
  const { customerId, sub, current, other } = await pick(client, n);
  const changed = await client.updateSupportContact(customerId, sub.id, other);
  assert.ok(changed);
  const entry: ChangeLogEntry = { time: new Date().toISOString(), account: 'a@b.example', customerId, subscriptionId: sub.id, old: current, new: changed, requestId: 'r', outcome: 'changed' };
  return { customerId, sub, current, other, entry };
}

const logged = async (changeLog: ChangeLog) => (await changeLog.read()).map((e) => `${e.source}:${e.outcome}`);

test('Undo after an MFA step-up (the emulator\'s 900421 on the PUT) records one History entry, outcome changed', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const client = clientFor(emulator);
    const { customerId, sub, current, entry } = await changedEntry(client, 0);
    const changeLog = new ChangeLog(dir);
    const runner = sessionLike(client);
    const correlationId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    await mfaOnNextPut();
    const undone = await undoChange(runner, entry, { account: 'a@b.example', changeLog, ctx: { correlationId } });
    assert.equal(undone.status, 'restored');
    assert.equal(runner.signIns, 1, 'one MFA sign-in');
    assert.deepEqual(await logged(changeLog), ['undo:changed'], 'exactly one entry for the one undo');
    const puts = (await emulator.admin.requests()).filter((r) => r.correlationId === correlationId && r.method === 'PUT').map((r) => r.status);
    assert.deepEqual(puts, [401, 200], 'the PUT met the MFA answer, then went through after the sign-in');
    assert.ok(sameContact(await contactOf(emulator, customerId, sub.id) as SupportContact, current));
  } finally {
    await cleanup();
  }
});

test('an MFA step-up the user cancels, then the same change again: one History entry (no false "failed") — Undo and the editor\'s single change alike', async () => {
  for (const [n, source] of [[3, 'undo'], [4, 'single']] as const) {
    const { dir, cleanup } = await tempDir();
    try {
      const client = clientFor(emulator);
      const { customerId, sub, current, other, entry } = await changedEntry(client, n);
      const changeLog = new ChangeLog(dir);
      // The first time the user closes the MFA prompt (VS Code's provider rejects with a plain Error).
      let cancelled = false;
      const runner = sessionLike(client, async () => {
        if (!cancelled) { cancelled = true; throw new Error('User did not consent to login.'); }
      });
      const once = () => source === 'undo'
        ? undoChange(runner, entry, { account: 'a@b.example', changeLog })
        : changeSupportContact(runner, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact: current, expected: other },
          { account: 'a@b.example', source: 'single', changeLog });
      await mfaOnNextPut();
      await assert.rejects(once(), /did not consent/);
      assert.deepEqual(await logged(changeLog), [], `${source}: the refused PUT and the cancelled sign-in changed nothing, so History has nothing yet`);
      await mfaOnNextPut();
      const second = await once();
      assert.ok(second.status === 'restored' || second.status === 'changed', `${source}: ${second.status}`);
      assert.equal(runner.signIns, 2);
      assert.deepEqual(await logged(changeLog), [`${source}:changed`], `${source}: exactly one entry for the one change`);
      assert.ok(sameContact(await contactOf(emulator, customerId, sub.id) as SupportContact, current));
    } finally {
      await cleanup();
    }
  }
});

test('a PUT that fails after the MFA sign-in is recorded once, as failed, with the error of that PUT', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const client = clientFor(emulator);
    const { entry } = await changedEntry(client, 5);
    const changeLog = new ChangeLog(dir);
    // 401 900421, then (after the sign-in) 403 900150: a real answer, so History records it.
    await emulator.admin.setFaults({ mfaRequired: 1, errorCode: 900150, pathPattern: '/supportcontact$', method: 'PUT' });
    await assert.rejects(undoChange(sessionLike(client), entry, { account: 'a@b.example', changeLog }), (err: unknown) => err instanceof PartnerCenterError && err.kind === 'forbidden');
    const entries = await changeLog.read();
    assert.deepEqual(entries.map((e) => `${e.source}:${e.outcome}:${e.error?.code}`), ['undo:failed:900150']);
  } finally {
    await cleanup();
  }
});

for (const fault of ['acceptedEmpty', 'acceptedEmptyObject'] as const) {
  test(`a 2xx answer to the PUT with ${fault === 'acceptedEmpty' ? 'no body' : '{}'}: the contact is re-read, History records what the re-read says, and the outcome says it was not confirmed`, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const client = clientFor(emulator);
      const { customerId, sub, current, other } = await pick(client, fault === 'acceptedEmpty' ? 1 : 6);
      const changeLog = new ChangeLog(dir);
      const correlationId = fault === 'acceptedEmpty' ? '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' : '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f';
      await emulator.admin.setFaults({ [fault]: 1, pathPattern: '/supportcontact$' });
      const outcome = await changeSupportContact(client, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact: other, expected: current },
        { account: 'a@b.example', source: 'single', changeLog, ctx: { correlationId } });
      assert.ok(outcome.status === 'changed', outcome.status);
      assert.equal(outcome.confirmed, false, 'Partner Center did not confirm it');
      assert.ok(sameContact(outcome.contact, other) && outcome.contact.name === other.name, `not what the re-read says: ${JSON.stringify(outcome.contact)}`);
      const [entry, ...more] = await changeLog.read();
      assert.equal(more.length, 0);
      assert.equal(entry.outcome, 'changed');
      assert.deepEqual(entry.new, await contactOf(emulator, customerId, sub.id), 'History records the re-read contact');
      const calls = (await emulator.admin.requests()).filter((r) => r.correlationId === correlationId).map((r) => `${r.method} ${r.status}`);
      assert.deepEqual(calls, ['GET 200', 'PUT 200', 'GET 200'], 'checked, sent, re-read');
    } finally {
      await cleanup();
    }
  });
}

test('a 2xx answer without a contact and a re-read that fails: recorded as failed with the contact sent, and the error says it may have been applied (never saved with empty values)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const client = clientFor(emulator);
    const { customerId, sub, current, other } = await pick(client, 7);
    const changeLog = new ChangeLog(dir);
    const outcome = changeSupportContact(client, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact: other, expected: current }, {
      account: 'a@b.example', source: 'single', changeLog,
      // After the check: the PUT is answered `{}`, the re-read is refused (403, not retried).
      beforePut: async () => { await emulator.admin.setFaults({ acceptedEmptyObject: 1, errorCode: 900150, pathPattern: '/supportcontact$', method: 'GET' }); return true; },
    });
    await assert.rejects(outcome, (err: unknown) => {
      assert.ok(err instanceof PartnerCenterError && err.unconfirmed === true, String(err));
      assert.match(toUserMessage(err), /accepted the change but did not say what it stored.*may have been applied.*refresh/i);
      return true;
    });
    const entries = await changeLog.read();
    assert.equal(entries.length, 1);
    assert.equal(entries[0].outcome, 'failed');
    assert.deepEqual(entries[0].new, other, 'the contact sent, not an empty one');
    assert.match(entries[0].error?.message ?? '', /may have been applied/);
    assert.ok(sameContact(await contactOf(emulator, customerId, sub.id) as SupportContact, other), 'it was applied');
  } finally {
    await emulator.admin.setFaults({});
    await cleanup();
  }
});

test('a change sends GET contact + PUT only when the subscription is known, and tells onDidChangeSupportContact once', async () => {
  const client = clientFor(emulator);
  const { customerId, sub, current, other } = await pick(client, 2);
  const events = new SupportContactEvents();
  const told: SupportContactChange[] = [];
  events.onDidChangeSupportContact((e) => told.push(e));
  const correlationId = '0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';
  const outcome = await changeSupportContact(client, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact: other, expected: current },
    { account: 'a@b.example', source: 'single', events, ctx: { correlationId } });
  assert.equal(outcome.status, 'changed');
  const calls = (await emulator.admin.requests()).filter((r) => r.correlationId === correlationId).map((r) => `${r.method} ${r.path.replace(/^.*\/subscriptions\/[^/]+/, '…')}`);
  assert.deepEqual(calls, ['GET …/supportcontact', 'PUT …/supportcontact']);
  assert.deepEqual(told.map((e) => [e.outcome, e.source, e.subscriptionId]), [['changed', 'single', sub.id]]);

  // Someone else changed it meanwhile: nothing is sent, the views are told what is there now.
  const stale = await changeSupportContact(client, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact: current, expected: current },
    { account: 'a@b.example', source: 'single', events });
  assert.equal(stale.status, 'conflict');
  assert.deepEqual(told.map((e) => e.outcome), ['changed', 'foundChanged']);
});

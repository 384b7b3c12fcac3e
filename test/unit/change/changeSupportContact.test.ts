// The one change operation against the emulator: one History entry per logical change whatever is
// repeated, what a 2xx without a body records, the event, and the requests a save costs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../emulator/index';
import { SupportContactEvents, changeSupportContact, undoChange, type ClientRunner, type SupportContactChange } from '../../../src/change';
import { ChangeLog } from '../../../src/history/changeLog';
import { PartnerCenterError, sameContact, type PartnerCenterClient, type SupportContact } from '../../../src/partnerCenter';
import { clientFor, requests, seed, start, type SeedCustomer } from '../client/emulatorHarness';
import { contactOf, tempDir } from '../bulk/bulkHarness';

let emulator: RunningEmulator;
let customers: SeedCustomer[];
before(async () => { emulator = await start(); customers = await seed(emulator); });
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

/** Like the session: a call refused for MFA is repeated once after "signing in again". */
function sessionLike(client: PartnerCenterClient): ClientRunner {
  return {
    async call(fn) {
      try { return await fn(client); } catch (err) {
        if (!(err instanceof PartnerCenterError && err.kind === 'mfaRequired')) throw err;
        return fn(client);
      }
    },
  };
}

/** The client, with its first PUT refused for MFA before it reaches the service. */
function mfaOnFirstPut(client: PartnerCenterClient): PartnerCenterClient {
  let first = true;
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === 'updateSupportContact') {
        return (...args: Parameters<PartnerCenterClient['updateSupportContact']>) => {
          if (first) { first = false; return Promise.reject(new PartnerCenterError('mfaRequired', 'MFA required')); }
          return target.updateSupportContact(...args);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

test('Undo after an MFA step-up records one History entry (no false "failed" beside the success)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const client = clientFor(emulator);
    const { customerId, sub, current, other } = await pick(client, 0);
    const changed = await client.updateSupportContact(customerId, sub.id, other);
    const changeLog = new ChangeLog(dir);
    const entry = { time: new Date().toISOString(), account: 'a@b.example', customerId, subscriptionId: sub.id, old: current, new: changed, requestId: 'r', outcome: 'changed' as const };
    const runner = sessionLike(mfaOnFirstPut(client));
    // Either way the session may wrap it: around each call, or around the whole undo.
    const undone = await runner.call((c) => undoChange(c, entry, { account: 'a@b.example', changeLog }));
    assert.equal(undone.status, 'restored');
    const logged = await changeLog.read();
    assert.deepEqual(logged.map((e) => `${e.source}:${e.outcome}`), ['undo:changed'], 'exactly one entry for the one undo');
    assert.ok(sameContact(await contactOf(emulator, customerId, sub.id) as SupportContact, current));
  } finally {
    await cleanup();
  }
});

test('a 2xx answer without a contact: the contact is re-read, and History records what Partner Center stores', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const real = clientFor(emulator);
    const { customerId, sub, current, other } = await pick(real, 1);
    const client = new Proxy(real, {
      get(target, key, receiver) {
        if (key === 'updateSupportContact') {
          return async (...args: Parameters<PartnerCenterClient['updateSupportContact']>) => {
            await target.updateSupportContact(...args);
            return { supportTenantId: '', supportMpnId: '', name: '' }; // what an empty body normalizes to
          };
        }
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const changeLog = new ChangeLog(dir);
    const outcome = await changeSupportContact(client, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact: other, expected: current },
      { account: 'a@b.example', source: 'single', changeLog });
    assert.equal(outcome.status, 'changed');
    assert.ok(outcome.status === 'changed' && sameContact(outcome.contact, other) && outcome.contact.name === other.name, 'not an empty contact');
    const [entry] = await changeLog.read();
    assert.equal(entry.outcome, 'changed');
    assert.equal(entry.new.supportTenantId.toLowerCase(), other.supportTenantId.toLowerCase());
    assert.equal(entry.new.supportMpnId, other.supportMpnId);
  } finally {
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
  const calls = (await requests(emulator)).filter((r) => r.correlationId === correlationId).map((r) => `${r.method} ${r.path.replace(/^.*\/subscriptions\/[^/]+/, '…')}`);
  assert.deepEqual(calls, ['GET …/supportcontact', 'PUT …/supportcontact']);
  assert.deepEqual(told.map((e) => [e.outcome, e.source, e.subscriptionId]), [['changed', 'single', sub.id]]);

  // Someone else changed it meanwhile: nothing is sent, the views are told what is there now.
  const stale = await changeSupportContact(client, { target: { customerId, subscriptionId: sub.id, knownSubscription: sub }, contact: current, expected: current },
    { account: 'a@b.example', source: 'single', events });
  assert.equal(stale.status, 'conflict');
  assert.deepEqual(told.map((e) => e.outcome), ['changed', 'foundChanged']);
});

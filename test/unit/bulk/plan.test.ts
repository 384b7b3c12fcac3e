// The dry-run planner and the source expanders against the real emulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator, SeedCustomer } from '../../emulator/index';
import { createPlan, planCounts, targetsForCustomer, targetsForReseller } from '../../../src/bulk';
import { sameId } from '../../../src/partnerCenter';
import { clientFor, start } from '../client/emulatorHarness';

let emulator: RunningEmulator;
let customers: SeedCustomer[];
before(async () => { emulator = await start(); customers = await emulator.admin.seed(); });
after(async () => { await emulator.close(); });

test('plans change / skip with reasons and never reads the contact of NCE or inactive subscriptions', async () => {
  await emulator.admin.reset();
  const client = clientFor(emulator);
  const c0 = customers[0];
  const withContact = c0.subscriptions.find((s) => !s.nce && s.status === 'active' && s.supportContact !== null);
  assert.ok(withContact);
  const resellers = await client.listIndirectResellers();
  const target = resellers.find((r) => sameId(r.id, (withContact.supportContact as { supportTenantId: string }).supportTenantId));
  assert.ok(target);
  const targets = await targetsForCustomer(client, { id: c0.id, name: c0.companyName });
  const plan = await createPlan(client, [...targets, ...targets], target, { concurrency: 3 });
  assert.equal(plan.items.length, c0.subscriptions.length, 'duplicates dropped');
  assert.equal(plan.target.name, target.name);
  for (const item of plan.items) {
    const s = c0.subscriptions.find((x) => sameId(x.id, item.subscriptionId));
    assert.ok(s);
    const expected: string | undefined = s.nce ? 'nce' : s.status !== 'active' ? 'notActive' : sameId(s.id, withContact.id) ? 'alreadySet' : undefined;
    assert.equal(item.reason, expected, `${s.friendlyName}: ${item.reasonText}`);
    assert.equal(item.action, expected ? 'skip' : 'change');
    assert.ok(item.reasonText.length > 0);
    assert.equal(item.customerName, c0.companyName);
  }
  const counts = planCounts(plan);
  assert.ok(counts.change >= 2 && counts.byReason.nce && counts.byReason.notActive && counts.byReason.alreadySet === 1);
  const contactReads = (await emulator.admin.requests()).filter((r) => r.method === 'GET' && /\/supportcontact$/i.test(r.path));
  const skippedIds = plan.items.filter((i) => i.reason === 'nce' || i.reason === 'notActive').map((i) => i.subscriptionId.toLowerCase());
  assert.ok(contactReads.every((r) => !skippedIds.some((id) => r.path.toLowerCase().includes(id))));
  assert.equal(contactReads.length, c0.subscriptions.filter((s) => !s.nce && s.status === 'active').length);
});

test('fetches subscriptions given by id; unknown ones are skipped as errors; an invalid target is refused', async () => {
  const client = clientFor(emulator);
  const c1 = customers[1];
  const target = (await client.listIndirectResellers()).find((r) => r.active);
  assert.ok(target);
  const plan = await createPlan(client, [
    ...c1.subscriptions.map((s) => ({ customerId: c1.id, subscriptionId: s.id })),
    { customerId: c1.id, subscriptionId: '11111111-2222-4333-8444-555555555555' },
  ], target);
  assert.equal(plan.items.length, c1.subscriptions.length + 1);
  assert.equal(plan.items.at(-1)?.reason, 'error');
  const inactive = (await client.listIndirectResellers()).find((r) => !r.active);
  assert.ok(inactive);
  await assert.rejects(createPlan(client, [], inactive), { kind: 'validation' });
});

test('targetsForReseller finds the subscriptions of its customers whose contact is that reseller', async () => {
  await emulator.admin.reset();
  const client = clientFor(emulator);
  const all = await emulator.admin.seed();
  const reseller = (await client.listIndirectResellers()).find((r) => r.active && all.some((c) => c.subscriptions.some((s) => (s.supportContact as { supportTenantId?: string } | null)?.supportTenantId?.toLowerCase() === r.id.toLowerCase())));
  assert.ok(reseller);
  let progressCalls = 0;
  const found = await targetsForReseller(client, reseller, { onProgress: () => { progressCalls++; } });
  assert.ok(found.length > 0 && progressCalls > 0);
  for (const t of found) assert.ok(t.knownContact && sameId(t.knownContact.supportTenantId, reseller.id));
  const plan = await createPlan(client, found, reseller);
  assert.ok(plan.items.every((i) => i.reason === 'alreadySet' || i.reason === 'notActive'), 'already supported by the same reseller');
});

test('per-row resellers (health-check fixes): each item gets its own target; an inactive one is refused', async () => {
  await emulator.admin.reset();
  const client = clientFor(emulator);
  const all = await client.listIndirectResellers();
  const active = all.filter((r) => r.active);
  const c0 = customers[0];
  const subs = c0.subscriptions.filter((s) => !s.nce && s.status === 'active');
  assert.ok(subs.length >= 2);
  const rows = subs.map((s, n) => ({ customerId: c0.id, customerName: c0.companyName, subscriptionId: s.id, reseller: active[n % 2 === 0 ? 1 : 2] }));
  const plan = await createPlan(client, rows, active[1]);
  for (const [n, item] of plan.items.entries()) assert.ok(sameId(item.target.supportTenantId, active[n % 2 === 0 ? 1 : 2].id), item.subscriptionName);
  const inactive = all.find((r) => !r.active);
  assert.ok(inactive);
  await assert.rejects(createPlan(client, [{ ...rows[0], reseller: inactive }], active[1]), { kind: 'validation' });
});

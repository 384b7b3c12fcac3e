// Shared setup for the bulk tests: a temp directory, eligible subscriptions from the seed, and
// counting applied PUTs per subscription from the emulator's own request log.
import { after, before, beforeEach } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator, SeedCustomer } from '../../emulator/index';
import { createPlan, type PlanTarget, type ReassignmentPlan } from '../../../src/bulk';
import type { PartnerCenterClient, ResellerRelationship } from '../../../src/partnerCenter';
import type { AppendTarget } from '../../../src/storage/appendLines';
import { start } from '../client/emulatorHarness';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pc-bulk-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Targets (by id, to be fetched) for whole customers until at least `eligible` legacy active subscriptions are in. */
export function targetsFromSeed(customers: readonly SeedCustomer[], eligible: number, from = 0): PlanTarget[] {
  const out: PlanTarget[] = [];
  let count = 0;
  for (const c of customers.slice(from)) {
    if (count >= eligible) break;
    for (const s of c.subscriptions) {
      out.push({ customerId: c.id, customerName: c.companyName, subscriptionId: s.id });
      if (!s.nce && s.status === 'active') count++;
    }
  }
  return out;
}

const keyOf = (path: string): string => path.toLowerCase().replace(/^\/v1\/customers\//, '').replace(/\/subscriptions\//, '/').replace(/\/supportcontact.*$/, '');

/** Applied PUTs per "customer/subscription" (lower case), from GET /_emulator/requests. */
export async function appliedPuts(emulator: RunningEmulator): Promise<Map<string, number>> {
  const applied = new Map<string, number>();
  for (const r of await emulator.admin.requests()) {
    if (r.method !== 'PUT' || r.applied !== true) continue;
    const k = keyOf(r.path);
    applied.set(k, (applied.get(k) ?? 0) + 1);
  }
  return applied;
}

export async function contactOf(emulator: RunningEmulator, customerId: string, subscriptionId: string): Promise<{ supportTenantId: string } | null> {
  return (await emulator.admin.contactOf(customerId, subscriptionId)) ?? null;
}

export const itemKey = (i: { customerId: string; subscriptionId: string }): string => `${i.customerId}/${i.subscriptionId}`.toLowerCase();

/** One emulator per test file, reset before each test, and plans that move seed subscriptions to one reseller. */
export interface EngineFixture {
  readonly emulator: RunningEmulator;
  readonly customers: SeedCustomer[];
  /** A plan for whole customers from `from` until `eligible` subscriptions can change, to the 4th active reseller; its journal folder. */
  setup(eligible: number, from: number, client: PartnerCenterClient): Promise<{ plan: ReassignmentPlan; dir: string; target: ResellerRelationship; resellers: ResellerRelationship[] }>;
}

/** Registers the file's before/after/beforeEach hooks; call at the top level of a test file. */
export function useEngineFixture(): EngineFixture {
  let emulator: RunningEmulator | undefined;
  let customers: SeedCustomer[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  before(async () => { emulator = await start(); customers = await emulator.admin.seed(); });
  after(async () => { await emulator?.close(); await Promise.all(cleanups.map((c) => c())); });
  beforeEach(async () => { if (emulator) await emulator.admin.reset(); });
  return {
    get emulator() {
      if (!emulator) throw new Error('the emulator is not started yet');
      return emulator;
    },
    get customers() { return customers; },
    async setup(eligible, from, client) {
      const { dir, cleanup } = await tempDir();
      cleanups.push(cleanup);
      const resellers = (await client.listIndirectResellers()).filter((r) => r.active);
      const target = resellers[3];
      const plan = await createPlan(client, targetsFromSeed(customers, eligible, from), target);
      return { plan, dir, target, resellers };
    },
  };
}

/**
 * A file that takes only `budget` more bytes, then fails like a full disk (or, with `failSync`, fails
 * its sync). A write that crosses the budget is short: fewer bytes than asked, and no error yet.
 */
export function failing(target: AppendTarget, budget: number, failSync = false): AppendTarget {
  let left = budget;
  return {
    read: (buf, off, len, pos) => target.read(buf, off, len, pos),
    stat: () => target.stat(),
    truncate: (n) => target.truncate(n),
    datasync: () => (failSync ? Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })) : target.datasync()),
    async write(buf, off, len, pos) {
      if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      const n = Math.min(len, left);
      left -= n;
      return target.write(buf, off, n, pos);
    },
  };
}

// Shared setup for the bulk tests: a temp directory, eligible subscriptions from the seed, and
// counting applied PUTs per subscription from the emulator's own request log.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '../../emulator/index';
import type { PlanTarget } from '../../../src/bulk';
import { requests, state, type SeedCustomer } from '../client/emulatorHarness';

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
  for (const r of await requests(emulator)) {
    if (r.method !== 'PUT' || r.applied !== true) continue;
    const k = keyOf(r.path);
    applied.set(k, (applied.get(k) ?? 0) + 1);
  }
  return applied;
}

export async function contactOf(emulator: RunningEmulator, customerId: string, subscriptionId: string): Promise<{ supportTenantId: string } | null> {
  return (await state(emulator)).supportContacts[`${customerId}/${subscriptionId}`.toLowerCase()] ?? null;
}

export const itemKey = (i: { customerId: string; subscriptionId: string }): string => `${i.customerId}/${i.subscriptionId}`.toLowerCase();

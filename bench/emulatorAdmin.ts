// The benchmark's use of the emulator's admin API (test/emulator's EmulatorAdmin): plan the updates,
// then count lost and doubled ones from the emulator's own state and request log.
import { contactKey, type EmulatorAdmin, type Reseller } from '../test/emulator/index';

export interface PlannedUpdate { customerId: string; subscriptionId: string; offerId: string; target: Reseller }

/** `count` distinct legacy active subscriptions, each with a target reseller different from its current contact. */
export async function planUpdates(admin: EmulatorAdmin, count: number): Promise<PlannedUpdate[]> {
  const customers = await admin.seed({ all: true });
  const state = await admin.state();
  const active = state.resellers.filter((r) => r.state.toLowerCase() === 'active');
  const plan: PlannedUpdate[] = [];
  let turn = 0;
  for (const customer of customers) {
    for (const sub of customer.subscriptions) {
      if (sub.nce || sub.status !== 'active' || plan.length >= count) continue;
      const current = sub.supportContact?.supportTenantId.toLowerCase();
      let target = active[turn++ % active.length];
      if (target.id.toLowerCase() === current) target = active[turn++ % active.length];
      plan.push({ customerId: customer.id, subscriptionId: sub.id, offerId: sub.offerId, target });
    }
  }
  return plan;
}

/** Lost = intended contact not in the final state; doubled = more than one applied PUT for one subscription. */
export async function countOutcome(admin: EmulatorAdmin, plan: readonly PlannedUpdate[]): Promise<{ lost: number; doubled: number; throttled: number }> {
  const state = await admin.state();
  const log = await admin.requests();
  let lost = 0;
  for (const u of plan) {
    const contact = state.supportContacts[contactKey(u.customerId, u.subscriptionId)];
    if (!contact || contact.supportTenantId.toLowerCase() !== u.target.id.toLowerCase()) lost++;
  }
  const applied = new Map<string, number>();
  for (const entry of log) {
    if (entry.method !== 'PUT' || entry.applied !== true) continue;
    const key = entry.path.toLowerCase().split('?')[0];
    applied.set(key, (applied.get(key) ?? 0) + 1);
  }
  const doubled = [...applied.values()].filter((n) => n > 1).length;
  const throttled = log.filter((entry) => entry.status === 429).length;
  return { lost, doubled, throttled };
}

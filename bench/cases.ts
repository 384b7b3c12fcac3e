// The three ways of doing the bulk update: our client, a sequential loop, a naive parallel loop.

import { randomUUID } from 'node:crypto';
import { PartnerCenterClient, TenantLimiter, type Subscription } from '../src/partnerCenter';
import type { PlannedUpdate } from './emulatorAdmin';

export interface BenchTarget { url: string; token: string; throttlePerMinute: number; throttleBurst: number }

function putUrl(t: BenchTarget, u: PlannedUpdate): string {
  return `${t.url}/v1/customers/${encodeURIComponent(u.customerId)}/subscriptions/${encodeURIComponent(u.subscriptionId)}/supportcontact`;
}

function plainPut(t: BenchTarget, u: PlannedUpdate): Promise<Response> {
  return fetch(putUrl(t, u), {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${t.token}`, accept: 'application/json', 'content-type': 'application/json',
      'ms-requestid': randomUUID(), 'ms-correlationid': randomUUID(), 'ms-contract-version': 'v1',
    },
    body: JSON.stringify({ SupportTenantId: u.target.id, SupportMpnId: u.target.mpnId, Name: u.target.name }),
  });
}

/** Our client: the shared limiter paced just under the emulator's throttle, high concurrency. */
export async function runOurs(t: BenchTarget, plan: readonly PlannedUpdate[]): Promise<void> {
  const limiter = new TenantLimiter({
    ratePerMinute: t.throttlePerMinute * 0.98,
    burst: Math.max(1, Math.floor(t.throttleBurst * 0.95)),
    concurrency: 32,
  });
  const client = new PartnerCenterClient({ baseUrl: t.url, getToken: async () => t.token, application: 'pc-bench/1.0', limiter });
  const ctx = { correlationId: randomUUID() };
  await Promise.all(plan.map((u) => {
    const knownSubscription: Subscription = { id: u.subscriptionId, offerId: u.offerId, status: 'active' };
    return client.updateSupportContact(u.customerId, u.subscriptionId, { supportTenantId: u.target.id, supportMpnId: u.target.mpnId }, ctx, { knownSubscription })
      .catch((e: unknown) => { console.error(`  ours: ${u.subscriptionId}: ${(e as Error).message}`); });
  }));
}

/** One request at a time, no retry. */
export async function runSequential(t: BenchTarget, plan: readonly PlannedUpdate[]): Promise<void> {
  for (const u of plan) {
    const res = await plainPut(t, u).catch(() => undefined);
    await res?.text();
  }
}

/** Everything at once with plain fetch, no limiter, no retry. */
export async function runNaiveParallel(t: BenchTarget, plan: readonly PlannedUpdate[]): Promise<void> {
  await Promise.all(plan.map(async (u) => {
    const res = await plainPut(t, u).catch(() => undefined);
    await res?.text();
  }));
}

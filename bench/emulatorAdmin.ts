// Reads the emulator's admin API (/_emulator/...) for the benchmark: plan the updates, then count
// lost and doubled ones from the emulator's own state and request log.

export interface SeedSubscription { id: string; offerId: string; status: string; nce: boolean; supportContact: { supportTenantId: string } | null }
export interface SeedCustomer { id: string; subscriptions: SeedSubscription[] }
export interface AdminReseller { id: string; name: string; mpnId: string; state: string }
export interface AdminState {
  resellers: AdminReseller[];
  supportContacts: Record<string, { supportTenantId: string; supportMpnId: string; name: string } | null>;
}
export interface AdminRequest { method: string; path: string; status: number; applied?: boolean; requestId?: string }

export interface PlannedUpdate { customerId: string; subscriptionId: string; offerId: string; target: AdminReseller }

export async function admin<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/_emulator/${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status}`);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** `count` distinct legacy active subscriptions, each with a target reseller different from its current contact. */
export async function planUpdates(baseUrl: string, count: number): Promise<PlannedUpdate[]> {
  const seed = await admin<{ customers: SeedCustomer[] }>(baseUrl, 'GET', 'seed?all=1');
  const state = await admin<AdminState>(baseUrl, 'GET', 'state');
  const active = state.resellers.filter((r) => r.state.toLowerCase() === 'active');
  const plan: PlannedUpdate[] = [];
  let turn = 0;
  for (const customer of seed.customers) {
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
export async function countOutcome(baseUrl: string, plan: readonly PlannedUpdate[]): Promise<{ lost: number; doubled: number; throttled: number }> {
  const state = await admin<AdminState>(baseUrl, 'GET', 'state');
  const log = await admin<AdminRequest[]>(baseUrl, 'GET', 'requests');
  let lost = 0;
  for (const u of plan) {
    const contact = state.supportContacts[`${u.customerId.toLowerCase()}/${u.subscriptionId.toLowerCase()}`];
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

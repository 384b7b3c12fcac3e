// Named fixtures: the resellers and bulk runs journeys work on, picked from the data the emulator
// was seeded with (deterministic) or read back from its request log — never from a variable an
// earlier journey left behind — so a journey picked alone (PC_TEST_ONLY) works on the same ones as
// in the whole suite.
import type { EmulatorAdmin, Reseller, SupportContact } from '../../emulator/index';
import { EmulatorStore } from '../../emulator/store';
import { TEST_EMULATOR_DATA } from '../runner/emulator';
import { expect } from '../runner/harness';

export const contactKey = (customerId: string, subscriptionId: string): string => `${customerId}/${subscriptionId}`.toLowerCase();

/** The contact is this reseller (tenant id in any case, and its MPN id). */
export const sameContact = (a: SupportContact | null | undefined, r: Reseller): boolean =>
  !!a && a.supportTenantId.toLowerCase() === r.id.toLowerCase() && a.supportMpnId === r.mpnId;

let initialStore: EmulatorStore | undefined;
/** The emulator's data as it started, before any journey changed a contact. */
function initial(): EmulatorStore {
  initialStore ??= new EmulatorStore(TEST_EMULATOR_DATA.seed, TEST_EMULATOR_DATA.customers);
  return initialStore;
}

const plainName = (r: Reseller): boolean => !/[<>&]/.test(r.name);

export interface BulkResellers {
  /** Every customer's subscriptions go to it: the active reseller that supported the most at the start, so the preview has "already set" skips. */
  all: Reseller;
  /** The run that is cancelled and resumed; the reseller view, History and Undo work on its changes. */
  resumed: Reseller;
  /** The runs an MFA answer stops. */
  mfa: Reseller;
}

/** The resellers the bulk journeys move subscriptions to, one for each, none of them shared. */
export function bulkResellers(): BulkResellers {
  const store = initial();
  const active = store.resellers.filter((r) => r.state === 'Active');
  const contacts = store.customers.flatMap((c) => store.subscriptionsOf(c).map((s) => s.supportContact));
  const supportCount = (r: Reseller) => contacts.filter((c) => sameContact(c, r)).length;
  const all = [...active].sort((x, y) => supportCount(y) - supportCount(x))[0];
  const resumed = active.find((r) => r.id !== all?.id && plainName(r));
  const mfa = active.find((r) => r.id !== all?.id && r.id !== resumed?.id && plainName(r));
  expect(all && resumed && mfa, 'the seed has fewer than three active resellers (two with plain names)');
  return { all, resumed, mfa };
}

/**
 * The subscriptions ("<customer>/<subscription>", lower case) the bulk run to `r` changed, from the
 * emulator's request log: a run sends every call with its journal's correlation id (a resumed run
 * too). The run is the one whose PUTs last set most of the subscriptions `r` supports now; all its
 * applied PUTs count, also one an Undo has changed back since.
 */
export async function changedByBulkRunTo(e: EmulatorAdmin, r: Reseller): Promise<string[]> {
  const st = await e.state();
  const lastRun = new Map<string, string>();
  const byRun = new Map<string, Set<string>>();
  for (const x of await e.requests()) {
    const m = /\/customers\/([^/]+)\/subscriptions\/([^/]+)\/supportcontact$/i.exec(x.path);
    if (x.method !== 'PUT' || !x.applied || !m) continue;
    const key = contactKey(m[1], m[2]);
    lastRun.set(key, x.correlationId);
    byRun.set(x.correlationId, (byRun.get(x.correlationId) ?? new Set()).add(key));
  }
  const setNow = new Map<string, number>();
  for (const [key, run] of lastRun) if (sameContact(st.supportContacts[key], r)) setNow.set(run, (setNow.get(run) ?? 0) + 1);
  const [run, count] = [...setNow].sort(([, a], [, b]) => b - a)[0] ?? [];
  expect(run && count && count > 1, `no bulk run to ${r.name} in the emulator's request log`);
  return [...(byRun.get(run) ?? [])];
}

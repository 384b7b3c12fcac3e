// Typed reads of the emulator's admin API for the UI journeys.
import type { EmulatorHandle } from '../runner/harness';

export interface SeedSubscription { id: string; friendlyName: string; offerId: string; status: string; nce: boolean; isTrial: boolean; supportContact: Contact | null }
export interface SeedCustomer { id: string; companyName: string; domain: string; resellerId?: string; subscriptions: SeedSubscription[] }
export interface Contact { supportTenantId: string; supportMpnId: string; name: string }
export interface Reseller { id: string; name: string; mpnId: string; state: string }
export interface LoggedRequest { seq: number; method: string; path: string; query?: string; status: number; applied?: boolean; note?: string; requestId?: string }

export async function seedCustomers(e: EmulatorHandle): Promise<SeedCustomer[]> {
  return (await e.admin<{ customers: SeedCustomer[] }>('GET', 'seed')).customers;
}

export async function resellers(e: EmulatorHandle): Promise<Reseller[]> {
  return (await e.admin<{ resellers: Reseller[] }>('GET', 'state')).resellers;
}

export async function contactOf(e: EmulatorHandle, customerId: string, subscriptionId: string): Promise<Contact | null | undefined> {
  const st = await e.admin<{ supportContacts: Record<string, Contact | null> }>('GET', 'state');
  return st.supportContacts[`${customerId}/${subscriptionId}`.toLowerCase()];
}

export async function requestsSince(e: EmulatorHandle, since: number): Promise<LoggedRequest[]> {
  return e.admin<LoggedRequest[]>('GET', `requests?since=${since}`);
}

export async function lastSeq(e: EmulatorHandle): Promise<number> {
  const all = await e.admin<LoggedRequest[]>('GET', 'requests');
  return all.length ? all[all.length - 1].seq : 0;
}

export function req(e: EmulatorHandle | undefined): EmulatorHandle {
  if (!e) throw new Error('this journey needs the emulator');
  return e;
}

export type { SignInRecord } from '../../emulator/index';

/** The seq of the last sign-in the emulator saw (0 before any): what `signins?since=` takes. */
export function lastSignIn(log: { seq: number }[]): number {
  return log.length ? log[log.length - 1].seq : 0;
}

// Starts the real emulator for client tests and reads its admin API.

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';
import { PartnerCenterClient, TenantLimiter, type PartnerCenterClientOptions } from '../../../src/partnerCenter';

export const staticToken = 'client-tests-static-token';

export interface SeedSub { id: string; friendlyName: string; offerId: string; status: string; nce: boolean; supportContact: unknown }
export interface SeedCustomer { id: string; companyName: string; domain: string; subscriptions: SeedSub[] }
export interface LoggedRequest { seq: number; time: string; method: string; path: string; requestId: string; correlationId: string; locale: string | null; status: number; applied?: boolean; note?: string }
export interface EmulatorState { resellers: { id: string; name: string; mpnId: string; state: string }[]; supportContacts: Record<string, { supportTenantId: string; supportMpnId: string; name: string } | null> }

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ customers: 200, staticToken, throttlePerMinute: 600_000, throttleBurst: 10_000, ...options });
}

export async function admin<T>(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.url}/_emulator/${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = (await res.text()).replace(/^\uFEFF/, '');
  if (!res.ok) throw new Error(`admin ${method} ${path} -> ${res.status} ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export const requests = (e: RunningEmulator): Promise<LoggedRequest[]> => admin<LoggedRequest[]>(e, 'GET', 'requests');
export const state = (e: RunningEmulator): Promise<EmulatorState> => admin<EmulatorState>(e, 'GET', 'state');
export const seed = async (e: RunningEmulator): Promise<SeedCustomer[]> => (await admin<{ customers: SeedCustomer[] }>(e, 'GET', 'seed')).customers;
export const setFaults = (e: RunningEmulator, faults: Record<string, unknown>): Promise<unknown> => admin(e, 'POST', 'faults', faults);
export const reset = (e: RunningEmulator): Promise<unknown> => admin(e, 'POST', 'reset');

export function clientFor(emulator: RunningEmulator, extra: Partial<PartnerCenterClientOptions> = {}): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl: emulator.url, getToken: async () => staticToken, application: 'pc-client-tests/1.0', locale: 'en-US', tenantId: emulator.partnerTenantId,
    limiter: new TenantLimiter({ ratePerMinute: 600_000, burst: 1000, concurrency: 16 }),
    retry: { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 3000 },
    ...extra,
  });
}

// Starts the real emulator for client tests (its admin API: emulator.admin) and a client pointed at it.

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';
import { PartnerCenterClient, TenantLimiter, type PartnerCenterClientOptions } from '../../../src/partnerCenter';

export const staticToken = 'client-tests-static-token';

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ customers: 200, staticToken, throttlePerMinute: 600_000, throttleBurst: 10_000, ...options });
}

export function clientFor(emulator: RunningEmulator, extra: Partial<PartnerCenterClientOptions> = {}): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl: emulator.url, getToken: async () => staticToken, application: 'pc-client-tests/1.0', locale: 'en-US', tenantId: emulator.partnerTenantId,
    limiter: new TenantLimiter({ ratePerMinute: 600_000, burst: 1000, concurrency: 16 }),
    retry: { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 3000 },
    ...extra,
  });
}

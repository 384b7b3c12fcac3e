// A child process for the crash test: scans into a file, slowly, until the parent SIGKILLs it.
// Inert unless PC_SCAN_CHILD holds its configuration (node --test also loads this file).
import { runScan } from '../../../src/health/scan';
import { PartnerCenterClient, TenantLimiter } from '../../../src/partnerCenter';

export interface ScanChildConfig { url: string; token: string; file: string; ratePerMinute: number; pageSize: number }

const raw = process.env.PC_SCAN_CHILD;
if (raw) {
  const config = JSON.parse(raw) as ScanChildConfig;
  const client = new PartnerCenterClient({
    baseUrl: config.url, getToken: async () => config.token, application: 'pc-scan-child/1.0',
    limiter: new TenantLimiter({ ratePerMinute: config.ratePerMinute, burst: 5, concurrency: 8 }),
  });
  runScan({ client, file: config.file, scope: { kind: 'all' }, pageSize: config.pageSize })
    .then(() => process.stdout.write('complete\n'), (err: unknown) => { console.error(err); process.exitCode = 1; });
}

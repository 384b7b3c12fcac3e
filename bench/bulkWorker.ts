// Child process for the `bulk-engine-resume` bench case: runs a plan through the bulk engine until
// the parent SIGKILLs it. Usage: node out/bench/bulkWorker.js <config.json>
import { readFileSync } from 'node:fs';
import { runPlan, type ReassignmentPlan } from '../src/bulk';
import { ChangeLog } from '../src/history/changeLog';
import { PartnerCenterClient, TenantLimiter, type LimiterOptions } from '../src/partnerCenter';

export interface WorkerConfig { url: string; token: string; limiter: LimiterOptions; journalDir: string; account: string; plan: ReassignmentPlan }

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as WorkerConfig;
  const client = new PartnerCenterClient({
    baseUrl: config.url, getToken: async () => config.token, application: 'pc-bench-worker/1.0', limiter: new TenantLimiter(config.limiter),
  });
  const result = await runPlan(config.plan, { client, journalDir: config.journalDir, account: config.account, changeLog: new ChangeLog(config.journalDir) });
  process.stdout.write(`${JSON.stringify({ changed: result.changed.length, failed: result.failed.length })}\n`);
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });

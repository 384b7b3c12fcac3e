// Bench cases for the bulk engine (src/bulk): `bulk-engine` runs 1,000 reassignments through the
// engine, journal and change log included; `bulk-engine-resume` runs them in a child process
// (out/bench/bulkWorker.js), SIGKILLs it halfway and resumes from its journal. Lost and doubled are
// counted from the emulator's state and request log, never from the engine's own view.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlan, listIncompleteRuns, resumeRun, runPlan, type PlanTarget, type ReassignmentPlan } from '../src/bulk';
import { ChangeLog } from '../src/history/changeLog';
import { PartnerCenterClient, TenantLimiter, type LimiterOptions } from '../src/partnerCenter';
import type { WorkerConfig } from './bulkWorker';
import { admin, countOutcome, type AdminRequest, type AdminState, type PlannedUpdate, type SeedCustomer } from './emulatorAdmin';

export interface EngineBenchOptions {
  url: string; token: string; updates: number; throttlePerMinute: number; throttleBurst: number;
  /** Least time the throttle allows for `updates`, and the sequential baseline's seconds (for the printout). */
  bound: number; sequentialSeconds?: number;
}
export interface EngineCaseResult { name: string; updates: number; seconds: number; lost: number; doubled: number; [extra: string]: unknown }

const account = 'bench@contoso.example';

interface SeedWithNames extends SeedCustomer { companyName?: string; subscriptions: (SeedCustomer['subscriptions'][number] & { friendlyName?: string })[] }

function limiterOptions(o: EngineBenchOptions): LimiterOptions {
  // The same pacing as the `bulk-ours` case: just under the emulator's throttle.
  return { ratePerMinute: o.throttlePerMinute * 0.98, burst: Math.max(1, Math.floor(o.throttleBurst * 0.95)), concurrency: 32 };
}

function clientFor(o: EngineBenchOptions): PartnerCenterClient {
  return new PartnerCenterClient({ baseUrl: o.url, getToken: async () => o.token, application: 'pc-bench/1.0', limiter: new TenantLimiter(limiterOptions(o)) });
}

/** One active reseller as the target, and `count` legacy active subscriptions whose contact is not it already. */
async function pickTargets(o: EngineBenchOptions): Promise<{ targets: PlanTarget[]; reseller: AdminState['resellers'][number] }> {
  const seed = await admin<{ customers: SeedWithNames[] }>(o.url, 'GET', 'seed?all=1');
  const state = await admin<AdminState>(o.url, 'GET', 'state');
  const reseller = state.resellers.filter((r) => r.state.toLowerCase() === 'active')[0];
  const targets: PlanTarget[] = [];
  for (const c of seed.customers) {
    for (const s of c.subscriptions) {
      if (targets.length >= o.updates || s.nce || s.status !== 'active' || s.supportContact?.supportTenantId.toLowerCase() === reseller.id.toLowerCase()) continue;
      const current = state.supportContacts[`${c.id}/${s.id}`.toLowerCase()] ?? null;
      targets.push({ customerId: c.id, customerName: c.companyName, subscription: { id: s.id, offerId: s.offerId, status: 'active', friendlyName: s.friendlyName }, knownContact: current });
    }
  }
  return { targets, reseller };
}

function asUpdates(plan: ReassignmentPlan, reseller: AdminState['resellers'][number]): PlannedUpdate[] {
  return plan.items.filter((i) => i.action === 'change').map((i) => ({ customerId: i.customerId, subscriptionId: i.subscriptionId, offerId: i.offerId ?? '', target: reseller }));
}

async function replayedCount(url: string): Promise<number> {
  return (await admin<(AdminRequest & { note?: string })[]>(url, 'GET', 'requests')).filter((r) => r.method === 'PUT' && r.note === 'replayed').length;
}

async function doneLines(dir: string): Promise<number> {
  const file = (await readdir(dir).catch(() => [] as string[])).find((n) => n.startsWith('reassign-') && n.endsWith('.jsonl'));
  if (!file) return 0;
  const text = await readFile(join(dir, file), 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l.startsWith('{"t":"done"')).length;
}

async function engineCase(o: EngineBenchOptions, dir: string): Promise<EngineCaseResult> {
  await admin(o.url, 'POST', 'reset');
  const { targets, reseller } = await pickTargets(o);
  const client = clientFor(o);
  const plan = await createPlan(client, targets, reseller); // contacts known: one reseller-list GET, no contact reads
  const started = process.hrtime.bigint();
  const result = await runPlan(plan, { client, journalDir: dir, account, changeLog: new ChangeLog(dir) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome = await countOutcome(o.url, asUpdates(plan, reseller));
  return { name: 'bulk-engine', updates: result.changed.length + result.failed.length, seconds: round(seconds), boundRatio: round(o.bound / seconds), failed: result.failed.length, ...outcome };
}

async function resumeCase(o: EngineBenchOptions, dir: string): Promise<EngineCaseResult> {
  await admin(o.url, 'POST', 'reset');
  const { targets, reseller } = await pickTargets(o);
  const plan = await createPlan(clientFor(o), targets, reseller);
  const change = plan.items.filter((i) => i.action === 'change').length;
  const configFile = join(dir, 'worker.json');
  const config: WorkerConfig = { url: o.url, token: o.token, limiter: limiterOptions(o), journalDir: dir, account, plan };
  await writeFile(configFile, JSON.stringify(config));
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(__dirname, 'bulkWorker.js'), configFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let killedAfter = 0;
  for (;;) {
    killedAfter = await doneLines(dir);
    if (killedAfter >= change / 2 || child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  await exited;
  const [run] = await listIncompleteRuns(dir);
  if (!run) throw new Error('bulk-engine-resume: the worker finished before it could be killed');
  const inFlightAtKill = run.states.filter((s) => s.status === 'started').length;
  const result = await resumeRun(run, { client: clientFor(o), journalDir: dir, account, changeLog: new ChangeLog(dir) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome = await countOutcome(o.url, asUpdates(plan, reseller));
  return {
    name: 'bulk-engine-resume', updates: change, seconds: round(seconds), boundRatio: round(o.bound / seconds), failed: result.failed.length,
    doneAtKill: run.states.filter((s) => s.status === 'changed' || s.status === 'failed').length, inFlightAtKill,
    resumed: run.remaining, replayed: await replayedCount(o.url), ...outcome,
  };
}

/** Runs both cases against a running emulator (the bench's settings) and prints them beside the sequential baseline. */
export async function runBulkEngineCases(o: EngineBenchOptions): Promise<EngineCaseResult[]> {
  const results: EngineCaseResult[] = [];
  for (const run of [engineCase, resumeCase]) {
    const dir = await mkdtemp(join(tmpdir(), 'pc-bench-bulk-'));
    try { results.push(await run(o, dir)); } finally { await rm(dir, { recursive: true, force: true }); }
  }
  const [engine, resume] = results;
  const seq = o.sequentialSeconds;
  console.log(`bulk-engine: ${engine.seconds.toFixed(2)} s for ${engine.updates} reassignments (journal + change log), ${String(engine.boundRatio)} of the throttle bound (target >= 0.9)` +
    `${seq ? `, sequential baseline ${seq.toFixed(2)} s (${(seq / engine.seconds).toFixed(1)}x faster)` : ''}; lost ${engine.lost}, doubled ${engine.doubled}`);
  console.log(`bulk-engine-resume: killed after ${String(resume.doneAtKill)} done (${String(resume.inFlightAtKill)} in flight), resumed ${String(resume.resumed)}, ` +
    `${String(resume.replayed)} replayed by request id; lost ${resume.lost}, doubled ${resume.doubled}; ${resume.seconds.toFixed(2)} s in all`);
  return results;
}

function round(n: number): number { return Math.round(n * 1000) / 1000; }

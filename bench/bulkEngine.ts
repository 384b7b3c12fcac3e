// Bench cases for the bulk engine (src/bulk): `bulk-engine` runs 1,000 reassignments through the
// engine, journal and change log included; `bulk-engine-resume` runs them in a child process
// (out/bench/bulkWorker.js), SIGKILLs it halfway and resumes from its journal. Lost and doubled are
// counted from the emulator's state and request log, never from the engine's own view.
//
// The engine re-reads each support contact (GET) just before its PUT, so a reassignment costs two
// requests under the throttle, not one: each case's bound is computed from the requests it actually
// made that the throttle let through (read from the emulator's log), (requests − burst) / rate, and
// its `boundRatio` is against that bound. `perUpdateVsOurs` compares seconds per reassignment with
// the one-PUT-per-update `bulk-ours` case's bound (about 0.5 is the most two requests allow).

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlan, listIncompleteRuns, resumeRun, runPlan, type PlanTarget, type ReassignmentPlan } from '../src/bulk';
import { ChangeLog } from '../src/history/changeLog';
import { PartnerCenterClient, TenantLimiter, type LimiterOptions } from '../src/partnerCenter';
import type { WorkerConfig } from './bulkWorker';
import { contactKey, type EmulatorAdmin, type Reseller } from '../test/emulator/index';
import { countOutcome, type PlannedUpdate } from './emulatorAdmin';

export interface EngineBenchOptions {
  url: string; admin: EmulatorAdmin; token: string; updates: number; throttlePerMinute: number; throttleBurst: number;
  /** Least time the throttle allows for `updates` single PUTs (bulk-ours), and the sequential baseline's seconds (for the printout). */
  bound: number; sequentialSeconds?: number;
}

/** Requests since `since` that the throttle let through (a 429 from the throttle takes no token), and the least time they need. */
async function throttleBound(o: EngineBenchOptions, since: number): Promise<{ requests: number; boundSeconds: number }> {
  const log = await o.admin.requests(since);
  const requests = log.filter((r) => r.note !== 'throttled').length;
  return { requests, boundSeconds: Math.max(0, requests - o.throttleBurst) / (o.throttlePerMinute / 60) };
}
export interface EngineCaseResult { name: string; updates: number; seconds: number; lost: number; doubled: number; [extra: string]: unknown }

const account = 'bench@contoso.example';

function limiterOptions(o: EngineBenchOptions): LimiterOptions {
  // The same pacing as the `bulk-ours` case: just under the emulator's throttle.
  return { ratePerMinute: o.throttlePerMinute * 0.98, burst: Math.max(1, Math.floor(o.throttleBurst * 0.95)), concurrency: 32 };
}

function clientFor(o: EngineBenchOptions): PartnerCenterClient {
  return new PartnerCenterClient({ baseUrl: o.url, getToken: async () => o.token, application: 'pc-bench/1.0', limiter: new TenantLimiter(limiterOptions(o)) });
}

/** One active reseller as the target, and `count` legacy active subscriptions whose contact is not it already. */
async function pickTargets(o: EngineBenchOptions): Promise<{ targets: PlanTarget[]; reseller: Reseller }> {
  const customers = await o.admin.seed({ all: true });
  const state = await o.admin.state();
  const reseller = state.resellers.filter((r) => r.state.toLowerCase() === 'active')[0];
  const targets: PlanTarget[] = [];
  for (const c of customers) {
    for (const s of c.subscriptions) {
      if (targets.length >= o.updates || s.nce || s.status !== 'active' || s.supportContact?.supportTenantId.toLowerCase() === reseller.id.toLowerCase()) continue;
      const current = state.supportContacts[contactKey(c.id, s.id)] ?? null;
      targets.push({ customerId: c.id, customerName: c.companyName, subscription: { id: s.id, offerId: s.offerId, status: 'active', friendlyName: s.friendlyName }, knownContact: current });
    }
  }
  return { targets, reseller };
}

function asUpdates(plan: ReassignmentPlan, reseller: Reseller): PlannedUpdate[] {
  return plan.items.filter((i) => i.action === 'change').map((i) => ({ customerId: i.customerId, subscriptionId: i.subscriptionId, offerId: i.offerId ?? '', target: reseller }));
}

async function replayedCount(admin: EmulatorAdmin): Promise<number> {
  return (await admin.requests()).filter((r) => r.method === 'PUT' && r.note === 'replayed').length;
}

async function doneLines(dir: string): Promise<number> {
  const file = (await readdir(dir).catch(() => [] as string[])).find((n) => n.startsWith('reassign-') && n.endsWith('.jsonl'));
  if (!file) return 0;
  const text = await readFile(join(dir, file), 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l.startsWith('{"t":"done"')).length;
}

async function engineCase(o: EngineBenchOptions, dir: string): Promise<EngineCaseResult> {
  await o.admin.reset();
  const { targets, reseller } = await pickTargets(o);
  const client = clientFor(o);
  const plan = await createPlan(client, targets, reseller); // contacts known: one reseller-list GET, no contact reads
  const since = await o.admin.lastSeq();
  const started = process.hrtime.bigint();
  const result = await runPlan(plan, { client, journalDir: dir, account, changeLog: new ChangeLog(dir) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome = await countOutcome(o.admin, asUpdates(plan, reseller));
  const { requests, boundSeconds } = await throttleBound(o, since);
  const updates = result.changed.length + result.failed.length;
  return {
    name: 'bulk-engine', updates, seconds: round(seconds), requests, boundSeconds: round(boundSeconds), boundRatio: round(boundSeconds / seconds),
    perUpdateVsOurs: round((o.bound / o.updates) / (seconds / Math.max(1, updates))), failed: result.failed.length, ...outcome,
  };
}

async function resumeCase(o: EngineBenchOptions, dir: string): Promise<EngineCaseResult> {
  await o.admin.reset();
  const { targets, reseller } = await pickTargets(o);
  const plan = await createPlan(clientFor(o), targets, reseller);
  const change = plan.items.filter((i) => i.action === 'change').length;
  const configFile = join(dir, 'worker.json');
  const config: WorkerConfig = { url: o.url, token: o.token, limiter: limiterOptions(o), journalDir: dir, account, plan };
  await writeFile(configFile, JSON.stringify(config));
  const since = await o.admin.lastSeq();
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
  if (run.damaged) throw new Error(`bulk-engine-resume: the killed run's journal is damaged (${run.reason})`);
  const inFlightAtKill = run.states.filter((s) => s.status === 'started').length;
  const result = await resumeRun(run, { client: clientFor(o), journalDir: dir, account, changeLog: new ChangeLog(dir) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome = await countOutcome(o.admin, asUpdates(plan, reseller));
  const { requests, boundSeconds } = await throttleBound(o, since);
  return {
    name: 'bulk-engine-resume', updates: change, seconds: round(seconds), requests, boundSeconds: round(boundSeconds), boundRatio: round(boundSeconds / seconds),
    failed: result.failed.length, doneAtKill: run.states.filter((s) => s.status === 'changed' || s.status === 'failed' || s.status === 'skipped').length - (plan.items.length - change), inFlightAtKill,
    resumed: run.remaining, replayed: await replayedCount(o.admin), alreadySetOnResume: result.skipped.filter((s) => s.reason === 'alreadySet').length, ...outcome,
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
  console.log(`bulk-engine: ${engine.seconds.toFixed(2)} s for ${engine.updates} reassignments (journal + change log; GET + PUT each: ${String(engine.requests)} requests), ` +
    `${String(engine.boundRatio)} of its throttle bound ${String(engine.boundSeconds)} s (target >= 0.9), ${String(engine.perUpdateVsOurs)} of bulk-ours' per-update bound` +
    `${seq ? `, sequential baseline ${seq.toFixed(2)} s (${(seq / engine.seconds).toFixed(1)}x faster)` : ''}; lost ${engine.lost}, doubled ${engine.doubled}`);
  console.log(`bulk-engine-resume: killed after ${String(resume.doneAtKill)} done (${String(resume.inFlightAtKill)} in flight), resumed ${String(resume.resumed)}, ` +
    `${String(resume.alreadySetOnResume)} found already set when re-read, ${String(resume.replayed)} replayed by request id; lost ${resume.lost}, doubled ${resume.doubled}; ` +
    `${resume.seconds.toFixed(2)} s in all, ${String(resume.boundRatio)} of its throttle bound ${String(resume.boundSeconds)} s`);
  return results;
}

function round(n: number): number { return Math.round(n * 1000) / 1000; }

// npm run bench: 1,000 support-contact updates against the emulator, three ways, compared with the
// least time the emulator's throttle allows. Lost/doubled come from the emulator, not the client.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmulator } from '../test/emulator/index';
import { runNaiveParallel, runOurs, runSequential, type BenchTarget } from './cases';
import { countOutcome, planUpdates, type PlannedUpdate } from './emulatorAdmin';
import { runBulkEngineCases } from './bulkEngine';
import { benchEditorOpen, type EditorOpenResult } from './editorOpen';
import { benchReassignPanel, printPanelResult, type PanelBenchResult } from './reassignPanel';
import { printHealthCases, runHealthCases, type HealthCaseResult } from './health';
import { benchHealthReport, printReportResult, type ReportBenchResult } from './healthReport';

const updates = 1000;
const sequentialSample = 100;
const settings = { latencyMs: 100, throttlePerMinute: 6000, throttleBurst: 100 };

interface CaseResult { name: string; updates: number; seconds: number; lost: number; doubled: number; [extra: string]: unknown }

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

type AnyResult = CaseResult | EditorOpenResult | PanelBenchResult | HealthCaseResult | ReportBenchResult;

function writeResults(bound: number | undefined, cases: AnyResult[]): string {
  const dir = resolve(process.cwd(), 'test-results');
  const file = resolve(dir, 'bench.json');
  mkdirSync(dir, { recursive: true });
  let existing: { cases?: AnyResult[]; throttleBoundSeconds?: number } = {};
  try { existing = JSON.parse(readFileSync(file, 'utf8')) as typeof existing; } catch { /* created below */ }
  const merged = new Map((existing.cases ?? []).map((c) => [c.name, c]));
  for (const c of cases) merged.set(c.name, c);
  writeFileSync(file, `${JSON.stringify({ ...existing, throttleBoundSeconds: bound ?? existing.throttleBoundSeconds, cases: [...merged.values()] }, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  if (process.argv.includes('--panel')) { // npm run bench -- --panel: only the Reassignment panel's page
    const panel = await benchReassignPanel();
    printPanelResult(panel);
    console.log(`wrote ${writeResults(undefined, [panel])}`);
    return;
  }
  if (process.argv.includes('report')) { // npm run bench -- report: only the Health Check Report's page
    const report = await benchHealthReport();
    printReportResult(report);
    console.log(`wrote ${writeResults(undefined, [report])}`);
    return;
  }
  // `npm run bench -- health`: only the health-check, tree and report cases (`health scan` / `health tree`: one of them).
  if (process.argv.includes('health')) {
    const only = process.argv.find((a) => a === 'scan' || a === 'tree');
    const health = await runHealthCases(only);
    printHealthCases(health);
    const report = only ? [] : [await benchHealthReport()];
    report.forEach(printReportResult);
    console.log(JSON.stringify(health));
    console.log(`wrote ${writeResults(undefined, [...health, ...report])}`);
    return;
  }
  const staticToken = 'bench-static-token';
  let customers = 1000;
  let emulator = await startEmulator({ customers, staticToken, ...settings });
  let plan: PlannedUpdate[] = await planUpdates(emulator.admin, updates);
  while (plan.length < updates && customers < 50_000) {
    await emulator.close();
    customers *= 2;
    emulator = await startEmulator({ customers, staticToken, ...settings });
    plan = await planUpdates(emulator.admin, updates);
  }
  const target: BenchTarget = { url: emulator.url, token: staticToken, throttlePerMinute: settings.throttlePerMinute, throttleBurst: settings.throttleBurst };
  const perSecond = settings.throttlePerMinute / 60;
  const bound = Math.max(0, plan.length - settings.throttleBurst) / perSecond;
  console.log(`Emulator: ${customers} customers, latency ${settings.latencyMs} ms, throttle ${settings.throttlePerMinute}/min, burst ${settings.throttleBurst}`);
  console.log(`${plan.length} updates; throttle bound = (${plan.length} - ${settings.throttleBurst}) / ${perSecond} per s = ${bound.toFixed(2)} s\n`);

  const results: CaseResult[] = [];
  try {
    await emulator.admin.reset();
    const ours = await timed(() => runOurs(target, plan));
    results.push({ name: 'bulk-ours', updates: plan.length, seconds: round(ours), ...(await countOutcome(emulator.admin, plan)) });

    await emulator.admin.reset();
    const sample = plan.slice(0, sequentialSample);
    const seqSample = await timed(() => runSequential(target, sample));
    const seqOutcome = await countOutcome(emulator.admin, sample);
    results.push({
      name: 'bulk-sequential', updates: plan.length, seconds: round(seqSample * (plan.length / sample.length)), ...seqOutcome,
      extrapolated: true, sampledUpdates: sample.length, sampledSeconds: round(seqSample),
    });

    await emulator.admin.reset();
    const naive = await timed(() => runNaiveParallel(target, plan));
    results.push({ name: 'bulk-naive-parallel', updates: plan.length, seconds: round(naive), ...(await countOutcome(emulator.admin, plan)) });

    results.push(...await runBulkEngineCases({ url: emulator.url, admin: emulator.admin, token: staticToken, updates: plan.length, ...settings, bound, sequentialSeconds: results[1].seconds }));
  } finally {
    await emulator.close();
  }

  // The bulk-engine cases re-read each contact before its PUT (two requests per update): they carry
  // their own bound (`boundSeconds`, from the requests they made) and ratio (`boundRatio`).
  console.log('case                  updates   seconds   bound/seconds   lost   doubled   429s');
  for (const r of results) {
    const own = typeof r.boundRatio === 'number' && typeof r.boundSeconds === 'number';
    const note = r.extrapolated ? `  (extrapolated from ${String(r.sampledUpdates)} updates in ${String(r.sampledSeconds)} s)`
      : own ? `  (bound ${String(r.boundSeconds)} s for its ${String(r.requests)} requests)` : '';
    const ratio = own ? (r.boundRatio as number) : bound / r.seconds;
    console.log(`${r.name.padEnd(22)}${String(r.updates).padStart(7)}${r.seconds.toFixed(2).padStart(10)}${ratio.toFixed(3).padStart(16)}${String(r.lost).padStart(7)}${String(r.doubled).padStart(10)}${String(r.throttled).padStart(7)}${note}`);
  }
  const ours = results[0]; const seq = results[1];
  console.log(`\nours vs bound: ${(bound / ours.seconds).toFixed(3)} (target >= 0.9); ours vs sequential: ${(seq.seconds / ours.seconds).toFixed(1)}x faster (target >= 5x)`);
  const editorOpen = await benchEditorOpen();
  const panel = await benchReassignPanel();
  printPanelResult(panel);
  const report = await benchHealthReport();
  printReportResult(report);
  const health = await runHealthCases();
  printHealthCases(health);
  console.log(`wrote ${writeResults(round(bound), [...results, editorOpen, panel, report, ...health])}`);
}

function round(n: number): number { return Math.round(n * 1000) / 1000; }

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });

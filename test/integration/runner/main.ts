// `npm run test:integration`: runs the integration suite inside a real VS Code against the emulator.
//  1. host checks (extensionTestsPath) — in desktop VS Code through @vscode/test-electron when `code`
//     or VSCODE_EXECUTABLE is available, else in code-server's test mode;
//  2. UI journeys driven with Playwright in code-server (development mode, as a person uses it), in
//     the lanes of suites/index.ts side by side, each with its own workbench and emulator;
// Prints one line per test, then `N passed, N failed`; exits non-zero on any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desktopVsCode, runHostChecksInDesktop } from './electron';
import { startTestEmulator, type TestEmulator } from './emulator';
import { withNeeds, type TestResult, type UiContext, type UiTest } from './harness';
import { stopAllOnExit, waitFor } from './processes';
import { ROOT, startWorkbenchServer } from './workbenchServer';
import { Workbench, launchBrowser } from './workbench';
import { uiLanes } from '../suites';
import { vsixSmokeTests } from '../suites/vsix';
import { runCodeServerCli } from './codeServer';

const RESULTS = process.env.PC_RESULTS_DIR ? path.resolve(process.env.PC_RESULTS_DIR) : path.join(ROOT, 'test-results');
const OUT = path.join(RESULTS, 'integration');
const only = process.env.PC_TEST_ONLY ? new RegExp(process.env.PC_TEST_ONLY, 'i') : undefined;

const results: TestResult[] = [];
const log = (line: string) => {
  fs.mkdirSync(OUT, { recursive: true });
  fs.appendFileSync(path.join(OUT, 'runner.log'), `[${new Date().toISOString()}] ${line}\n`);
};
const report = (r: TestResult) => {
  results.push(r);
  const mark = r.skipped ? 'SKIP' : r.ok ? 'PASS' : 'FAIL';
  console.log(`${mark} ${r.name} (${(r.ms / 1000).toFixed(1)} s)${r.skipped ? ` — ${r.skipped}` : ''}${r.error ? `\n     ${r.error.split('\n').slice(0, 6).join('\n     ')}` : ''}`);
  log(`${mark} ${r.name}${r.error ? `: ${r.error}` : ''}`);
};

async function hostChecksInCodeServer(runDir: string, emulatorEnv: NodeJS.ProcessEnv, emulator: Awaited<ReturnType<typeof startTestEmulator>>): Promise<void> {
  const started = Date.now();
  const server = await startWorkbenchServer({ dir: path.join(runDir, 'host'), env: emulatorEnv, emulator, logFile: path.join(OUT, 'code-server-host.log') });
  const browser = await launchBrowser();
  try {
    let exitCode: number | undefined;
    await Workbench.open(browser, {
      serverUrl: server.url,
      folder: server.folder,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/test/integration/host/index.js'),
      onExit: (code) => (exitCode = code),
    }, path.join(RESULTS, 'screenshots'), path.join(OUT, 'host-browser-console.log'));
    await waitFor('the host checks to finish', async () => exitCode, 120_000, 200);
  } catch (err) {
    report({ name: 'host checks (code-server test mode)', ok: false, error: String(err), ms: Date.now() - started });
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

function readHostResults(file: string): void {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) report(JSON.parse(line) as TestResult);
}

interface UiPhase {
  /** Names its folder and logs: a lane of suites/index.ts, or 'vsix'. */
  name: string;
  tests: UiTest[];
  /** The extension under development (payload), or none: the VSIX installed into the extensions dir. */
  development: boolean;
  installVsix?: string;
}

async function runUiTests(runDir: string, env: NodeJS.ProcessEnv, emulator: Awaited<ReturnType<typeof startTestEmulator>>, phase: UiPhase): Promise<void> {
  const dir = path.join(runDir, phase.name);
  if (phase.installVsix) {
    // Exactly what a partner does with the packaged file.
    fs.mkdirSync(path.join(dir, 'extensions'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'user-data'), { recursive: true });
    await runCodeServerCli(['--install-extension', phase.installVsix, '--extensions-dir', path.join(dir, 'extensions'), '--user-data-dir', path.join(dir, 'user-data')], 120_000);
  }
  const server = await startWorkbenchServer({ dir, env, emulator, logFile: path.join(OUT, `code-server-${phase.name}.log`), extraSettings: {
    'partnerCenter.pageSize': 20,
    // A row's hover card appears where the mouse rests after a click and can cover the next row
    // a test clicks: keep hovers for people who wait, not for the test's next step.
    'workbench.hover.delay': 30_000,
  } });
  const browser = await launchBrowser();
  const shots = path.join(RESULTS, 'screenshots');
  try {
    const wb = await Workbench.open(browser, {
      serverUrl: server.url,
      folder: server.folder,
      ...(phase.development ? { extensionDevelopmentPath: ROOT } : {}),
    }, shots, path.join(OUT, `${phase.name}-browser-console.log`));
    const ctx: UiContext = { wb, emulator, resultsDir: RESULTS, userDataDir: path.join(dir, 'user-data'), log };
    for (const test of phase.tests) {
      const started = Date.now();
      if (test.needsEmulator && !emulator) {
        report({ name: test.name, ok: true, skipped: 'the emulator is not available', ms: 0 });
        continue;
      }
      try {
        await test.run(ctx);
        const screenshot = await wb.screenshot(test.name);
        report({ name: test.name, ok: true, ms: Date.now() - started, screenshot });
      } catch (err) {
        const screenshot = await wb.screenshot(`FAILED-${test.name}`).catch(() => undefined);
        report({ name: test.name, ok: false, error: err instanceof Error ? err.message : String(err), ms: Date.now() - started, ...(screenshot ? { screenshot } : {}) });
        await wb.dismissQuickInput().catch(() => undefined);
        await wb.page.keyboard.press('Escape').catch(() => undefined);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

/**
 * Tokens must never reach a log, a telemetry event or the diagnostics report: grep everything the
 * run produced (the workbenches' logs including the extension's output channel, browser consoles,
 * the diagnostics report with its telemetry events) for every token the emulator issued.
 */
async function tokenLeakCheck(runDir: string, emulators: TestEmulator[]): Promise<void> {
  const started = Date.now();
  const name = 'no access or refresh token appears in any log, telemetry event or the diagnostics report';
  try {
    const issued = await Promise.all(emulators.map((e) => e.admin.tokens()));
    const secrets = issued.flatMap((t) => [...t.accessTokens, ...t.refreshTokens]);
    const files = [...filesUnder(runDir).filter((f) => f.includes(`${path.sep}logs${path.sep}`)), ...filesUnder(OUT)];
    const ours = files.filter((f) => f.endsWith('Partner Center.log'));
    if (secrets.length < 2) throw new Error(`the run issued ${secrets.length} tokens: nothing to look for`);
    if (ours.length === 0) throw new Error('no "Partner Center" output channel log was found to check');
    if (!fs.existsSync(path.join(OUT, 'diagnostics.txt'))) throw new Error('the diagnostics report was not captured');
    const leaks: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${path.relative(runDir, file)} contains a token issued by the emulator`);
    }
    const activation = ours.map((f) => /Activated: module load ([\d.]+) ms, activate\(\) ([\d.]+) ms/.exec(fs.readFileSync(f, 'utf8'))).find(Boolean);
    if (activation) console.log(`Activation in a real workbench: module load ${activation[1]} ms, activate() ${activation[2]} ms (target: total ≤ 20 ms)`);
    if (leaks.length) throw new Error(leaks.join('\n'));
    log(`leak check: ${secrets.length} tokens, ${files.length} files`);
    report({ name, ok: true, ms: Date.now() - started });
  } catch (err) {
    report({ name, ok: false, error: err instanceof Error ? err.message : String(err), ms: Date.now() - started });
  }
}

function emulatorEnv(emulator: TestEmulator | undefined): NodeJS.ProcessEnv {
  return {
    PC_TEST_OUT: OUT,
    ...(emulator ? { PC_EMULATOR_URL: emulator.url, NODE_EXTRA_CA_CERTS: emulator.caFile } : {}),
  };
}

/**
 * The UI lanes side by side (PC_TEST_LANES=serial: one after the other), each in its own workbench
 * against its own emulator: the first lane gets `emulators[0]`, the others a new one each, pushed
 * onto `emulators` (the caller closes them and checks their tokens). A lane whose workbench cannot
 * start is reported as a failure; the other lanes go on.
 */
async function runLanes(runDir: string, lanes: { name: string; tests: UiTest[] }[], emulators: (TestEmulator | undefined)[]): Promise<void> {
  const picked = lanes.filter((l) => l.tests.length > 0);
  for (let i = emulators.length; i < picked.length; i++) emulators.push(emulators[0] ? await startTestEmulator(log) : undefined);
  const run = async (lane: { name: string; tests: UiTest[] }, i: number): Promise<void> => {
    const started = Date.now();
    await runUiTests(runDir, emulatorEnv(emulators[i]), emulators[i], { name: lane.name, tests: lane.tests, development: true })
      .catch((err: unknown) => report({ name: `UI lane "${lane.name}"`, ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err), ms: Date.now() - started }));
    log(`lane ${lane.name}: ${lane.tests.length} journeys in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  if (process.env.PC_TEST_LANES === 'serial') for (const [i, lane] of picked.entries()) await run(lane, i);
  else await Promise.all(picked.map(run));
}

async function main(): Promise<void> {
  stopAllOnExit();
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.rmSync(path.join(RESULTS, 'screenshots'), { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-it-'));
  const emulator = await startTestEmulator(log);
  const env = emulatorEnv(emulator);
  const laneEmulators: (TestEmulator | undefined)[] = [emulator];
  try {
    const desktop = desktopVsCode();
    if (desktop) await runHostChecksInDesktop(desktop, ROOT, env, report);
    else await hostChecksInCodeServer(runDir, env, emulator);
    readHostResults(path.join(OUT, 'host-results.jsonl'));
    const pick = (tests: UiTest[]) => withNeeds(tests, only);
    await runLanes(runDir, uiLanes.map((l) => ({ name: l.name, tests: pick(l.tests) })), laneEmulators);
    const vsix = path.join(ROOT, 'dist-vsix/partner-center-support-contacts.vsix');
    const smoke = pick(vsixSmokeTests);
    if (smoke.length && !fs.existsSync(vsix)) report({ name: 'VSIX smoke journey', ok: false, error: `${vsix} is missing: run npm run package`, ms: 0 });
    else if (smoke.length) {
      await emulator?.admin.reset();
      await runUiTests(runDir, env, emulator, { name: 'vsix', tests: smoke, development: false, installVsix: vsix });
    }
    const emulators = laneEmulators.filter((e): e is TestEmulator => e !== undefined);
    if (emulators.length && !only) await tokenLeakCheck(runDir, emulators);
  } finally {
    await Promise.all(laneEmulators.map((e) => e?.close()));
    if (process.env.PC_KEEP_RUN_DIR) log(`kept ${runDir}`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main()
  .catch((err: unknown) => report({ name: 'integration runner', ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err), ms: 0 }))
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    const passed = results.filter((r) => r.ok && !r.skipped).length;
    const skipped = results.filter((r) => r.skipped).length;
    fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
    console.log(`\nScreenshots: ${path.relative(process.cwd(), path.join(RESULTS, 'screenshots'))}/`);
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    process.exit(failed > 0 || passed === 0 ? 1 : 0);
  });

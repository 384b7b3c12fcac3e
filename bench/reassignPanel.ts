// The Reassignment panel's page in a real browser (Debian's chromium through playwright-core): a
// 10,000-row plan, then batches of 100 row updates, timed by the page itself (the same numbers it
// reports to the host in VS Code). Budgets: first render ≤ 500 ms, a batch of 100 updates ≤ 16 ms.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildPageHtml, serializeStringTable } from '../src/webview/html';
import { reassignStringTable } from '../src/webview/reassignStringTable';
import type { InitMessage, PlanRow, RowUpdate } from '../src/webview/shared/reassignProtocol';
import { REASSIGN_STRING_KEYS } from '../src/webview/shared/reassignStrings';
import { chromiumPath } from '../test/integration/runner/workbench';

export const PANEL_BUDGET = { firstRenderMs: 500, updateBatchMs: 16 };
const ROWS = 10_000;
const BATCHES = 30;

export interface PanelBenchResult { name: string; rows: number; firstRenderMs: number; updateBatch: number; updateMedianMs: number; updateMaxMs: number; withinBudget: boolean }

function plan(): InitMessage {
  const rows: PlanRow[] = Array.from({ length: ROWS }, (_, i) => ({
    i, customerId: `c${Math.floor(i / 25)}`, customer: `Customer ${Math.floor(i / 25)} <b>&</b>`, subscriptionId: `s${i}`, subscription: `Office 365 E${i % 5} #${i}`,
    current: `Reseller ${i % 20} (MPN ID ${1000 + (i % 20)})`, next: 'Target Reseller (MPN ID 4814515)', state: i % 7 === 0 ? 'skip' : 'change', detail: i % 7 === 0 ? 'NCE' : '',
  }));
  const header = { account: 'admin@partner.example', target: 'Target Reseller', targetMpnId: '4814515', targetTenantId: '00000000-0000-0000-0000-000000000001', source: 'bench', targets: 1, secondsPerChange: 0.02, burstChanges: 50 };
  return { type: 'init', header, rows, excluded: [1, 2, 3], phase: 'running', resumed: false };
}

/** Bundles a page (src/webview/page/<page>.ts) into dir with an index.html as the host would build it. */
export async function bundlePage(dir: string, page = 'reassign', stringsJson = serializeStringTable(REASSIGN_STRING_KEYS, reassignStringTable())): Promise<void> {
  await esbuild.build({ entryPoints: [resolve(`src/webview/page/${page}.ts`)], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', outfile: join(dir, `${page}.js`), logLevel: 'warning' });
  writeFileSync(join(dir, 'index.html'), buildPageHtml({
    cspSource: 'file:', nonce: 'benchbenchbenchbench', title: 'bench', lang: 'en', loadingText: 'Loading',
    stringsJson, scriptUri: `./${page}.js`, styleUris: ['table', page].map((css) => pathToFileURL(resolve(`media/${css}.css`)).toString()),
  }));
}

/** A chromium page with the bundled page loaded and a fake acquireVsCodeApi that records what the page sends in window.__sent. */
export async function openPage(browser: Browser, dir: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    const sent: unknown[] = [];
    (window as unknown as { __sent: unknown[] }).__sent = sent;
    (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage: (m: unknown) => sent.push(m), getState: () => undefined, setState: () => undefined });
  });
  await page.goto(pathToFileURL(join(dir, 'index.html')).toString());
  return page;
}

type Metrics = { firstRenderMs: number; updateMs: number; rows: number; updates: number };

export async function benchReassignPanel(): Promise<PanelBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-panel-bench-'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    await bundlePage(dir);
    const page = await openPage(browser, dir);
    const metricsAfter = async (n: number): Promise<Metrics> => {
      await page.waitForFunction((k) => (window as unknown as { __sent: { type: string }[] }).__sent.filter((m) => m.type === 'metrics').length >= k, n, { timeout: 30_000 });
      return page.evaluate((k) => (window as unknown as { __sent: { type: string }[] }).__sent.filter((m) => m.type === 'metrics')[k - 1] as unknown as Metrics, n);
    };
    await page.evaluate((m) => window.postMessage(m, '*'), plan());
    const first = await metricsAfter(1);
    const times: number[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const updates: RowUpdate[] = Array.from({ length: 100 }, (_, k) => ({ i: (b * 100 + k) % ROWS, state: k % 10 === 0 ? 'failed' : 'changed', detail: k % 10 === 0 ? 'Server error' : '' }));
      const progress = { handled: (b + 1) * 100, total: ROWS, changed: (b + 1) * 90, skipped: 0, failed: (b + 1) * 10, elapsedMs: (b + 1) * 1000 };
      await page.evaluate((m) => window.postMessage(m, '*'), { type: 'updates', updates, progress });
      times.push((await metricsAfter(b + 2)).updateMs);
    }
    times.sort((a, z) => a - z);
    const median = times[Math.floor(times.length / 2)];
    const max = times[times.length - 1];
    const r = (n: number) => Math.round(n * 10) / 10;
    return {
      name: 'reassign-panel', rows: ROWS, firstRenderMs: r(first.firstRenderMs), updateBatch: 100, updateMedianMs: r(median), updateMaxMs: r(max),
      withinBudget: first.firstRenderMs <= PANEL_BUDGET.firstRenderMs && median <= PANEL_BUDGET.updateBatchMs,
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printPanelResult(p: PanelBenchResult): void {
  console.log(`reassign-panel: ${p.rows} rows — first render ${p.firstRenderMs} ms (budget ${PANEL_BUDGET.firstRenderMs} ms, ${(p.firstRenderMs / PANEL_BUDGET.firstRenderMs).toFixed(2)} of it); `
    + `${p.updateBatch} row updates: median ${p.updateMedianMs} ms, max ${p.updateMaxMs} ms (budget ${PANEL_BUDGET.updateBatchMs} ms, median ${(p.updateMedianMs / PANEL_BUDGET.updateBatchMs).toFixed(2)} of it) — ${p.withinBudget ? 'within budget' : 'OVER BUDGET'}`);
}

// The support-contact health check as a partner runs it: the command from the palette, the progress
// notification, the result with the counts the emulator's seed knows, the status-bar count, and the
// summary document; every customer's subscriptions read exactly once (the emulator's request log).
// Then the report webview, opened from the stored inventory with no request: the seed's totals, the
// charts, the findings table (rule filter, grouping, sorting, keyboard selection, the read date) and
// Export findings (CSV), in light, dark and high-contrast themes.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type UiContext, type UiTest } from '../runner/harness';
import { waitFor } from '../runner/processes';
import { lastSeq, req, requestsSince } from './emulatorData';
import { setColorTheme, ensureSignedIn } from './steps';

interface DriftSub { nce: boolean; status: string; drift: string }
interface DriftCustomer { id: string; subscriptions: DriftSub[] }

/** What the seed says the health check finds (the emulator labels each subscription's drift). */
interface SeedCounts { customers: number; subscriptions: number; checked: number; findings: number; nce: number; drift: Record<string, number> }

async function seedCounts(ctx: UiContext): Promise<SeedCounts> {
  const customers = (await req(ctx.emulator).admin<{ customers: DriftCustomer[] }>('GET', 'seed?all=1')).customers;
  const subs = customers.flatMap((c) => c.subscriptions);
  const checked = subs.filter((s) => !s.nce && s.status === 'active');
  const drift: Record<string, number> = {};
  for (const s of checked) drift[s.drift] = (drift[s.drift] ?? 0) + 1;
  return { customers: customers.length, subscriptions: subs.length, checked: checked.length, findings: checked.length - (drift.expected ?? 0), nce: subs.filter((s) => s.nce).length, drift };
}

/** The report's total card `id` ("customers", "findings", …) as a number. */
async function total(ctx: UiContext, id: string): Promise<number> {
  const text = await ctx.wb.webview().locator(`[data-total="${id}"] dd`).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

export const healthTests: UiTest[] = [
  {
    name: 'health check: scan every customer, the findings the seed drifted, the status-bar count and the summary',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const customers = (await e.admin<{ customers: DriftCustomer[] }>('GET', 'seed?all=1')).customers;
      const subs = customers.flatMap((c) => c.subscriptions);
      const checked = subs.filter((s) => !s.nce && s.status === 'active');
      const findings = checked.filter((s) => s.drift !== 'expected').length;
      const nce = subs.filter((s) => s.nce).length;
      expect(findings > 10, `the seed should drift: ${findings} findings expected`);
      const since = await lastSeq(e);
      await wb.clearNotifications();
      await wb.runCommand('Partner Center: Run Support-Contact Health Check');
      await wb.notification(/Support-contact health check/).waitFor({ timeout: 30_000 });
      await wb.screenshot('health-progress');
      const done = wb.notification(new RegExp(`Health check: ${customers.length} customers, ${checked.length} subscriptions checked; ${findings} subscriptions have the wrong support contact\\. ${nce} NCE subscriptions cannot be set through the API\\.`));
      await done.waitFor({ timeout: 180_000 });
      const item = wb.page.locator('.statusbar-item', { hasText: `${findings} findings` }).first();
      await item.waitFor({ timeout: 10_000 });
      await wb.screenshot('health-result');

      const reads = new Map<string, number>();
      for (const r of await requestsSince(e, since)) {
        const m = /^\/v1\/customers\/([^/]+)\/subscriptions$/i.exec(r.path);
        if (r.method === 'GET' && m && r.status === 200) reads.set(m[1].toLowerCase(), (reads.get(m[1].toLowerCase()) ?? 0) + 1);
      }
      expect(reads.size === customers.length && [...reads.values()].every((n) => n === 1), `each customer read once: ${reads.size} read, ${[...reads.values()].filter((n) => n > 1).length} twice`);

      await done.getByRole('button', { name: 'Show Summary' }).click();
      const editor = wb.page.locator('.editor-instance .view-lines').first();
      await editor.waitFor({ timeout: 15_000 });
      await wb.page.locator('.view-lines', { hasText: 'Support-contact health check' }).first().waitFor({ timeout: 15_000 });
      await wb.screenshot('health-summary');
    },
  },
  {
    name: 'health report: opened from the stored inventory with no request — the seed\'s totals and charts, the findings table filtered, grouped, sorted and selected from the keyboard, the read date, Export CSV; light, dark and high contrast',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const seed = await seedCounts(ctx);
      // The journey above stored the inventory; alone, this one scans first.
      const count = wb.page.locator('.statusbar-item', { hasText: `${seed.findings} findings` }).first();
      if (!(await count.isVisible().catch(() => false))) {
        await wb.runCommand('Partner Center: Run Support-Contact Health Check');
        await count.waitFor({ timeout: 180_000 });
        await wb.notification(/Health check: \d+ customers/).waitFor({ timeout: 30_000 });
      }
      await wb.clearNotifications();
      const since = await lastSeq(e);
      await wb.runCommand('Partner Center: Show Health Check Report');
      const p = wb.webview();
      await p.locator('#totals').waitFor({ timeout: 30_000 });
      const totals = { customers: await total(ctx, 'customers'), subscriptions: await total(ctx, 'subscriptions'), checked: await total(ctx, 'checked'),
        findings: await total(ctx, 'findings'), nce: await total(ctx, 'nce'), healthy: await total(ctx, 'healthy') };
      const want = { customers: seed.customers, subscriptions: seed.subscriptions, checked: seed.checked, findings: seed.findings, nce: seed.nce, healthy: seed.checked - seed.findings };
      expect(JSON.stringify(totals) === JSON.stringify(want), `the report's totals ${JSON.stringify(totals)} are not the seed's ${JSON.stringify(want)}`);

      // The charts: one bar per contact reseller and per rule that has findings, each with its count.
      const ruleTitles = await p.locator('#chart-rule .bar title').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
      const rule = (name: string) => Number(/: (\d[\d,]*)$/.exec(ruleTitles.find((t) => t.startsWith(`${name}:`)) ?? '')?.[1]?.replace(/,/g, '') ?? 0);
      const d = seed.drift;
      const bars = { none: rule('No designated reseller'), unknown: rule('Not one of your resellers'), ended: rule('Reseller relationship ended'),
        other: rule('Not the partner of record') + rule("Not the customer's reseller") };
      const seedBars = { none: (d.none ?? 0) + (d.provider ?? 0), unknown: d.unknownReseller ?? 0, ended: d.endedReseller ?? 0, other: d.otherReseller ?? 0 };
      expect(JSON.stringify(bars) === JSON.stringify(seedBars), `the rule chart ${ruleTitles.join('; ')} is not the seed's drift ${JSON.stringify(d)}`);
      const contactBars = await p.locator('#chart-contact .bar title').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
      const contactSum = contactBars.reduce((n, t) => n + Number(/: (\d[\d,]*)$/.exec(t)?.[1]?.replace(/,/g, '') ?? 0), 0);
      expect(contactSum === seed.checked, `the contact chart's bars add up to ${contactSum}, not the ${seed.checked} checked subscriptions`);

      // The table: grouped by customer, a row per finding with the day it was read.
      const grid = p.getByRole('grid');
      const firstRow = p.locator('.line.row').first();
      await firstRow.waitFor({ timeout: 10_000 });
      expect(/^\d{4}-\d{2}-\d{2}$/.test((await firstRow.locator('.cell.read').innerText()).trim()), 'a row does not show the date it was read');
      expect((await p.locator('.line.group').count()) > 0, 'no customer group lines');
      // (No Chat view beside it: the tests' user settings keep the secondary side bar hidden.)
      await wb.screenshot('health-report-light');
      for (const [theme, suffix] of [['Dark Modern', 'dark'], ['Dark High Contrast', 'hc']] as const) {
        await setColorTheme(ctx, theme);
        await p.locator('#totals').waitFor({ timeout: 10_000 });
        await wb.screenshot(`health-report-${suffix}`);
      }
      await setColorTheme(ctx, 'Light Modern');

      // Filter to one rule: "Select all shown" selects exactly its findings.
      const ended = d.endedReseller ?? 0;
      await p.locator('#rule').selectOption('resellerNotActive');
      await p.locator('#select-all').click();
      await p.locator('#selection', { hasText: new RegExp(`^${ended} selected$`) }).waitFor({ timeout: 10_000 });
      expect((await p.locator('.line.row .cell.finding').first().innerText()).trim() === 'Reseller relationship ended', 'the filtered rows are not that rule\'s');
      await p.locator('#clear').click();
      await p.locator('#selection', { hasText: /^0 selected$/ }).waitFor({ timeout: 10_000 });
      await p.locator('#rule').selectOption('');

      // Grouped by the current contact; sorted by the read column.
      await p.locator('#group-by').selectOption('reseller');
      await waitFor('the groups to be contacts', async () => ((await p.locator('.line.group .groupname').first().innerText()) !== '' ? true : undefined), 10_000);
      const readHeader = p.locator('[role="columnheader"]', { has: p.locator('button', { hasText: /^Read/ }) });
      await readHeader.locator('button').click();
      await waitFor('the Read column to sort', async () => ((await readHeader.getAttribute('aria-sort')) === 'ascending' ? true : undefined), 10_000);
      await readHeader.locator('button').click();
      await waitFor('the Read column to sort descending', async () => ((await readHeader.getAttribute('aria-sort')) === 'descending' ? true : undefined), 10_000);

      // Keyboard: Tab to the table, ↓ to the first finding, Space selects it.
      await p.locator('#filter').focus();
      for (let i = 0; i < 20 && !(await grid.evaluate((g) => g === document.activeElement)); i++) await wb.page.keyboard.press('Tab');
      expect(await grid.evaluate((g) => g === document.activeElement), 'Tab does not reach the findings table');
      await wb.page.keyboard.press('ArrowDown');
      const active = p.locator('.line.active');
      expect(/\bline row\b/.test((await active.getAttribute('class')) ?? ''), 'ArrowDown from the first group does not reach a finding');
      expect(/ of .*: .* Suggested: .*\. Read \d{4}-\d{2}-\d{2}\.$/.test((await active.getAttribute('aria-label')) ?? ''), `the row's accessible name: ${await active.getAttribute('aria-label')}`);
      await wb.page.keyboard.press('Space');
      await p.locator('#selection', { hasText: /^1 selected$/ }).waitFor({ timeout: 10_000 });
      await p.locator('.line.row.selected').first().waitFor({ timeout: 5_000 });

      const requests = await requestsSince(e, since);
      expect(requests.length === 0, `opening and using the report sent ${requests.length} requests: ${requests.slice(0, 5).map((r) => `${r.method} ${r.path}`).join(', ')}`);

      // Export findings (CSV) through the save dialog: a header and one line per finding.
      const dir = path.join(ctx.resultsDir, 'csv');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `health-findings-${Date.now()}.csv`);
      await p.locator('#export-findings-csv').click();
      const input = wb.quickInput().filter({ hasText: 'Export the health check' }).locator('input.input');
      await input.waitFor({ timeout: 20_000 });
      await waitFor('the save dialog to propose a file name', async () => (/\.csv$/.test(await input.inputValue()) ? true : undefined), 10_000, 100);
      await input.fill(file);
      await waitFor('the path to be in the save dialog', async () => ((await input.inputValue()) === file ? true : undefined), 5_000, 100);
      // The simple dialog validates the typed path first: Enter in its box, then OK if it is still open.
      await input.press('Enter');
      const ok = wb.quickInput().locator('.monaco-button', { hasText: /^OK$/ });
      await waitFor(`${file} to be written`, async () => {
        if (fs.existsSync(file) && fs.statSync(file).size > 0) return true;
        if (await ok.isVisible().catch(() => false)) await ok.click({ timeout: 1_000 }).catch(() => undefined);
        return undefined;
      }, 30_000, 500);
      await waitFor(`${file} to be written`, async () => (fs.existsSync(file) && fs.statSync(file).size > 0) || undefined, 30_000, 200);
      await wb.notification(/Exported to/).waitFor({ timeout: 10_000 });
      const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
      expect(lines[0].startsWith('Customer,Customer ID,Subscription'), `the CSV header: ${lines[0]}`);
      expect(lines.length === seed.findings + 1, `the CSV has ${lines.length - 1} findings, not ${seed.findings}`);
    },
  },
];

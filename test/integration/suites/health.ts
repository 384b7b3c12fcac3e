// The support-contact health check as a partner runs it: the command from the palette, the progress
// notification, the result with the counts the emulator's seed knows, the status-bar count, and the
// summary document; every customer's subscriptions read exactly once (the emulator's request log).
// Then the report webview, opened from the stored inventory with no request: the seed's totals, the
// charts, the findings table (rule filter, grouping, sorting, keyboard selection, the read date) and
// Export findings (CSV), in light, dark and high-contrast themes.
import fs from 'node:fs';
import { expect, type UiContext, type UiTest, req } from '../runner/harness';
import { waitFor } from '../runner/processes';
import { applyInPanel, panel } from './panelSteps';
import { ensureSignedIn, saveThroughDialog, setColorTheme } from './steps';

/** What the seed says the health check finds (the emulator labels each subscription's drift). */
export interface SeedCounts { customers: number; subscriptions: number; checked: number; findings: number; nce: number; drift: Record<string, number> }

export async function seedCounts(ctx: UiContext): Promise<SeedCounts> {
  const customers = await req(ctx.emulator).admin.seed({ all: true });
  const subs = customers.flatMap((c) => c.subscriptions);
  const checked = subs.filter((s) => !s.nce && s.status === 'active');
  const drift: Record<string, number> = {};
  for (const s of checked) drift[s.drift] = (drift[s.drift] ?? 0) + 1;
  return { customers: customers.length, subscriptions: subs.length, checked: checked.length, findings: checked.length - (drift.expected ?? 0), nce: subs.filter((s) => s.nce).length, drift };
}

/** The report's total card `id` ("customers", "findings", …) as a number. */
export async function total(ctx: UiContext, id: string): Promise<number> {
  const text = await ctx.wb.webview().locator(`[data-total="${id}"] dd`).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** The stored inventory: the journeys above made it; alone, a journey scans first. */
async function ensureScanned(ctx: UiContext, seed: SeedCounts): Promise<void> {
  const { wb } = ctx;
  const count = wb.page.locator('.statusbar-item', { hasText: `${seed.findings} findings` }).first();
  if (!(await count.isVisible().catch(() => false))) {
    await wb.runCommand('Partner Center: Run Support-Contact Health Check');
    await count.waitFor({ timeout: 180_000 });
    await wb.notification(/Health check: \d+ customers/).waitFor({ timeout: 30_000 });
  }
}

/** The report's "findings per rule" chart: rule title → count. */
async function ruleChart(ctx: UiContext): Promise<Record<string, number>> {
  const titles = await ctx.wb.webview().locator('#chart-rule .bar title').evaluateAll((ts) => ts.map((t) => t.textContent ?? ''));
  const counts: Record<string, number> = {};
  for (const t of titles) {
    const m = /^(.*): (\d[\d,]*)$/.exec(t);
    if (m) counts[m[1]] = Number(m[2].replace(/,/g, ''));
  }
  return counts;
}

/** Opens (or brings back) the report and waits for its totals. */
export async function openReport(ctx: UiContext): Promise<void> {
  await ctx.wb.runCommand('Partner Center: Show Health Check Report');
  await ctx.wb.webview().locator('#totals').waitFor({ timeout: 30_000 });
}

export const healthTests: UiTest[] = [
  {
    name: 'health check: scan every customer, the findings the seed drifted, the status-bar count and the summary',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const customers = await e.admin.seed({ all: true });
      const subs = customers.flatMap((c) => c.subscriptions);
      const checked = subs.filter((s) => !s.nce && s.status === 'active');
      const findings = checked.filter((s) => s.drift !== 'expected').length;
      const nce = subs.filter((s) => s.nce).length;
      expect(findings > 10, `the seed should drift: ${findings} findings expected`);
      const since = await e.admin.lastSeq();
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
      for (const r of await e.admin.requests(since)) {
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
      await ensureScanned(ctx, seed);
      await wb.clearNotifications();
      const since = await e.admin.lastSeq();
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

      // Filter to one rule: "Select all shown" selects exactly its findings. The rule with the most
      // findings now (earlier journeys of the full run move contacts, so the seed's mix has changed).
      const [ruleLabel, ruleCount] = ruleTitles.map((t) => /^(.*): (\d[\d,]*)$/.exec(t)).filter((m) => m !== null)
        .map((m) => [m[1], Number(m[2].replace(/,/g, ''))] as const).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
      expect(ruleCount > 0, `no rule has findings: ${ruleTitles.join('; ')}`);
      await p.locator('#rule').selectOption({ label: ruleLabel });
      await p.locator('#select-all').click();
      await p.locator('#selection', { hasText: new RegExp(`^${ruleCount} selected$`) }).waitFor({ timeout: 10_000 });
      expect((await p.locator('.line.row .cell.finding').first().innerText()).trim() === ruleLabel, `the filtered rows are not ${ruleLabel}'s`);
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

      const requests = await e.admin.requests(since);
      expect(requests.length === 0, `opening and using the report sent ${requests.length} requests: ${requests.slice(0, 5).map((r) => `${r.method} ${r.path}`).join(', ')}`);

      // Export findings (CSV) through the save dialog: a header and one line per finding.
      await p.locator('#export-findings-csv').click();
      const file = await saveThroughDialog(ctx, 'Export the health check', `health-findings-${Date.now()}.csv`);
      await wb.notification(/Exported to/).waitFor({ timeout: 10_000 });
      const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
      expect(lines[0].startsWith('Customer,Customer ID,Subscription'), `the CSV header: ${lines[0]}`);
      expect(lines.length === seed.findings + 1, `the CSV has ${lines.length - 1} findings, not ${seed.findings}`);
    },
  },
  {
    name: 'health fix: the "not the partner of record" findings of two customers → Fix selected → the Reassignment panel with each row\'s own target → Apply → a new scan shows them gone, nothing else changed',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const seed = await seedCounts(ctx);
      await ensureScanned(ctx, seed);
      await wb.clearNotifications();
      const before = await e.admin.state();
      // A report an earlier journey left open keeps its filter, grouping and sort: start from a new one.
      await wb.runCommand('View: Close All Editors');
      await openReport(ctx);
      const p = wb.webview();
      const chartBefore = await ruleChart(ctx);
      const rule = 'Not the partner of record';
      expect((chartBefore[rule] ?? 0) >= 2, `the seed has ${chartBefore[rule] ?? 0} "${rule}" findings; the journey needs two customers' worth`);

      // Filter by the rule, grouped by customer; the rows of two customers (different suggested contacts when the seed has them).
      await p.locator('#rule').selectOption('notPartnerOfRecord');
      await p.locator('#group-by').selectOption('customer');
      await p.locator('#clear').click();
      await p.locator('#selection', { hasText: /^0 selected$/ }).waitFor({ timeout: 10_000 });
      // The table draws the lines in view: scroll it through to read every filtered row.
      const shown: { key: string; customer: string; suggestion: string }[] = [];
      const viewport = p.locator('.viewport[role="grid"]');
      for (let step = 0; step < 500; step++) {
        const seen = await p.locator('.line.row').evaluateAll((rows) => rows.map((r) => ({
          key: r.getAttribute('data-key') ?? '', customer: r.querySelector('.cell.customer')?.textContent ?? '', suggestion: r.querySelector('.cell.suggestion')?.textContent ?? '',
        })));
        for (const r of seen) if (!shown.some((x) => x.key === r.key)) shown.push(r);
        const end = await viewport.evaluate((v) => { const atEnd = v.scrollTop + v.clientHeight >= v.scrollHeight - 1; v.scrollTop += Math.max(v.clientHeight / 2, 20); return atEnd; });
        if (end) break;
        await wb.page.waitForTimeout(100); // the grid re-draws on the next frame
      }
      await viewport.evaluate((v) => { v.scrollTop = 0; });
      const fixable = (r: { suggestion: string }) => /MPN ID \d+/.test(r.suggestion);
      expect(shown.length === chartBefore[rule], `the filtered table shows ${shown.length} rows, the chart ${chartBefore[rule]}`);
      // Two customers with fixable findings (different suggested contacts when the seed has them); all their rows of this rule.
      const customers = [...new Set(shown.filter(fixable).map((r) => r.customer))];
      const first = customers[0];
      const second = customers.find((c) => c !== first && shown.some((r) => r.customer === c && fixable(r) && !shown.some((x) => x.customer === first && x.suggestion === r.suggestion)))
        ?? customers.find((c) => c !== first);
      expect(second !== undefined, `the fixable "${rule}" findings belong to ${customers.length} customer(s); two are needed`);
      const chosen = shown.filter((r) => (r.customer === first || r.customer === second) && fixable(r));
      // One finding whose partner has to choose the contact, selected too: counted apart, never fixed.
      const manual = shown.find((r) => !fixable(r));
      const select = async (key: string): Promise<void> => {
        const row = p.locator(`.line.row[data-key="${key}"]`);
        await viewport.evaluate((v) => { v.scrollTop = 0; });
        await waitFor(`the row ${key} to be drawn`, async () => {
          if (await row.isVisible().catch(() => false)) return true;
          await viewport.evaluate((v) => { v.scrollTop += v.clientHeight / 2; });
          return undefined;
        }, 15_000, 100);
        // The grid re-draws its lines as it scrolls (a click can land on a replaced one): the box's own click.
        await row.locator('.cell.check input').evaluate((b) => (b as HTMLInputElement).click());
        await p.locator(`.line.row.selected[data-key="${key}"]`).waitFor({ timeout: 5_000 });
      };
      for (const r of chosen) await select(r.key);
      if (manual) await select(manual.key);
      await viewport.evaluate((v) => { v.scrollTop = 0; });
      const selected = chosen.length + (manual ? 1 : 0);
      await p.locator('#selection', { hasText: new RegExp(`^${selected} selected$`) }).waitFor({ timeout: 10_000 });
      if (manual) {
        expect(/1 selected findings? ha(s|ve) no suggested contact/.test(await p.locator('.note').first().innerText()), 'the report does not say a selected finding cannot be fixed this way');
      }
      const fix = p.locator('#fix');
      expect(new RegExp(`Fix selected \\(${chosen.length}\\)`).test(await fix.innerText()), `the button reads ${await fix.innerText()}`);
      await fix.click();

      // The Reassignment panel: every row with its own finding's suggested contact.
      const q = panel(ctx);
      await q.locator('#heading', { hasText: 'each row\'s own new contact' }).waitFor({ timeout: 90_000 });
      await q.locator('#totals', { hasText: new RegExp(`^${chosen.length} to change`) }).waitFor({ timeout: 30_000 });
      for (const r of chosen) {
        const next = (await q.locator(`.line.row[data-key="${r.key}"] .cell.next`).innerText()).trim();
        expect(next === r.suggestion.trim(), `the New contact of ${r.key} is ${next}, the finding suggests ${r.suggestion}`);
      }
      const distinct = new Set(chosen.map((r) => r.suggestion)).size;
      if (distinct > 1) {
        expect(/each row's own, in the New contact column/.test(await q.locator('header').innerText()), 'the panel header names one reseller for rows with different targets');
      }
      await wb.screenshot('health-fix-panel');
      const since = await e.admin.lastSeq();
      const n = await applyInPanel(ctx);
      expect(n === chosen.length, `Apply offers ${n} changes, not ${chosen.length}`);
      await q.locator('#summary', { hasText: `${n} changed` }).waitFor({ timeout: 120_000 });

      // Exactly those subscriptions changed, each to its own suggested contact; nothing else.
      const after = await e.admin.state();
      const changed = Object.keys(after.supportContacts).filter((k) => JSON.stringify(after.supportContacts[k]) !== JSON.stringify(before.supportContacts[k]));
      const want = chosen.map((r) => r.key).sort();
      expect(JSON.stringify(changed.map((k) => k.toLowerCase()).sort()) === JSON.stringify(want), `the emulator changed ${JSON.stringify(changed)}, not ${JSON.stringify(want)}`);
      for (const r of chosen) {
        const now = after.supportContacts[Object.keys(after.supportContacts).find((k) => k.toLowerCase() === r.key) ?? ''];
        const mpn = /MPN ID (\d+)/.exec(r.suggestion)?.[1];
        expect(now?.supportMpnId === mpn, `${r.key} is now ${JSON.stringify(now)}, the finding suggested ${r.suggestion}`);
      }
      const puts = (await e.admin.requests(since)).filter((r) => r.method === 'PUT' && r.applied);
      expect(puts.length === chosen.length, `${puts.length} PUTs applied for ${chosen.length} findings`);

      // A new scan: those findings are gone, every other count is what it was.
      await wb.clearNotifications();
      await wb.runCommand('Partner Center: Run Support-Contact Health Check');
      const again = wb.quickInput().locator('.monaco-list-row', { hasText: 'Scan everything again' }).first();
      await again.waitFor({ timeout: 15_000 });
      await again.click();
      const remaining = seed.findings - chosen.length;
      await wb.notification(new RegExp(`Health check: ${seed.customers} customers, ${seed.checked} subscriptions checked; ${remaining} subscriptions have the wrong support contact`)).waitFor({ timeout: 180_000 });
      await openReport(ctx);
      const wantChart: Record<string, number> = { ...chartBefore, [rule]: chartBefore[rule] - chosen.length };
      if (wantChart[rule] === 0) delete wantChart[rule];
      // The report was open already: its chart redraws from the new scan's snapshot a moment later.
      let chartAfter: Record<string, number> = {};
      await waitFor('the chart of the new scan', async () => {
        chartAfter = await ruleChart(ctx);
        return JSON.stringify(chartAfter) === JSON.stringify(wantChart) || undefined;
      }, 10_000, 250).catch(() => undefined);
      expect(JSON.stringify(chartAfter) === JSON.stringify(wantChart), `findings per rule after the fix ${JSON.stringify(chartAfter)}, wanted ${JSON.stringify(wantChart)}`);
      await p.locator('#rule').selectOption('notPartnerOfRecord');
      const left = await p.locator('.line.row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
      expect(!chosen.some((r) => left.includes(r.key)), 'a fixed finding is still in the report');
      await p.locator('#rule').selectOption('');
    },
  },
];

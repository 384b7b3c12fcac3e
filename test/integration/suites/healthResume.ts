// The health check survives a window reload: a scan slowed by the emulator's latency is interrupted
// by "Developer: Reload Window", the reloaded window offers to resume it, and the resumed scan
// finishes having read every customer's subscriptions exactly once (the emulator's request log) with
// the seed's totals in the report. Then "Show in the Customers view" from a report row reveals that
// customer's subscription in the Customers tree (the view searches for it when that customer is not loaded).
import { expect, req, type UiContext, type UiTest } from '../runner/harness';
import { waitFor } from '../runner/processes';
import { subscriptionReads } from '../../emulator/index';
import { openReport, seedCounts, total } from './health';
import { ensureSignedIn, reloadWindow } from './steps';

/** The report's totals the seed implies (the emulator labels each subscription's current drift). */
async function expectedTotals(ctx: UiContext): Promise<Record<string, number>> {
  const { customers, subscriptions, checked, findings, nce, drift } = await seedCounts(ctx);
  return { customers, subscriptions, checked, findings, nce, healthy: drift.expected ?? 0 };
}

/** The totals cards of the open report, by their `data-total` id. */
async function reportTotals(ctx: UiContext, ids: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = await total(ctx, id);
  return out;
}

/** Starts a scan of everything: straight away with no stored inventory, else "Scan everything again". */
async function startFullScan(ctx: UiContext): Promise<void> {
  const { wb } = ctx;
  await wb.runCommand('Partner Center: Run Support-Contact Health Check');
  const again = wb.quickPickRow('Scan everything again');
  const progress = wb.notification(/Support-contact health check/);
  const first = await Promise.race([
    // The loser times out later: it resolves to undefined instead of rejecting unobserved.
    again.waitFor({ timeout: 15_000 }).then(() => 'pick' as const, () => undefined),
    progress.waitFor({ timeout: 15_000 }).then(() => 'running' as const, () => undefined),
  ]);
  expect(first, 'the health check neither asked what to scan nor showed its progress');
  if (first === 'pick') await again.click();
}

/** The customers done so far, from the progress notification ("N of M customers" / "N customers (listing…)"). */
async function customersDone(ctx: UiContext): Promise<number | undefined> {
  const text = await ctx.wb.notification(/Support-contact health check/).innerText().catch(() => '');
  const m = /([\d,]+)(?: of [\d,]+)? customers/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

export const healthResumeTests: UiTest[] = [
  {
    name: 'health resume: a scan interrupted by a window reload resumes and reads no customer twice — every customer read once, the seed\'s totals in the report',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const want = await expectedTotals(ctx);
      await wb.clearNotifications();
      const since = await e.admin.lastSeq();
      // Slow enough to interrupt (about 20 s for the whole scan), quick enough that the customers in
      // flight are stored in the seconds VS Code gives a closing extension host.
      await e.admin.withFaults({ latencyMs: 2500, pathPattern: '^/v1/customers/[^/]+/subscriptions$', method: 'GET' }, async () => {
        await startFullScan(ctx);
        const before = await waitFor('the scan to read some customers', async () => {
          const n = await customersDone(ctx);
          return n !== undefined && n >= 10 ? n : undefined;
        }, 60_000, 200);
        expect(before < want.customers, `the scan finished (${before} customers) before the reload could interrupt it`);
        await wb.screenshot('health-before-reload');
        const reloadAt = await e.admin.lastSeq();
        await reloadWindow(ctx);
        const stopped = (await e.admin.requests(since)).length;

        // The reloaded window reads the stored inventory and offers to resume where it stopped.
        await wb.openContainer('Partner Center');
        const offer = wb.notification(/A support-contact health check stopped before it finished \(\d+ customers read\)/);
        await offer.waitFor({ timeout: 60_000 });
        const stored = Number(/\((\d+) customers read\)/.exec(await offer.innerText())?.[1] ?? -1);
        expect(stored >= before && stored < want.customers, `the reloaded window says ${stored} customers were read; the scan had ${before} when the window reloaded`);
        await wb.screenshot('health-resume-offer');
        await offer.getByRole('button', { name: 'Resume' }).click();

        const done = wb.notification(new RegExp(`Health check: ${want.customers} customers, ${want.checked} subscriptions checked; ${want.findings} subscriptions have the wrong support contact`));
        await done.waitFor({ timeout: 180_000 });
        const log = await e.admin.requests(since);
        const reads = subscriptionReads(log);
        const twice = [...reads].filter(([, n]) => n > 1).map(([id]) => id);
        const when = (id: string) => log.filter((r) => r.method === 'GET' && r.status === 200 && r.path.toLowerCase() === `/v1/customers/${id}/subscriptions`)
          .map((r) => `#${r.seq}${r.seq <= reloadAt ? ' (before the reload)' : ''}`).join(' and ');
        expect(twice.length === 0, `${twice.length} customers were read more than once across the reload (reload at #${reloadAt}): ${twice.slice(0, 3).map((id) => `${id} ${when(id)}`).join('; ')}`);
        expect(reads.size === want.customers, `${reads.size} of ${want.customers} customers were read`);
        expect(log.length > stopped, 'the resumed scan sent no request');

        await done.getByRole('button', { name: 'Show Report' }).click();
        await wb.webview().locator('#totals').waitFor({ timeout: 30_000 }); // the notification's button, not the command openReport runs
        const totals = await reportTotals(ctx, Object.keys(want));
        expect(JSON.stringify(totals) === JSON.stringify(want), `the report's totals ${JSON.stringify(totals)} are not the seed's ${JSON.stringify(want)}`);
        await wb.screenshot('health-resumed');
      });
    },
  },
  {
    name: 'health report: "Show in the Customers view" on a finding reveals and selects that subscription under its customer in the Customers tree',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      await wb.clearNotifications();
      await openReport(ctx);
      const p = wb.webview();
      // The seed drifts customers from the 50th on: beyond the tree's first page, so the reveal has to find it.
      const row = p.locator('.line.row').first();
      await row.waitFor({ timeout: 10_000 });
      const isolated = /[\u2066-\u2069]/g;
      const customer = (await row.locator('.cell.customer bdi').innerText()).replace(isolated, '').trim();
      const subscription = (await row.locator('.cell.subscription bdi').innerText()).replace(isolated, '').trim();
      expect(customer !== '' && subscription !== '', `the first finding names no customer or subscription: "${customer}" / "${subscription}"`);
      await row.locator('.cell.subscription button.link').evaluate((b) => (b as HTMLButtonElement).click());

      const selected = wb.rows('Customers').and(wb.page.locator('[aria-selected="true"]')).filter({ hasText: subscription });
      await selected.first().waitFor({ timeout: 30_000 });
      // The selected subscription row sits under the customer's row, expanded (the tree's own levels).
      const rows = await wb.rows('Customers').evaluateAll((rs) => rs.map((r) => ({
        text: (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), level: Number(r.getAttribute('aria-level')),
        expanded: r.getAttribute('aria-expanded') === 'true', selected: r.getAttribute('aria-selected') === 'true',
      })));
      const sub = rows.findIndex((r) => r.selected && r.text.includes(subscription));
      const parent = rows.slice(0, Math.max(0, sub)).reverse().find((r) => r.level === rows[sub]?.level - 1);
      expect(sub >= 0 && parent?.text.includes(customer) === true && parent.expanded,
        `"${subscription}" is not selected under "${customer}", expanded: ${rows.slice(0, 8).map((r) => `${r.level}${r.selected ? '*' : ''} ${r.text}`).join(' | ')}`);
      await wb.screenshot('health-show-in-tree');
      // The reveal searched the Customers view for that customer: back to the whole list for the journeys after.
      await wb.runCommand('Partner Center: Clear Search', 10_000).catch(() => undefined);
    },
  },
];

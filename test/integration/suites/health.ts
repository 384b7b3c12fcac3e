// The support-contact health check as a partner runs it: the command from the palette, the progress
// notification, the result with the counts the emulator's seed knows, the status-bar count, and the
// summary document; every customer's subscriptions read exactly once (the emulator's request log).
import { expect, type UiTest } from '../runner/harness';
import { lastSeq, req, requestsSince } from './emulatorData';
import { ensureSignedIn } from './steps';

interface DriftSub { nce: boolean; status: string; drift: string }
interface DriftCustomer { id: string; subscriptions: DriftSub[] }

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
];

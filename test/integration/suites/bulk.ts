// Bulk reassignment, the Indirect Resellers view, the change log with undo, and CSV export — done as
// a partner does them, asserting on what the workbench shows and on the emulator's request log/state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type EmulatorHandle, type UiContext, type UiTest, req } from '../runner/harness';
import { waitFor } from '../runner/processes';
import type { AdminState, FaultSpec, Reseller, SeedCustomer } from '../../emulator/index';
import { bulkResellers, changedByBulkRunTo, contactKey as key, sameContact as same } from './fixtures';
import { answerConsent, ensureSignedIn, saveThroughDialog, setColorTheme, withFaults } from './steps';
import { applyInPanel, leaveOutWithKeyboard, panel, planTotals, progressHandled, shootPanelThemes } from './panelSteps';

const state = (e: EmulatorHandle) => e.admin.state();
const allSeed = async (e: EmulatorHandle) => e.admin.seed({ all: true });

/** The subscriptions a reassignment to `r` must change: legacy, active, not already supported by `r`. */
function eligible(customers: SeedCustomer[], st: AdminState, r: Reseller): string[] {
  return customers.flatMap((c) => c.subscriptions.filter((s) => !s.nce && s.status === 'active' && !same(st.supportContacts[key(c.id, s.id)], r)).map((s) => key(c.id, s.id)));
}

/** `applied: true` PUTs per "<customer>/<subscription>" since `since`. */
async function appliedPuts(e: EmulatorHandle, since: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of await e.admin.requests(since)) {
    const m = /\/customers\/([^/]+)\/subscriptions\/([^/]+)\/supportcontact$/i.exec(r.path);
    if (r.method === 'PUT' && m && r.applied) counts.set(key(m[1], m[2]), (counts.get(key(m[1], m[2])) ?? 0) + 1);
  }
  return counts;
}

function expectExactlyOnce(expected: string[], counts: Map<string, number>, what: string): void {
  const missing = expected.filter((k) => counts.get(k) !== 1);
  const extra = [...counts.keys()].filter((k) => !expected.includes(k));
  expect(missing.length === 0 && extra.length === 0,
    `${what}: ${missing.length} not changed exactly once (${missing.slice(0, 3).map((k) => `${k}×${counts.get(k) ?? 0}`).join(', ')}), ${extra.length} changed but not eligible`);
}

/**
 * Loads every page of the Customers view (no "Load more…" row is left, so a Ctrl+A selection holds
 * customers only: VS Code shows a multi-selection's context menu only for actions every selected row has).
 */
async function loadAllCustomers(ctx: UiContext, customers: SeedCustomer[]): Promise<void> {
  const { wb } = ctx;
  await wb.row('Customers', customers[0].companyName).waitFor({ timeout: 30_000 });
  const list = wb.pane('Customers').locator('.monaco-list').first();
  for (let loaded = 20; loaded < customers.length; loaded += 20) {
    const more = wb.row('Customers', /Load more…/);
    if (!(await more.isVisible())) {
      await list.focus();
      await wb.page.keyboard.press('End');
    }
    if (!(await more.isVisible().catch(() => false))) break; // already loaded by an earlier journey
    await more.click();
    const last = customers[Math.min(loaded + 20, customers.length) - 1];
    await waitFor(`${last.companyName} to load`, async () => {
      await wb.page.keyboard.press('End');
      return (await wb.row('Customers', last.companyName).isVisible()) || undefined;
    }, 20_000, 300);
  }
}

/** Collapses the Customers tree, selects every customer (Ctrl+A) and runs a context-menu command on them. */
async function onAllCustomers(ctx: UiContext, command: string): Promise<void> {
  const { wb } = ctx;
  const header = wb.pane('Customers').locator('.pane-header');
  await header.hover();
  await header.locator('.action-label[aria-label^="Collapse All"]').click();
  const list = wb.pane('Customers').locator('.monaco-list').first();
  await list.focus();
  await wb.page.keyboard.press('Home');
  await wb.page.keyboard.press('Control+a');
  await openContextMenuItem(ctx, wb.rows('Customers').and(wb.page.locator('[aria-selected="true"]')).first(), command);
}

/** Right-clicks a row (again, if the menu does not show) and chooses `command` as a keyboard user does. */
async function openContextMenuItem({ wb }: UiContext, row: ReturnType<UiContext['wb']['row']>, command: string): Promise<void> {
  const item = wb.contextMenuItem(command);
  for (let attempt = 0; ; attempt++) {
    // The keyboard's context-menu key keeps a multi-selection; a right-click is the fallback.
    if (attempt % 2 === 0) await wb.page.keyboard.press('Shift+F10');
    else await row.click({ button: 'right' });
    try {
      await item.waitFor({ timeout: 4_000 });
      break;
    } catch (err) {
      await wb.screenshot(`menu-missing-${attempt}`);
      if (attempt >= 3) throw err;
    }
  }
  await item.hover();
  await wb.page.keyboard.press('Enter');
}

/** Focuses the Customers tree (clicking a visible row) and goes to its first row. */
async function scrollToTop(ctx: UiContext): Promise<void> {
  await ctx.wb.pane('Customers').locator('.monaco-list').first().focus();
  await ctx.wb.page.keyboard.press('Home');
}

/** The new reseller, from the quick pick; then the Reassignment panel shows the plan. */
async function chooseReseller(ctx: UiContext, r: Reseller): Promise<void> {
  const item = ctx.wb.quickPickRow(r.name);
  await item.waitFor({ timeout: 60_000 });
  await item.click();
}

/** Reseller → its customers (with the count) → a customer's subscriptions that reseller supports; its context menu. */
async function resellerJourney(ctx: UiContext, c: Reseller, servedCount: number, customerName: string, subscriptionName: string): Promise<void> {
  const { wb } = ctx;
  const e = req(ctx.emulator);
  const row = wb.row('Indirect Resellers', c.name);
  await row.waitFor({ timeout: 30_000 });
  expect((await row.innerText()).includes(`MPN ID ${c.mpnId}`), `the reseller row does not show its MPN ID: ${await row.innerText()}`);
  const since = await e.admin.lastSeq();
  // The view's Refresh: whatever an earlier journey loaded here is read again (the filtered read is checked below).
  await wb.pane('Indirect Resellers').locator('.pane-header').hover();
  await wb.pane('Indirect Resellers').locator('.pane-header .action-label[aria-label="Refresh"]').click();
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await wb.row('Indirect Resellers', new RegExp(`${servedCount} customers?`)).waitFor({ timeout: 20_000 });
  const filtered = (await e.admin.requests(since)).some((r) => r.path.endsWith('/customers') && /IndirectReseller/i.test(decodeURIComponent(r.query ?? '')));
  expect(filtered, 'the customers were not read with the IndirectReseller filter');
  const customerRow = wb.row('Indirect Resellers', customerName);
  expect(/1 request per legacy subscription/.test(await customerRow.innerText()), 'the customer row does not explain the cost');
  await customerRow.click();
  await wb.row('Indirect Resellers', subscriptionName).waitFor({ timeout: 30_000 });
  await row.click({ button: 'right' });
  await wb.contextMenuItem('Reassign Support Contact…').waitFor({ timeout: 5_000 });
  await wb.contextMenuItem('Export to CSV…').waitFor({ timeout: 5_000 });
  await wb.page.keyboard.press('Escape');
  await wb.screenshot('reseller-view');
}

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Screenshots of what is on screen in the light, dark and high-contrast themes (back to light after). */
async function shootThemes(ctx: UiContext, name: string): Promise<void> {
  for (const [theme, suffix] of [['Light Modern', 'light'], ['Dark Modern', 'dark'], ['Dark High Contrast', 'high-contrast']] as const) {
    await setColorTheme(ctx, theme);
    await ctx.wb.screenshot(`${name}-${suffix}`);
  }
  await setColorTheme(ctx, 'Light Modern');
}

const CANCEL_AND_RESUME = 'bulk: cancel midway in the panel, then "Resume Reassignment" opens the panel at the journal\'s state and completes the rest exactly once';
const HISTORY_UNDO = 'history view: the run\'s changes appear by day and run; inline Undo restores one and the view updates; a second Undo is refused';

export const bulkTests: UiTest[] = [
  {
    name: 'bulk: reassign ≥ 50 subscriptions from a multi-selection through 429s and 503s — the panel plan, two rows left out, Apply, live states, Pause, result; the two unchanged, every other eligible one changed exactly once',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const customers = await allSeed(e);
      const st = await state(e);
      // The target already supports some subscriptions, so the preview has "already set" skips.
      const b = bulkResellers().all;
      await loadAllCustomers(ctx, customers);
      const scope = customers;
      const expected = eligible(scope, st, b);
      expect(expected.length >= 50, `only ${expected.length} eligible subscriptions`);
      await onAllCustomers(ctx, 'Reassign Support Contact…');
      await chooseReseller(ctx, b);
      // The panel shows the plan; its counts agree with the emulator.
      const planned = await planTotals(ctx, b.name);
      expect(planned.change === expected.length && planned.leftOut === 0, `the panel offers ${planned.change} changes; the emulator says ${expected.length} are eligible`);
      expect(await panel(ctx).locator('.line.state-skip').count() > 0, 'the plan shows no skipped row');
      await shootPanelThemes(ctx, 'bulk-panel-plan');
      // Two rows left out with the keyboard: the totals follow.
      const leftOut = await leaveOutWithKeyboard(ctx, 2);
      const after = await planTotals(ctx, b.name);
      expect(after.change === expected.length - 2 && after.leftOut === 2, `after leaving two out the totals read ${JSON.stringify(after)}`);
      const since = await e.admin.lastSeq();
      const apply = await withFaults(ctx, { throttle: 3, retryAfterSeconds: 1, status: 503, fraction: 0.1, latencyMs: 300, pathPattern: 'supportcontact$' }, async () => {
        const offered = await applyInPanel(ctx);
        expect(offered === expected.length - 2, `Apply offers ${offered} changes, not ${expected.length - 2}`);
        // The live states move; Pause holds the run while the screenshots are taken.
        await progressHandled(ctx);
        await panel(ctx).locator('#pause', { hasText: 'Pause' }).click();
        await panel(ctx).locator('#progress-text', { hasText: 'Paused' }).waitFor({ timeout: 10_000 });
        await shootPanelThemes(ctx, 'bulk-panel-running');
        expect(await panel(ctx).locator('.line.state-changed').count() > 0, 'no row shows "changed" while the run goes on');
        await panel(ctx).locator('#pause', { hasText: 'Resume' }).click();
        await wb.notification(new RegExp(`Support contact → ${b.name}: ${offered} changed, \\d+ skipped, 0 failed\\.`)).waitFor({ timeout: 180_000 });
        return offered;
      });
      await panel(ctx).locator('#summary', { hasText: `${apply} changed` }).waitFor({ timeout: 20_000 });
      await shootPanelThemes(ctx, 'bulk-panel-result');
      const log = await e.admin.requests(since);
      const puts = log.filter((r) => r.method === 'PUT');
      // The engine re-reads each contact (GET …/supportcontact) just before its PUT, so the injected
      // faults fall on both; the first ones (the 429s) on the first re-reads.
      const contactCalls = log.filter((r) => /\/supportcontact$/i.test(r.path));
      expect(contactCalls.some((r) => r.status === 429) && contactCalls.some((r) => r.status === 503), 'the run met no injected 429 and 503');
      const counts = await appliedPuts(e, since);
      expectExactlyOnce(expected.filter((k) => !leftOut.includes(k)), counts, 'bulk run');
      const end = await state(e);
      expect(leftOut.every((k) => !counts.has(k) && JSON.stringify(end.supportContacts[k]) === JSON.stringify(st.supportContacts[k])), 'a row left out was changed');
      const nce = scope.flatMap((c) => c.subscriptions.filter((s) => s.nce).map((s) => key(c.id, s.id)));
      expect(!puts.some((r) => nce.some((k) => r.path.toLowerCase().includes(k))), 'a PUT was sent for an NCE subscription');
    },
  },
  {
    name: CANCEL_AND_RESUME,
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const customers = await allSeed(e);
      const st = await state(e);
      const c = bulkResellers().resumed;
      await loadAllCustomers(ctx, customers);
      const expected = eligible(customers, st, c);
      await wb.clearNotifications();
      await onAllCustomers(ctx, 'Reassign Support Contact…');
      await chooseReseller(ctx, c);
      const planned = await planTotals(ctx, c.name);
      expect(planned.change === expected.length, `the panel offers ${planned.change} changes; ${expected.length} are eligible`);
      const since = await e.admin.lastSeq();
      const apply = await withFaults(ctx, { latencyMs: 1500, pathPattern: 'supportcontact$' }, async () => {
        const offered = await applyInPanel(ctx);
        await progressHandled(ctx);
        await panel(ctx).locator('#cancel').click();
        await wb.notification(/not run \(cancelled\)\. Resume to finish\./).waitFor({ timeout: 60_000 });
        return offered;
      });
      await panel(ctx).locator('#summary', { hasText: /cancelled/ }).waitFor({ timeout: 20_000 });
      expect(await panel(ctx).locator('.line.state-notRun').count() > 0, 'the cancelled run shows no "not run" row');
      const partial = await appliedPuts(e, since);
      expect(partial.size > 0 && partial.size < expected.length, `cancel did not stop midway: ${partial.size} of ${expected.length} applied`);
      await wb.screenshot('bulk-cancelled');
      await wb.clearNotifications();
      // While another VS Code window holds the run's lock (a live heartbeat from a live process on this
      // machine: this test runner), this window neither resumes nor offers it.
      const bulkDir = path.join(ctx.userDataDir, 'User', 'globalStorage', 'partner-center-tools.partner-center-support-contacts', 'bulk');
      const journals = fs.readdirSync(bulkDir).filter((n) => /^reassign-.*\.jsonl$/.test(n));
      expect(journals.length === 1, `expected one interrupted journal, found ${journals.join(', ') || 'none'}`);
      const lockFile = path.join(bulkDir, `${journals[0]}.lock`);
      fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, owner: 'another-window', hostname: os.hostname(), heartbeat: new Date().toISOString() }));
      try {
        await wb.runCommand('Partner Center: Resume Reassignment');
        await wb.notification(/There is no interrupted support-contact reassignment to resume/).waitFor({ timeout: 20_000 });
        expect((await appliedPuts(e, since)).size === partial.size, 'a run another window holds was resumed here');
      } finally {
        fs.rmSync(lockFile, { force: true });
      }
      await wb.clearNotifications();
      await wb.runCommand('Partner Center: Resume Reassignment');
      // The panel opens at the journal's state: what the first run did is already counted.
      await panel(ctx).locator('.note', { hasText: 'Resumed from its journal' }).waitFor({ timeout: 30_000 });
      // The panel's first frame may come before the journal's counts (seen on CI: "0 of 147" for a moment,
      // then "16 of 147"): wait for the journal's changes to be counted; the summary below proves they
      // were counted once, not re-done.
      const handled = await progressHandled(ctx, partial.size);
      expect(handled >= partial.size, `the resumed panel starts at ${handled} done, the journal has ${partial.size}`);
      await wb.notification(new RegExp(`Support contact → ${c.name}: ${apply} changed, \\d+ skipped, 0 failed\\.`)).waitFor({ timeout: 120_000 });
      await panel(ctx).locator('#summary', { hasText: `${apply} changed` }).waitFor({ timeout: 20_000 });
      await wb.screenshot('bulk-panel-resumed');
      expectExactlyOnce(expected, await appliedPuts(e, since), 'cancelled and resumed run');
      const after = await state(e);
      expect(expected.every((k) => same(after.supportContacts[k], c)), 'not every eligible subscription has the new contact');
    },
  },
  {
    name: 'reseller view: resellers → customers served (server-side filter) → subscriptions each supports',
    needsEmulator: true,
    needs: [CANCEL_AND_RESUME], // the subscriptions its reseller supports
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const c = bulkResellers().resumed;
      const st = await state(e);
      const served = (await allSeed(e)).filter((x) => x.resellerId?.toLowerCase() === c.id.toLowerCase());
      const withSub = served.find((x) => x.subscriptions.some((s) => !s.nce && same(st.supportContacts[key(x.id, s.id)], c)));
      expect(withSub, `seed: no customer served by ${c.name} has a subscription it supports`);
      const sub = withSub.subscriptions.find((s) => !s.nce && same(st.supportContacts[key(withSub.id, s.id)], c));
      // Give the view the sidebar's height: collapse Customers (restored at the end).
      const customersHeader = wb.pane('Customers').locator('.pane-header');
      if ((await customersHeader.getAttribute('aria-expanded')) === 'true') await customersHeader.click();
      const header = wb.pane('Indirect Resellers').locator('.pane-header');
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      try {
        await resellerJourney(ctx, c, served.length, withSub.companyName, sub?.friendlyName ?? '');
      } finally {
        if ((await customersHeader.getAttribute('aria-expanded')) !== 'true') await customersHeader.click();
      }
    },
  },
  {
    name: HISTORY_UNDO,
    needsEmulator: true,
    needs: [CANCEL_AND_RESUME], // its run and changes
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const c = bulkResellers().resumed;
      const changed = await changedByBulkRunTo(e.admin, c);
      const before = await state(e);
      await wb.clearNotifications();
      // The palette command reveals the view (it is collapsed in the sidebar by default).
      await wb.runCommand('Partner Center: Show Support Contact History');
      const customersHeader = wb.pane('Customers').locator('.pane-header');
      if ((await customersHeader.getAttribute('aria-expanded')) === 'true') await customersHeader.click();
      // The Indirect Resellers view too (an earlier journey may have left it open): the History view
      // then has the sidebar's height, and the row this journey works on stays among the rendered rows.
      const resellersHeader = wb.pane('Indirect Resellers').locator('.pane-header');
      if ((await resellersHeader.getAttribute('aria-expanded')) === 'true') await resellersHeader.click();
      try {
        await wb.row('Support Contact History', /^\s*Today/).waitFor({ timeout: 15_000 });
        const run = wb.row('Support Contact History', new RegExp(`Bulk run → ${escapeRe(c.name)}`));
        await run.waitFor({ timeout: 15_000 });
        const runText = (await run.innerText()).replace(/\s+/g, ' ');
        expect(runText.includes(`${changed.length} changed`), `the run row does not count its ${changed.length} changes: ${runText}`);
        await run.click(); // expands it
        // A change Undo can work on (one whose subscription had a contact before: none cannot be restored).
        const entry = wb.rows('Support Contact History').filter({ hasText: new RegExp(`→ ${escapeRe(c.name)} · changed`) })
          .filter({ has: wb.page.locator('.action-label[aria-label="Undo"]') }).first();
        await entry.waitFor({ timeout: 15_000 });
        // The theme screenshots first: switching themes re-renders the view, so the row is read and
        // clicked after them, with nothing in between that could scroll it out of the rendered rows.
        await shootThemes(ctx, 'history');
        const rawLabel = (await entry.getAttribute('aria-label')) ?? '';
        const label = rawLabel.replace(/\s+/g, ' ');
        // From here on the one row read above, by its whole accessible name: `entry` is a query
        // ("the first row that…") and may point at another row once the view re-renders (themes, hover).
        const row = wb.pane('Support Contact History').getByRole('treeitem', { name: rawLabel, exact: true }).first();
        const text = (await row.innerText()).replace(/\s+/g, ' ');
        // The row's label and description run together in innerText ("… — 株式会社テストCoho Winery → …"):
        // of the customers whose "subscription — customer" starts the text, the longest name is the one.
        const names = (x: { companyName: string }, sub: { friendlyName: string }): boolean => text.startsWith(`${sub.friendlyName} — ${x.companyName}`);
        const customer = (await allSeed(e)).filter((x) => x.subscriptions.some((sub) => names(x, sub)))
          .sort((a, b) => b.companyName.length - a.companyName.length)[0];
        expect(customer, `the history row does not name a seeded subscription and customer: ${text}`);
        // Names can repeat within a customer (add-ons, several of one offer): every subscription of that
        // name this run set to c is a candidate, and the undo must restore exactly one of them.
        const candidates = customer.subscriptions.filter((sub) => names(customer, sub) && same(before.supportContacts[key(customer.id, sub.id)], c));
        expect(candidates.length > 0, 'the emulator does not have the contact this entry set');
        expect(/ to .*, changed, by /.test(label), `the row's accessible name does not read old → new, outcome and who: ${label}`);
        const old = /^(.*) → /.exec(text.slice(text.indexOf(customer.companyName) + customer.companyName.length).trim())?.[1]?.trim();
        await row.hover();
        await row.locator('.action-label[aria-label="Undo"]').click();
        await wb.notification(/Undone: the support contact of/).waitFor({ timeout: 30_000 });
        const undoneState = await state(e);
        const restored = candidates.filter((s) => !same(undoneState.supportContacts[key(customer.id, s.id)], c));
        expect(restored.length === 1, `the undo changed ${restored.length} of the ${candidates.length} subscriptions this entry may name`);
        const sub = restored[0];
        const k = key(customer.id, sub.id);
        const after = undoneState.supportContacts[k];
        expect(after && !same(after, c) && (!old || old.includes(after.name) || after.name.includes(old)), `undo did not restore the old contact ${old}: now ${JSON.stringify(after)}`);
        // The view updates by itself: the undo is listed (today, on its own row).
        const undone = wb.rows('Support Contact History').filter({ hasText: `${sub.friendlyName} — ${customer.companyName}` }).filter({ hasText: '· undone ·' }).first();
        await undone.waitFor({ timeout: 15_000 });
        await wb.screenshot('history-after-undo');
        // The same entry again: the contact is no longer the one it set, so undo refuses.
        await row.hover();
        await row.locator('.action-label[aria-label="Undo"]').click();
        await wb.dialog().filter({ hasText: /changed since/ }).waitFor({ timeout: 30_000 });
        await wb.screenshot('history-undo-conflict');
        await wb.page.keyboard.press('Escape');
        const still = (await state(e)).supportContacts[k];
        expect(still && after && still.supportTenantId === after.supportTenantId, 'the refused undo changed the contact');
      } finally {
        if ((await customersHeader.getAttribute('aria-expanded')) !== 'true') await customersHeader.click();
      }
    },
  },
  {
    name: 'history view: 50 damaged lines in the change log are counted in the view; every readable change stays listed',
    needsEmulator: true,
    needs: [CANCEL_AND_RESUME], // its run's row
    async run(ctx) {
      const { wb } = ctx;
      const c = bulkResellers().resumed;
      const changed = await changedByBulkRunTo(req(ctx.emulator).admin, c);
      const file = path.join(ctx.userDataDir, 'User', 'globalStorage', 'partner-center-tools.partner-center-support-contacts', 'support-contact-changes.jsonl');
      const good = fs.readFileSync(file);
      // What a crash, a full disk or a hand edit can leave: not JSON, JSON that is not an entry, an entry missing a field.
      const damaged = ['null', '{}', '42', '"text"', '[]', '{"time":"2026-12-03T00:00:00Z"}', '{"time": "2026-12-03T', '{"outcome":"changed","new":null}'];
      const lines = Array.from({ length: 50 }, (_, n) => damaged[n % damaged.length]);
      fs.appendFileSync(file, `${lines.join('\n')}\n`);
      const customersHeader = wb.pane('Customers').locator('.pane-header');
      try {
        await wb.runCommand('Partner Center: Show Support Contact History');
        if ((await customersHeader.getAttribute('aria-expanded')) === 'true') await customersHeader.click();
        await wb.runCommand('Partner Center: Refresh History');
        await wb.pane('Support Contact History').getByText('50 lines of the change log could not be read and are not shown; every readable change is.').waitFor({ timeout: 20_000 });
        const run = wb.row('Support Contact History', new RegExp(`Bulk run → ${escapeRe(c.name)}`));
        await run.waitFor({ timeout: 15_000 });
        const runText = (await run.innerText()).replace(/\s+/g, ' ');
        expect(runText.includes(`${changed.length} changed`), `the run row lost changes next to the damaged lines: ${runText}`);
        await wb.screenshot('history-unreadable-lines');
      } finally {
        fs.writeFileSync(file, good); // the CSV journey checks the log's content
        await wb.runCommand('Partner Center: Refresh History');
        if ((await customersHeader.getAttribute('aria-expanded')) !== 'true') await customersHeader.click();
      }
      await wb.pane('Support Contact History').getByText(/lines? of the change log could not be read/).waitFor({ state: 'detached', timeout: 20_000 });
    },
  },
  {
    name: 'csv: export a customer\'s subscriptions and the change log through the save dialog; content checked',
    needsEmulator: true,
    needs: [HISTORY_UNDO], // bulk and undo entries in the change log
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const stamp = Date.now();
      // A customer's subscriptions, from the Customers view's context menu.
      const customer = (await allSeed(e))[0];
      const st = await state(e);
      await wb.clearNotifications();
      await scrollToTop(ctx);
      const row = wb.row('Customers', customer.companyName);
      await row.click();
      await openContextMenuItem(ctx, row, 'Export to CSV…');
      const subsFile = await saveThroughDialog(ctx, 'Export to CSV', `customer-${stamp}.csv`, 'csv-save-dialog');
      const lines = fs.readFileSync(subsFile, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      expect(lines[0].startsWith('Customer,Customer ID,Subscription,Subscription ID'), `unexpected header: ${lines[0]}`);
      expect(lines.length === customer.subscriptions.length + 1, `expected ${customer.subscriptions.length} rows, got ${lines.length - 1}`);
      for (const s of customer.subscriptions) {
        const line = lines.find((l) => l.toLowerCase().includes(s.id.toLowerCase()));
        expect(line, `subscription ${s.id} missing from the CSV`);
        const contact = st.supportContacts[key(customer.id, s.id)];
        // No designated reseller (null in the emulator's state): Partner Center answers with the indirect
        // provider itself, as its dashboard documents, and the CSV carries that contact.
        expect(s.nce ? line.includes(',yes,') : line.toLowerCase().includes((contact ? contact.supportTenantId : st.partnerTenantId).toLowerCase()) && (!contact || line.includes(contact.supportMpnId)), `wrong contact in: ${line}`);
      }
      // The change log, from the palette.
      await wb.runCommand('Partner Center: Export to CSV…');
      await wb.quickPickRow('Support contact history').click();
      const logFile = await saveThroughDialog(ctx, 'Export to CSV', `history-${stamp}.csv`);
      const log = fs.readFileSync(logFile, 'utf8').replace(/^\uFEFF/, '');
      const rows = log.split('\r\n').filter(Boolean);
      expect(rows[0].startsWith('Time,Account,Customer'), `unexpected header: ${rows[0]}`);
      const changed = await changedByBulkRunTo(e.admin, bulkResellers().resumed);
      expect(rows.length > changed.length, `the history export has only ${rows.length - 1} rows`);
      expect(rows.some((r) => r.endsWith(',undo')) && rows.some((r) => r.endsWith(',bulk')), 'the history export lacks the bulk and undo entries');
      expect(rows.every((r) => !/(^|,)[=+\-@]/.test(r)), 'a cell starts with a formula character');
    },
  },
  mfaMidRun('an MFA challenge', { mfaChallenge: 1 }, 'bulk-mfa-stopped'),
  mfaMidRun('MFA as it really arrives (a plain 401 with 900421)', { mfaRequired: 1 }, 'bulk-mfa-900421-stopped'),
];

/**
 * A run whose first call meets the service's MFA answer (a claims challenge, or the plain 401 with
 * 900421): it stops with nothing lost, and "Sign In and Resume" finishes it exactly once.
 */
function mfaMidRun(what: string, fault: FaultSpec, screenshot: string): UiTest {
  return {
    name: `bulk: ${what} mid-run stops it with nothing lost; "Sign In and Resume" finishes it exactly once`,
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      await ensureSignedIn(ctx);
      const st = await state(e);
      const customers = await allSeed(e);
      // A customer shown on the first page with at least two subscriptions to change, to a reseller
      // the other bulk journeys do not use.
      const d = bulkResellers().mfa;
      const customer = customers.slice(0, 20).find((c) => !/[<>&]/.test(c.companyName) && eligible([c], st, d).length >= 2);
      expect(customer, 'no customer with two subscriptions to change');
      const expected = eligible([customer], st, d);
      // Both MFA journeys move a customer's two or more subscriptions to the same reseller: the earlier
      // run's result ("Support contact → d: 2 changed, …") stays in the notification center, where the
      // wait below looks, and would pass for this run's before its resume has sent anything.
      await wb.clearNotifications();
      await wb.runCommand('Notifications: Clear All Notifications');
      await scrollToTop(ctx);
      const row = wb.row('Customers', customer.companyName);
      await row.click();
      await openContextMenuItem(ctx, row, 'Reassign Support Contact…');
      await chooseReseller(ctx, d);
      const planned = await planTotals(ctx, d.name);
      expect(planned.change === expected.length, `the panel offers ${planned.change} changes; ${expected.length} are eligible`);
      // The preview is done: the run's first call (a re-read) meets the claims challenge.
      await e.admin.setFaults({ ...fault, pathPattern: 'supportcontact$' });
      const since = await e.admin.lastSeq();
      const apply = await applyInPanel(ctx);
      const stopped = wb.notification(/The reassignment stopped: Partner Center asks you to sign in again with multi-factor authentication/);
      // As a user would: the toast, or (seen once in a full run, with no toast on screen) the bell's list.
      await waitFor('the "stopped for MFA" notification', async () => {
        if (await stopped.isVisible()) return true;
        await wb.runCommand('Notifications: Show Notifications');
        return (await stopped.isVisible()) || undefined;
      }, 45_000, 1_000);
      expect((await appliedPuts(e, since)).size === 0, 'a change was applied although the run stopped at its first call');
      await wb.screenshot(screenshot);
      await stopped.locator('.monaco-button', { hasText: 'Sign In and Resume' }).click();
      // VS Code may ask before the extension signs in again (forceNewSession): answer as a user would.
      await answerConsent(wb.page, 5_000);
      // After VS Code's modal sign-in dialog the result may go straight to the notification center
      // (no toast): look there as a user would, through the bell.
      const result = wb.notification(new RegExp(`Support contact → ${d.name}: ${apply} changed, \\d+ skipped, 0 failed\\.`));
      await waitFor('the resumed run\'s result', async () => {
        if (await result.isVisible()) return true;
        await wb.runCommand('Notifications: Show Notifications');
        return (await result.isVisible()) || undefined;
      }, 60_000, 1_000);
      await wb.runCommand('Notifications: Hide Notifications').catch(() => wb.dismissQuickInput());
      expectExactlyOnce(expected, await appliedPuts(e, since), 'run stopped by MFA and resumed');
      const after = await state(e);
      expect(expected.every((k) => same(after.supportContacts[k], d)), 'not every eligible subscription has the new contact');
    },
  };
}

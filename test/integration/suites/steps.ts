// Steps several journeys share, done as a person does them.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import type { FaultSpec, RefusalSpec } from '../../emulator/index';
import { expect, req, type UiContext } from '../runner/harness';
import { waitFor } from '../runner/processes';
import type { Workbench } from '../runner/workbench';

/** The Customers view's welcome button "Sign in to Partner Center" (shown while signed out). */
export function welcomeSignIn(wb: Workbench): Locator {
  return wb.pane('Customers').locator('.welcome-view-content .monaco-button', { hasText: 'Sign in to Partner Center' });
}

/**
 * Clicks the welcome view's sign-in button and answers VS Code's consent dialog with Allow when it
 * asks. `consent: 'asked'` fails unless VS Code asks (a workbench's first sign-in). It does not wait
 * for the outcome: the caller waits for what it expects (the customers, a refusal's toast).
 */
export async function signInFromWelcome({ wb }: UiContext, { consent = 'ifAsked' }: { consent?: 'asked' | 'ifAsked' } = {}): Promise<void> {
  await wb.openContainer('Partner Center');
  await welcomeSignIn(wb).click();
  const asked = await answerConsent(wb.page);
  expect(asked || consent === 'ifAsked', 'VS Code did not ask to allow the sign-in');
}

/** Signs in through the welcome view's button unless the Customers view already lists rows. */
export async function ensureSignedIn(ctx: UiContext): Promise<void> {
  const { wb } = ctx;
  await wb.openContainer('Partner Center');
  const rows = wb.rows('Customers');
  const first = await Promise.race([
    welcomeSignIn(wb).waitFor({ timeout: 30_000 }).then(() => 'welcome' as const),
    rows.first().waitFor({ timeout: 30_000 }).then(() => 'rows' as const),
  ]);
  if (first === 'rows') return;
  await signInFromWelcome(ctx);
  await rows.first().waitFor({ timeout: 30_000 });
}

/**
 * Partner Center: Search Customers… → "Company name" → `text` → Enter. The view then lists the
 * matches under a "Clear search" row; the caller waits for what it expects there.
 */
export async function searchCustomers({ wb }: UiContext, text: string): Promise<void> {
  await wb.runCommand('Partner Center: Search Customers…');
  await wb.quickPickRow('Company name').waitFor({ timeout: 10_000 });
  await wb.page.keyboard.press('Enter');
  const input = wb.quickInput().locator('input.input');
  await input.waitFor();
  await input.fill(text);
  await wb.page.keyboard.press('Enter');
}

/** Developer: Reload Window, through the palette; resolves once the new workbench is up. */
export async function reloadWindow(ctx: UiContext): Promise<void> {
  const { wb } = ctx;
  const loaded = wb.page.waitForEvent('load', { timeout: 60_000 });
  await wb.runCommand('Developer: Reload Window');
  await loaded;
  await wb.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await wb.page.locator('.part.activitybar').waitFor({ timeout: 90_000 });
}

/** Runs `fn` while the emulator injects `spec`; the faults are cleared afterwards, also when `fn` fails. */
export function withFaults<T>(ctx: UiContext, spec: FaultSpec, fn: () => Promise<T>): Promise<T> {
  return req(ctx.emulator).admin.withFaults(spec, fn);
}

/** Runs `fn` while the emulator refuses sign-ins as `spec` says; lifted afterwards, also when `fn` fails. */
export function withSignInsRefused<T>(ctx: UiContext, spec: RefusalSpec, fn: () => Promise<T>): Promise<T> {
  return req(ctx.emulator).admin.withSignInsRefused(spec, fn);
}

/**
 * "The extension … wants to sign in using Microsoft." (or "… wants you to sign in again …", for a
 * forced new session) → Allow, only when VS Code asks.
 */
export async function answerConsent(page: UiContext['wb']['page'], timeoutMs = 8_000): Promise<boolean> {
  const allow = page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: /^Allow$/ }).first();
  try {
    await allow.waitFor({ timeout: timeoutMs });
  } catch {
    return false;
  }
  await allow.click();
  return true;
}

/** Preferences: Color Theme → the named theme, through the palette as a person does it. */
export async function setColorTheme({ wb }: UiContext, theme: string): Promise<void> {
  // runCommand picks the row whose label is exactly this ("Browse Color Themes in Marketplace" may
  // rank first) and falls back to the command center where F1 is swallowed (focus in a webview).
  await wb.runCommand('Preferences: Color Theme');
  // The palette's input is reused by the theme picker: wait for the theme list before typing.
  await wb.quickPickRow(/Dark Modern|Light Modern/).waitFor({ timeout: 10_000 });
  await wb.page.keyboard.type(theme);
  await wb.quickPickRow(theme).waitFor({ timeout: 10_000 });
  await wb.page.keyboard.press('Enter');
  await wb.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * VS Code's own save dialog (code-server's simple file dialog, titled `title`): waits for the file it
 * proposes, types `name` over the proposed name in the same folder (the workspace folder) and presses
 * Enter, again while the dialog stays open, as a person would. Returns the path written; a copy is
 * kept under test-results/csv. The same folder on purpose: a path in another folder makes the dialog
 * list that folder first, and in full runs it then once stayed open, ignoring Enter and OK. When the
 * dialog closes without writing the file, the error says what the extension says it wrote instead.
 */
export async function saveThroughDialog(ctx: UiContext, title: string, name: string, screenshot?: string): Promise<string> {
  const { wb } = ctx;
  const input = wb.quickInput().filter({ hasText: title }).locator('input.input');
  await input.waitFor({ timeout: 20_000 });
  const proposed = await waitFor('the save dialog to propose a file name', async () => {
    const value = await input.inputValue();
    return /\.\w+$/.test(value) ? value : undefined;
  }, 10_000, 100);
  const file = path.join(path.dirname(proposed), name);
  await input.fill(file);
  await waitFor('the path to be in the save dialog', async () => ((await input.inputValue()) === file ? true : undefined), 5_000, 100);
  if (screenshot) await wb.screenshot(screenshot);
  await acceptSaveDialog(ctx, input, file);
  const copy = path.join(ctx.resultsDir, 'csv', name);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(file, copy);
  return file;
}

async function acceptSaveDialog({ wb }: UiContext, input: Locator, file: string): Promise<void> {
  const written = (): boolean => fs.existsSync(file) && fs.statSync(file).size > 0;
  const seen: string[] = [];
  const end = Date.now() + 30_000;
  let closedAt: number | undefined;
  while (!written()) {
    if (await input.isVisible().catch(() => false)) {
      closedAt = undefined;
      const value = await input.inputValue({ timeout: 1_000 }).catch(() => '');
      const message = (await wb.quickInput().locator('.quick-input-message').innerText({ timeout: 500 }).catch(() => '')).trim();
      seen.push(`"${value}"${message ? ` (${message})` : ''}`);
      if (value !== file) await input.fill(file);
      await input.press('Enter', { timeout: 1_000 }).catch(() => undefined);
    } else if (Date.now() - (closedAt ??= Date.now()) > 5_000) {
      const told = (await wb.notification(/Exported/).innerText({ timeout: 1_000 }).catch(() => 'no "Exported" notification')).replace(/\s+/g, ' ');
      throw new Error(`the save dialog closed but ${file} was not written (${told}); Enter was pressed on ${seen.join(', ')}`);
    }
    if (Date.now() > end) throw new Error(`Timed out after 30000 ms waiting for ${file} to be written; Enter was pressed on ${seen.join(', ')}`);
    await new Promise((r) => setTimeout(r, 1_500));
  }
  if (seen.length > 1) console.log(`  (the save dialog needed Enter ${seen.length} times: ${seen.join(', ')})`);
}

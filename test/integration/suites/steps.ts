// Steps several journeys share, done as a person does them.
import type { Locator } from 'playwright-core';
import type { FaultSpec, RefusalSpec } from '../../emulator/index';
import { expect, req, type UiContext } from '../runner/harness';
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

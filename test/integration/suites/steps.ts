// Steps several journeys share, done as a person does them.
import type { UiContext } from '../runner/harness';

/** Signs in through the welcome view's button (answering VS Code's consent dialog with Allow). */
export async function ensureSignedIn({ wb }: UiContext): Promise<void> {
  await wb.openContainer('Partner Center');
  const button = wb.pane('Customers').locator('.welcome-view-content .monaco-button', { hasText: 'Sign in to Partner Center' });
  const rows = wb.rows('Customers');
  const first = await Promise.race([
    button.waitFor({ timeout: 30_000 }).then(() => 'welcome' as const),
    rows.first().waitFor({ timeout: 30_000 }).then(() => 'rows' as const),
  ]);
  if (first === 'rows') return;
  await button.click();
  await answerConsent(wb.page);
  await rows.first().waitFor({ timeout: 30_000 });
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

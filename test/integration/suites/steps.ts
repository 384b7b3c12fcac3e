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

/** "The extension … wants to sign in using Microsoft." → Allow (only when VS Code asks). */
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

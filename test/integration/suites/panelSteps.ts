// Steps on the Reassignment panel (a webview), done as a person does them: read the plan's totals,
// leave rows out with the keyboard, Apply and confirm, Pause, Cancel, read each row's live state.
import type { FrameLocator } from 'playwright-core';
import { expect, type UiContext } from '../runner/harness';
import { waitFor } from '../runner/processes';
import { setColorTheme } from './steps';

export interface PanelTotals { change: number; skipped: number; leftOut: number }

export function panel(ctx: UiContext): FrameLocator {
  return ctx.wb.webview();
}

/** After the reseller is chosen: the panel shows the plan; its totals line, read. */
export async function planTotals(ctx: UiContext, target: string): Promise<PanelTotals> {
  // The panel of an earlier run may still be open: wait for this plan (its heading names the target).
  await panel(ctx).locator('#heading', { hasText: `→ ${target}` }).waitFor({ timeout: 90_000 });
  await panel(ctx).locator('#apply').waitFor({ timeout: 30_000 });
  const totals = panel(ctx).locator('#totals');
  await totals.filter({ hasText: /to change/ }).waitFor({ timeout: 90_000 });
  const text = (await totals.innerText()).replace(/\s+/g, ' ');
  const m = /(\d[\d,]*) to change · (\d[\d,]*) skipped · (\d[\d,]*) left out/.exec(text);
  expect(m, `the panel's totals do not read "N to change · M skipped · K left out": ${text}`);
  const n = (s: string) => Number(s.replace(/,/g, ''));
  return { change: n(m[1]), skipped: n(m[2]), leftOut: n(m[3]) };
}

/**
 * Keyboard only: Tab from the filter box to the table, ↓ to the first `count` rows that can change,
 * Space on each. Returns their "customer/subscription" keys (from the rows' data-key).
 */
export async function leaveOutWithKeyboard(ctx: UiContext, count: number): Promise<string[]> {
  const p = panel(ctx);
  await p.locator('#filter').focus();
  const grid = p.getByRole('grid');
  for (let i = 0; i < 12 && !(await grid.evaluate((g) => g === document.activeElement)); i++) await ctx.wb.page.keyboard.press('Tab');
  expect(await grid.evaluate((g) => g === document.activeElement), 'Tab does not reach the table');
  const keys: string[] = [];
  for (let step = 0; step < 60 && keys.length < count; step++) {
    await ctx.wb.page.keyboard.press('ArrowDown');
    const active = p.locator('.line.active');
    const cls = (await active.getAttribute('class')) ?? '';
    if (!cls.includes('state-change')) continue;
    const key = (await active.getAttribute('data-key')) ?? '';
    const name = (await active.getAttribute('aria-label')) ?? '';
    expect(/ — .*: .* → .*, change$/.test(name), `the row's accessible name does not say subscription — customer: current → new, action: ${name}`);
    await ctx.wb.page.keyboard.press('Space');
    await p.locator(`.line.state-excluded[data-key="${key}"]`).waitFor({ timeout: 5_000 });
    keys.push(key);
  }
  expect(keys.length === count, `left out ${keys.length} rows, wanted ${count}`);
  return keys;
}

/** "Apply N changes" → the explicit confirmation → "Apply now", from the keyboard. Returns N. */
export async function applyInPanel(ctx: UiContext): Promise<number> {
  const p = panel(ctx);
  const apply = p.locator('#apply');
  await apply.waitFor({ timeout: 30_000 });
  const n = Number(/Apply ([\d,]+) changes?/.exec(await apply.innerText())?.[1]?.replace(/,/g, '') ?? NaN);
  expect(Number.isFinite(n), 'no "Apply N changes" button');
  await apply.focus();
  await ctx.wb.page.keyboard.press('Enter');
  const confirm = p.locator('#confirm');
  await confirm.waitFor({ timeout: 10_000 });
  expect(await confirm.evaluate((b) => b === document.activeElement), 'the confirmation does not take the focus');
  expect(/Change the support contact of/.test(await p.locator('.actions .question').innerText()), 'no explicit confirmation question');
  await ctx.wb.page.keyboard.press('Enter');
  return n;
}

/** The panel's progress line once a change is done ("K of N · C changed …"); returns K. */
export async function progressHandled(ctx: UiContext, minChanged = 1): Promise<number> {
  const line = panel(ctx).locator('#progress-text');
  let handled = 0;
  await waitFor('the panel to report changes', async () => {
    const text = await line.innerText().catch(() => '');
    const m = /(\d[\d,]*) of [\d,]+ · (\d[\d,]*) changed/.exec(text);
    if (!m || Number(m[2].replace(/,/g, '')) < minChanged) return undefined;
    handled = Number(m[1].replace(/,/g, ''));
    return true;
  }, 90_000, 200);
  return handled;
}

/** The panel in light, dark and high-contrast themes (back to light). */
export async function shootPanelThemes(ctx: UiContext, name: string): Promise<void> {
  for (const [theme, suffix] of [['Light Modern', 'light'], ['Dark Modern', 'dark'], ['Dark High Contrast', 'high-contrast']] as const) {
    await setColorTheme(ctx, theme);
    await panel(ctx).locator('#totals').waitFor({ timeout: 10_000 });
    await ctx.wb.screenshot(`${name}-${suffix}`);
  }
  await setColorTheme(ctx, 'Light Modern');
}

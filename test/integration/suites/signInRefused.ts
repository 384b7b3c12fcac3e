// Entra refusing the sign-in, as a real tenant does in the first minutes: each AADSTS answer is one
// plain sentence with its next step, and AADSTS65002 (VS Code's own app not pre-authorised) leads
// through "Use Your Own App Registration" to a sign-in with the partner's own client id.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type UiContext, type UiTest, req } from '../runner/harness';
import { waitFor } from '../runner/processes';
import type { RefusalCode } from '../../emulator/index';
import { answerConsent, ensureSignedIn, reloadWindow, signInFromWelcome, welcomeSignIn, withSignInsRefused } from './steps';

/** VS Code's own app registration (the emulator refuses it for 65002). */
const VSCODE_CLIENT_ID = 'aebc6443-996d-45c2-90f0-388ff96faa56';
const OWN_CLIENT_ID = '3f2a9c1e-7b4d-4e8f-a1c2-5d6e7f809a1b';
const OWN_TENANT = 'contoso-partner.onmicrosoft.com';

const userSettingsFile = (ctx: UiContext): string => path.join(ctx.userDataDir, 'User', 'settings.json');

/** Signs out of every Microsoft account (what the Accounts menu's Sign Out does) and waits for the welcome view. */
async function signedOutEverywhere({ wb }: UiContext): Promise<void> {
  await wb.openContainer('Partner Center');
  await wb.runCommand('Emulator: Sign Out of All Microsoft Accounts');
  await welcomeSignIn(wb).waitFor({ timeout: 20_000 });
  await wb.runCommand('Notifications: Clear All Notifications');
}

/** A screenshot of an error toast with its whole sentence (expanded) and its buttons. */
async function screenshotToast(ctx: UiContext, toast: ReturnType<UiContext['wb']['notification']>, name: string): Promise<void> {
  const expand = toast.locator('.codicon-notifications-expand').first();
  if (await expand.isVisible().catch(() => false)) await expand.click();
  await toast.hover();
  await ctx.wb.screenshot(name);
}

const REFUSED: { code: RefusalCode; sentence: RegExp; button?: string }[] = [
  { code: 65001, sentence: /Nobody has consented to this app using Partner Center in your tenant \(AADSTS65001\)\. Use your own app registration/, button: 'Use Your Own App Registration' },
  { code: 700016, sentence: /Your tenant does not know this app registration \(AADSTS700016: unknown client ID\)\. Check the client ID and tenant, or set up your own app registration/, button: 'Use Your Own App Registration' },
  { code: 53003, sentence: /Conditional Access policies blocked this sign-in \(AADSTS53003\)\. Ask your Entra admin which policy applies/ },
  { code: 50076, sentence: /requires multi-factor authentication for this sign-in \(AADSTS50076\)\. Sign in again and complete the MFA prompt/, button: 'Sign In' },
  { code: 50079, sentence: /register a multi-factor authentication method first \(AADSTS50079\)\. Set it up at https:\/\/aka\.ms\/mfasetup/, button: 'Set Up MFA' },
];

export const signInRefusedTests: UiTest[] = [
  {
    name: 'each AADSTS refusal at sign-in is shown as one plain sentence with its next step',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await signedOutEverywhere(ctx);
      for (const r of REFUSED) {
        await withSignInsRefused(ctx, { code: r.code }, async () => {
          await signInFromWelcome(ctx);
          const toast = wb.notification(r.sentence);
          await toast.waitFor({ timeout: 20_000 });
          const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
          expect(buttons.includes('Copy Details'), `AADSTS${r.code}: no Copy Details: ${buttons.join(', ')}`);
          if (r.button) expect(buttons.includes(r.button), `AADSTS${r.code}: no "${r.button}" button: ${buttons.join(', ')}`);
          else expect(buttons.length === 1, `AADSTS${r.code}: unexpected buttons: ${buttons.join(', ')}`);
          await screenshotToast(ctx, toast, `sign-in-refused-${r.code}`);
          await wb.runCommand('Notifications: Clear All Notifications');
          expect(await wb.pane('Customers').locator('.welcome-view-content').isVisible(), `AADSTS${r.code}: the welcome view went away`);
        });
      }
    },
  },
  {
    name: 'AADSTS65002 at sign-in → "Use Your Own App Registration" → signed in with your own client id',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      const e = req(ctx.emulator);
      const settingsFile = userSettingsFile(ctx);
      await signedOutEverywhere(ctx);
      const since = await e.admin.lastSignInSeq();
      // Entra refuses VS Code's own app only, as it does a first-party app without pre-authorisation.
      try {
        await withSignInsRefused(ctx, { code: 65002, clientId: VSCODE_CLIENT_ID }, async () => {
          await signInFromWelcome(ctx);
          const toast = wb.notification(/does not let VS Code's own app sign in to Partner Center \(AADSTS65002: the app is not pre-authorised for the Partner Center API\)\. Use your own app registration instead\./);
          await toast.waitFor({ timeout: 20_000 });
          await screenshotToast(ctx, toast, 'sign-in-refused-65002');
          await toast.locator('.monaco-button', { hasText: 'Use Your Own App Registration' }).click();
          // What to register and where.
          const dialog = wb.dialog();
          await dialog.waitFor({ timeout: 15_000 });
          const text = await dialog.innerText();
          for (const part of ['Use your own app registration for Partner Center', 'Entra admin center', 'App management', 'public client', 'http://localhost', 'user_impersonation', 'Grant admin consent']) {
            expect(text.includes(part), `the explanation lacks "${part}": ${text}`);
          }
          await wb.screenshot('own-app-registration-explained');
          await wb.clickDialogButton('Enter Client ID…');
          // Client ID: a bad value is refused inline, a GUID is taken.
          const input = wb.quickInput().locator('input.input');
          await input.waitFor({ timeout: 10_000 });
          await wb.page.keyboard.type('not-a-guid');
          await wb.quickInput().locator('.quick-input-message', { hasText: /A client ID is a GUID/ }).waitFor({ timeout: 10_000 });
          await wb.screenshot('own-app-registration-client-id-invalid');
          await input.fill(OWN_CLIENT_ID);
          await wb.page.keyboard.press('Enter');
          await wb.quickInput().locator('.quick-input-title', { hasText: '(2/2)' }).waitFor({ timeout: 10_000 });
          await input.fill(OWN_TENANT);
          await wb.page.keyboard.press('Enter');
          await answerConsent(wb.page, 10_000);
          await wb.notification(new RegExp(`Signed in to Partner Center as .+ with your app registration \\(${OWN_CLIENT_ID}\\)`)).waitFor({ timeout: 30_000 });
          await wb.rows('Customers').first().waitFor({ timeout: 30_000 });
          await wb.screenshot('own-app-registration-signed-in');
          const signIns = await e.admin.signIns(since);
          expect(signIns.some((s) => s.clientId === VSCODE_CLIENT_ID && s.refused === 65002), `VS Code's own app was not refused first: ${JSON.stringify(signIns)}`);
          const last = signIns[signIns.length - 1];
          expect(last.clientId === OWN_CLIENT_ID && last.tenant === OWN_TENANT && !last.refused, `the sign-in did not use your own app registration: ${JSON.stringify(last)}`);
          // Written to the user's settings (the app registration belongs to the person, not a workspace).
          const written = await waitFor('partnerCenter.clientId in the user settings', async () => {
            const s = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
            return s['partnerCenter.clientId'] === OWN_CLIENT_ID ? s : undefined;
          }, 10_000);
          expect(written['partnerCenter.tenant'] === OWN_TENANT, `partnerCenter.tenant is ${String(written['partnerCenter.tenant'])}`);
        });
      } finally {
        await wb.clearNotifications();
      }
      // Back to VS Code's own app, as a person does it: the same command, the client ID left empty.
      await wb.runCommand('Partner Center: Use Your Own App Registration…');
      await wb.clickDialogButton('Enter Client ID…');
      const input = wb.quickInput().locator('input.input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill('');
      await wb.page.keyboard.press('Enter');
      await answerConsent(wb.page, 10_000);
      await wb.notification(/Signed in to Partner Center as .+ with VS Code's own app registration\./).waitFor({ timeout: 30_000 });
      const back = await e.admin.signIns(since);
      expect(back[back.length - 1].clientId === VSCODE_CLIENT_ID, `not back on VS Code's own app: ${JSON.stringify(back[back.length - 1])}`);
      const s = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      expect(!('partnerCenter.clientId' in s) && !('partnerCenter.tenant' in s), `the user settings still name an app registration: ${JSON.stringify(s)}`);
      await wb.rows('Customers').first().waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'a Microsoft account provider that never answers: the tree stops at the sign-in timeout and offers Sign In, which recovers',
    needsEmulator: true,
    run: (ctx) => stalledProviderJourney(ctx, async () => { await ctx.wb.runCommand('Partner Center: Refresh'); }, 'tree-sign-in-stalled'),
  },
  {
    name: 'a Microsoft account provider that does not answer when the window opens: the Customers view says the sign-in could not be restored, with Sign In, not the welcome view',
    needsEmulator: true,
    run: (ctx) => stalledProviderJourney(ctx, async () => {
      await reloadWindow(ctx);
      await ctx.wb.openContainer('Partner Center');
    }, 'tree-restore-stalled'),
  },
];

/**
 * The Microsoft account provider stops answering, then `stall` makes the Customers view ask it for a
 * token (a Refresh, or a window reload that restores the sign-in): the view's row says the sign-in
 * ran out of time (a 2 s timeout, so the journey does not wait the default 30 s), not the welcome view,
 * and nothing was sent; once the provider answers again, the row's Sign In loads the customers.
 */
async function stalledProviderJourney(ctx: UiContext, stall: () => Promise<void>, screenshot: string): Promise<void> {
  const { wb } = ctx;
  const e = req(ctx.emulator);
  await ensureSignedIn(ctx);
  const first = (await e.admin.seed())[0].companyName;
  try {
    // The session rebuilds its token source and the tree reloads (a customers request) while the provider still answers.
    const before = await e.admin.lastSeq();
    await wb.runCommand('Emulator: Use a 2 s Partner Center Sign-In Timeout');
    await waitFor('the tree reloaded under the new setting', async () => (await e.admin.requests(before)).some((r) => r.path.endsWith('/customers')) || undefined, 20_000);
    await wb.row('Customers', first).waitFor({ timeout: 20_000 });
    await wb.runCommand('Emulator: Microsoft Accounts Stop Answering');
    const since = await e.admin.lastSeq();
    await stall();
    const row = wb.row('Customers', /Couldn't load customers — Sign In/);
    await row.waitFor({ timeout: 30_000 });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text.includes('The sign-in did not hand out a Partner Center token within 2 s, so nothing was sent. Sign in again.'), `the row does not say what happened: ${text}`);
    expect(!(await welcomeSignIn(wb).isVisible().catch(() => false)), 'the welcome view is shown as if signed out');
    const sent = await e.admin.requests(since);
    expect(sent.length === 0, `requests were sent without a token: ${sent.map((r) => r.path).join(', ')}`);
    await wb.page.mouse.move(900, 600);
    await wb.screenshot(screenshot);
    await wb.runCommand('Emulator: Microsoft Accounts Answer Again');
    await row.click();
    await answerConsent(wb.page, 5_000);
    await wb.row('Customers', first).waitFor({ timeout: 20_000 });
    expect(!(await wb.row('Customers', /Couldn't load customers/).isVisible().catch(() => false)), 'the error row stayed after signing in again');
  } finally {
    await wb.runCommand('Emulator: Microsoft Accounts Answer Again').catch(() => undefined);
    // The setting rebuilds the session and reloads the tree: wait for that, or the next journey's
    // clicks land on rows the reload replaces (an inline action then gets no row: seen in a full run).
    const reset = await e.admin.lastSeq();
    await wb.runCommand('Emulator: Use the Default Partner Center Sign-In Timeout').catch(() => undefined);
    await waitFor('the tree reloaded under the default timeout', async () => (await e.admin.requests(reset)).some((r) => r.path.endsWith('/customers')) || undefined, 20_000).catch(() => undefined);
    await wb.row('Customers', first).waitFor({ timeout: 20_000 }).catch(() => undefined);
  }
}

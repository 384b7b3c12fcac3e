// Sign in, browse and change a support contact the way a partner does: welcome view → customers →
// Load more → search → subscriptions (NCE marked) → support contact; errors as rows with Retry; the
// palette's full keyboard path; sign out.
import { expect, type UiTest, req } from '../runner/harness';
import { waitFor } from '../runner/processes';
import type { LoggedRequest } from '../../emulator/index';
import { updateViaPalette } from './palette';
import { answerConsent, ensureSignedIn, searchCustomers, signInFromWelcome, welcomeSignIn, withFaults } from './steps';

const customerRows = (ctx: Parameters<UiTest['run']>[0]) => ctx.wb.rows('Customers').and(ctx.wb.page.locator('[aria-level="1"]'));

export const treeTests: UiTest[] = [
  {
    name: 'sign in from the welcome view lists customers',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await signInFromWelcome(ctx, { consent: 'asked' });
      const first = (await req(ctx.emulator).admin.seed())[0];
      await wb.row('Customers', first.companyName).waitFor({ timeout: 30_000 });
      await wb.notification(/Signed in to Partner Center as admin@partner\.emulator\.example/).waitFor({ timeout: 10_000 });
      const header = await wb.pane('Customers').locator('.pane-header').innerText();
      expect(header.includes('admin@partner.emulator.example'), `the view does not say who is signed in: ${header}`);
    },
  },
  {
    name: 'Load more… appends the next page of customers',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const loadMore = wb.row('Customers', 'Load more…');
      await loadMore.waitFor({ timeout: 10_000 });
      const before = await customerRows(ctx).count();
      expect(before === 21, `expected 20 customers + Load more on the first page (pageSize 20), saw ${before} rows`);
      await loadMore.click();
      await wb.row('Customers', (await req(ctx.emulator).admin.seed())[20].companyName).waitFor({ timeout: 15_000 });
      await wb.page.keyboard.press('End'); // the list renders only what is in view: go to its end
      await wb.row('Customers', /Load more….*40 loaded/).waitFor({ timeout: 10_000 });
      await wb.page.keyboard.press('Home');
    },
  },
  {
    name: 'search filters customers on the server; markup in names shows literally; Clear search restores',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const since = await e.admin.lastSeq();
      await searchCustomers(ctx, 'fabrikam');
      await wb.row('Customers', /Clear search.*"fabrikam"/).waitFor({ timeout: 15_000 });
      const names = (await wb.rowTexts('Customers')).filter((t) => !t.startsWith('Clear search'));
      expect(names.length >= 3 && names.every((t) => /^Fabrikam/i.test(t)), `search results are not all Fabrikam…: ${names.join(' | ')}`);
      // A company name with markup is found by its literal text and shown as text, not rendered.
      await searchCustomers(ctx, '<b>fab');
      const markup = wb.row('Customers', '<b>Fabrikam</b> & Sons');
      await markup.waitFor({ timeout: 15_000 });
      expect((await markup.locator('b').count()) === 0, 'markup in a company name was rendered as HTML');
      const searched = (await e.admin.requests(since)).filter((r) => r.path.includes('/customers') && /filter/i.test(`${r.path}${r.query ?? ''}`));
      expect(searched.length >= 1, 'the search was not sent to the service as a filter');
      await wb.screenshot('tree-search');
      await wb.row('Customers', 'Clear search').click();
      await wb.row('Customers', 'Load more…').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'expanding a customer lists its subscriptions with NCE marked, in one request, cached',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const customer = (await e.admin.seed())[0];
      const since = await e.admin.lastSeq();
      const row = wb.row('Customers', customer.companyName);
      await row.click();
      const nce = customer.subscriptions.find((s) => s.nce);
      expect(nce, 'seed has no NCE subscription for the first customer');
      const nceRow = wb.row('Customers', nce.friendlyName);
      await nceRow.waitFor({ timeout: 15_000 });
      expect((await nceRow.innerText()).includes('NCE'), `the NCE subscription row does not say NCE: ${await nceRow.innerText()}`);
      const aria = (await nceRow.getAttribute('aria-label')) ?? '';
      expect(/New Commerce/.test(aria), `the NCE row's accessible label does not say New Commerce: ${aria}`);
      await row.click(); // collapse
      await row.click(); // expand again: served from the cache
      await nceRow.waitFor({ timeout: 5_000 });
      const subsRequests = (await e.admin.requests(since)).filter((r) => r.method === 'GET' && new RegExp(`/customers/${customer.id}/subscriptions$`, 'i').test(r.path));
      expect(subsRequests.length === 1, `expanding (twice) should cost exactly one request, saw ${subsRequests.length}`);
    },
  },
  {
    name: 'expanding a subscription shows its current support contact (or you, the indirect provider)',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const customer = (await req(ctx.emulator).admin.seed())[0];
      const withContact = customer.subscriptions.find((s) => !s.nce && s.status === 'active' && s.supportContact);
      expect(withContact?.supportContact, 'seed: no active legacy subscription with a contact');
      // Expanded by the journey before; picked alone, this one expands it.
      const customerRow = wb.row('Customers', customer.companyName);
      if ((await customerRow.getAttribute('aria-expanded')) !== 'true') await customerRow.click();
      await wb.row('Customers', withContact.friendlyName).click();
      const contactRow = wb.row('Customers', withContact.supportContact.name);
      await contactRow.waitFor({ timeout: 15_000 });
      expect((await contactRow.innerText()).includes(`MPN ID ${withContact.supportContact.supportMpnId}`), 'the contact row does not show the MPN ID');
      const without = customer.subscriptions.find((s) => !s.nce && s.status === 'active' && !s.supportContact);
      expect(without, 'seed: no active legacy subscription without a contact');
      await wb.rows('Customers').and(wb.page.locator(`[aria-label="Subscription ${without.friendlyName}, active"]`)).first().click();
      await wb.row('Customers', 'You (the indirect provider)').waitFor({ timeout: 15_000 });
      await wb.screenshot('tree-expanded');
    },
  },
  {
    name: 'each documented Partner Center error shows its plain sentence and next step (injected through the emulator)',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const customers = await e.admin.seed();
      // A customer no other journey opens (they use the first four; opening one here would leave its
      // subscriptions loaded and expanded for them), with an active legacy subscription whose name is unique there.
      const pick = customers.slice(4).map((c) => ({ c, s: c.subscriptions.find((s) => !s.nce && s.status === 'active'
        && c.subscriptions.filter((o) => o.friendlyName === s.friendlyName).length === 1) })).find((x) => x.s);
      expect(pick?.s, 'seed: no customer with a uniquely named active legacy subscription');
      const { c: customer, s: sub } = pick;
      const path = `/customers/${customer.id}/subscriptions/${sub.id}/supportcontact$`;
      // The sentence each documented code gets, and the row's next step; a 401 is retried once with a new token.
      const cases: Array<{ code: number; sentence: string; next: 'Retry' | 'Refresh' | 'Sign In'; times?: number }> = [
        { code: 900123, sentence: 'must accept the MPA in Partner Center', next: 'Retry' },
        { code: 900150, sentence: 'Admin agent, Global admin and Helpdesk agent', next: 'Retry' },
        { code: 800016, sentence: 'does not recognise this MPN ID as one of your indirect resellers', next: 'Retry' },
        { code: 800039, sentence: 'program status is not active', next: 'Retry' },
        { code: 20002, sentence: 'no commerce relationship with this customer', next: 'Refresh' },
        { code: 2011, sentence: 'cannot update a deleted subscription', next: 'Refresh' },
        { code: 800091, sentence: 'cannot update a suspended subscription', next: 'Refresh' },
        { code: 800002, sentence: 'the request input is invalid', next: 'Retry' },
        { code: 800001, sentence: 'received the request without your sign-in', next: 'Sign In', times: 2 },
      ];
      const subRow = wb.rows('Customers').and(wb.page.locator(`[aria-label="Subscription ${sub.friendlyName}, active"]`)).first();
      /** Loads the contact again (Partner Center: Refresh); still expanded it reloads by itself, else on expanding. */
      const reload = async (expect: ReturnType<typeof wb.row>) => {
        await wb.runCommand('Partner Center: Refresh');
        await subRow.waitFor({ timeout: 20_000 });
        if (!(await expect.waitFor({ timeout: 8_000 }).then(() => true, () => false))) await subRow.click();
        await expect.waitFor({ timeout: 20_000 });
      };
      // Each case injects its own error; they are all cleared at the end, also when a case fails.
      await withFaults(ctx, {}, async () => {
        // Only this customer open: its subscription is then the one row with that name.
        const header = wb.page.locator('.pane-header[aria-label^="Customers"]');
        await header.hover();
        await wb.page.locator('.pane').filter({ has: header }).getByRole('button', { name: 'Collapse All' }).click();
        await wb.row('Customers', customer.companyName).click();
        let first = true;
        for (const { code, sentence, next, times } of cases) {
          await e.admin.setFaults({ errorCode: code, errorNext: times ?? 1, pathPattern: path });
          const row = wb.row('Customers', sentence);
          if (first) {
            await subRow.click();
            await row.waitFor({ timeout: 20_000 });
          } else await reload(row);
          first = false;
          const text = await row.innerText();
          expect(text.includes(`Couldn't load the support contact — ${next}`), `${code}: the row does not offer ${next}: ${text}`);
          await wb.page.mouse.move(900, 600);
          await wb.screenshot(`documented-error-${code}`);
        }
        // The subscription is gone (404/20003): the row says so and offers Refresh, which reloads the customer.
        await e.admin.setFaults({ errorCode: 20003, errorNext: 1, pathPattern: path });
        const gone = wb.row('Customers', 'This subscription no longer exists in Partner Center');
        await reload(gone);
        expect((await gone.innerText()).includes("Couldn't load the support contact — Refresh"), 'the gone subscription does not offer Refresh');
        await wb.page.mouse.move(900, 600);
        await wb.screenshot('documented-error-20003');
        await gone.click();
        await wb.row('Customers', sub.supportContact ? sub.supportContact.name : 'You (the indirect provider)').waitFor({ timeout: 20_000 });
      });
    },
  },
  {
    name: 'an injected 503 shows "Couldn\'t load subscriptions — Retry", and Retry recovers',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const customer = (await e.admin.seed())[1];
      await withFaults(ctx, { status: 503, next: 50, pathPattern: `/customers/${customer.id}/subscriptions$` }, async () => {
        await wb.row('Customers', customer.companyName).click();
        const errorRow = wb.row('Customers', "Couldn't load subscriptions — Retry");
        await errorRow.waitFor({ timeout: 40_000 });
        await wb.page.mouse.move(900, 600); // off the tree: no hover card over the next row
        await wb.screenshot('tree-error-row');
        await e.admin.clearFaults();
        await errorRow.click();
        await wb.row('Customers', customer.subscriptions[0].friendlyName).waitFor({ timeout: 15_000 });
      });
    },
  },
  {
    name: 'context menu: Copy ID copies the customer ID; Open in Partner Center opens its dashboard page',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const customer = (await req(ctx.emulator).admin.seed())[2];
      await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      const row = wb.row('Customers', customer.companyName);
      await wb.runContextMenu(row, 'Copy ID');
      await wb.notification(`Copied customer ID ${customer.id}`).waitFor({ timeout: 10_000 });
      expect((await wb.page.evaluate(() => navigator.clipboard.readText())) === customer.id, 'the clipboard does not hold the customer ID');
      // The dashboard is answered inside the browser: the test never reaches out to the internet.
      const dashboard = `https://partner.microsoft.com/dashboard/v2/customers/${customer.id}/subscriptions`;
      let url = '';
      await wb.page.context().route('https://partner.microsoft.com/**', (route) => {
        url = route.request().url();
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Partner Center (stand-in)</title>' });
      });
      try {
        await wb.runContextMenu(row, 'Open in Partner Center');
        // VS Code may ask before opening an external link.
        await wb.clickDialogButton(/^Open$/).catch(() => undefined);
        await waitFor('the dashboard page to be requested', async () => (url ? url : undefined), 15_000, 100);
      } finally {
        await wb.page.context().unroute('https://partner.microsoft.com/**');
        for (const p of wb.page.context().pages()) if (p !== wb.page) await p.close().catch(() => undefined);
      }
      expect(url === dashboard, `opened ${url}, expected ${dashboard}`);
    },
  },
  {
    name: 'while Partner Center throttles, the view says it is waiting instead of failing',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const customer = (await e.admin.seed())[3];
      await withFaults(ctx, { throttle: 1, retryAfterSeconds: 4, pathPattern: `/customers/${customer.id}/subscriptions$` }, async () => {
        await wb.row('Customers', customer.companyName).click();
        const message = wb.pane('Customers').locator('.message', { hasText: /throttling requests — waiting \d+ s/ });
        await message.waitFor({ timeout: 10_000 });
        await wb.screenshot('tree-throttled');
        await wb.row('Customers', customer.subscriptions[0].friendlyName).waitFor({ timeout: 20_000 });
        await message.waitFor({ state: 'hidden', timeout: 5_000 });
        expect(!(await wb.row('Customers', "Couldn't load").isVisible().catch(() => false)), 'throttling showed an error row');
      });
    },
  },
  {
    name: 'palette: Update Support Contact… changes a legacy subscription end to end; NCE cannot be chosen',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const customer = (await e.admin.seed())[0];
      const target = customer.subscriptions.find((s) => !s.nce && s.status === 'active' && !s.supportContact && !s.isTrial) ?? customer.subscriptions.find((s) => !s.nce && s.status === 'active' && !s.supportContact);
      const nce = customer.subscriptions.find((s) => s.nce);
      expect(target && nce, 'seed lacks the subscriptions this journey needs');
      const resellerName = await updateViaPalette(ctx, customer, target, {
        // NCE: shown, explained, not selectable.
        beforeSubscription: async () => {
          const nceItem = wb.quickPickRow(nce.friendlyName);
          expect((await nceItem.innerText()).includes("Can't be changed"), `the NCE item does not explain why: ${await nceItem.innerText()}`);
          await nceItem.click();
          await wb.notification(/can't be changed: New Commerce/).waitFor({ timeout: 10_000 });
          await wb.screenshot('palette-nce-refused');
          expect(await wb.quickInput().isVisible(), 'choosing the NCE subscription closed the picker');
        },
      });
      await wb.notification(new RegExp(`is now ${resellerName}`)).locator('.monaco-button', { hasText: 'Show in Tree' }).click();
      await wb.row('Customers', resellerName).waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'an expired token mid-session is refreshed without the user noticing',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const since = await e.admin.lastSeq();
      await e.admin.setFaults({ tokenExpired: 1 });
      await wb.runCommand('Partner Center: Refresh');
      const customersLoaded = (log: LoggedRequest[]) => log.some((r) => r.status === 200 && r.path.endsWith('/customers'));
      const log = await waitFor('the customers to load again after Refresh', async () => {
        const entries = await e.admin.requests(since);
        return customersLoaded(entries) ? entries : undefined;
      }, 20_000, 250);
      expect(log.some((r) => r.status === 401), `expected the expired token to be refused once: ${log.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
      await wb.row('Customers', (await e.admin.seed())[0].companyName).waitFor({ timeout: 20_000 });
      expect(!(await wb.notification(/sign-in is missing or has expired/).isVisible().catch(() => false)), 'the user was told to sign in again');
    },
  },
  mfaMidSession('an MFA claims challenge signs in again once (new token), then loads', 'mfaChallenge'),
  mfaMidSession('MFA as it really arrives (a plain 401 with 900421) mid-session: one MFA sign-in, then the call succeeds', 'mfaRequired'),
  {
    name: 'a revoked sign-in: the tree offers Sign In, which signs in anew (new token) and loads',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const tokensBefore = (await e.admin.tokens()).accessTokens.length;
      await e.admin.revokeTokens();
      const since = await e.admin.lastSeq();
      await wb.runCommand('Partner Center: Refresh');
      // Retrying with the same (revoked) token cannot help: the row says Sign In, not Retry.
      const row = wb.row('Customers', /Couldn't load customers — Sign In/);
      await row.waitFor({ timeout: 20_000 });
      const refused = (await e.admin.requests(since)).filter((r) => r.status === 401 && r.path.endsWith('/customers'));
      expect(refused.length === 2, `expected the customers request to be refused once, then once more after the client's refresh: ${refused.length}`);
      await wb.screenshot('tree-sign-in-again');
      await row.click();
      // VS Code asks before handing out a new session (forceNewSession): answer as a user would.
      expect(await answerConsent(wb.page, 10_000), 'VS Code did not ask to sign in again');
      await wb.row('Customers', (await e.admin.seed())[0].companyName).waitFor({ timeout: 20_000 });
      const tokensAfter = (await e.admin.tokens()).accessTokens.length;
      expect(tokensAfter > tokensBefore, 'Sign In handed back the revoked session instead of signing in anew (no new token)');
      expect(!(await wb.row('Customers', /Couldn't load customers/).isVisible().catch(() => false)), 'the error row stayed after signing in again');
    },
  },
  {
    name: 'sign out returns to the welcome view',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      await wb.runCommand('Partner Center: Sign Out');
      await welcomeSignIn(wb).waitFor({ timeout: 15_000 });
      await wb.notification(/Signed out of Partner Center/).waitFor({ timeout: 10_000 });
    },
  },
];

/**
 * The service asks for MFA mid-session (a claims challenge, or the plain 401 with 900421): exactly
 * one refused call, exactly one new sign-in (asking for the claims once VS Code can pass them on),
 * then the customers load and nothing says the sign-in expired.
 */
function mfaMidSession(name: string, fault: 'mfaChallenge' | 'mfaRequired'): UiTest {
  return {
    name,
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const since = await e.admin.lastSeq();
      const tokensBefore = (await e.admin.tokens()).accessTokens.length;
      const signInsBefore = await e.admin.lastSignInSeq();
      await e.admin.setFaults({ [fault]: 1, pathPattern: '/customers$' });
      await wb.runCommand('Partner Center: Refresh');
      // VS Code may ask before the extension signs in again (a new session): answer as a user would.
      void answerConsent(wb.page, 5_000);
      const log = await waitFor('the customers to load after the MFA sign-in', async () => {
        const entries = await e.admin.requests(since);
        return entries.some((r) => r.status === 200 && r.path.endsWith('/customers')) ? entries : undefined;
      }, 20_000, 250);
      const refused = log.filter((r) => r.status === 401);
      expect(refused.length === 1 && refused[0].note === `fault:${fault}`, `expected exactly one ${fault} answer: ${log.map((r) => `${r.path} ${r.status} ${r.note ?? ''}`).join(', ')}`);
      const tokensAfter = (await e.admin.tokens()).accessTokens.length;
      expect(tokensAfter === tokensBefore + 1, `expected exactly one new sign-in, got ${tokensAfter - tokensBefore}`);
      const signIns = await e.admin.signIns(signInsBefore);
      expect(signIns.length === 1 && !signIns[0].refused, `expected one sign-in: ${JSON.stringify(signIns)}`);
      // VS Code's provider is asked with the challenge, carrying the MFA claims (the service's, or ours after 900421).
      expect(signIns[0].api === 'challenge' && /"values":\["mfa"\]/.test(signIns[0].claims ?? ''), `the sign-in did not ask for the MFA claims: ${JSON.stringify(signIns[0])}`);
      await wb.row('Customers', (await e.admin.seed())[0].companyName).waitFor({ timeout: 20_000 });
      expect(!(await wb.notification(/sign-in is missing or has expired/).isVisible().catch(() => false)), 'the MFA answer was shown as an expired sign-in');
    },
  };
}

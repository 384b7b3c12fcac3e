// The support-contact editor (webview) as a partner uses it: open from the tree's context menu, pick
// a reseller, save (and the Indirect Resellers view follows it); manual entry with a bad GUID; someone
// else's change in between; a 429 wait; an NCE subscription; light and dark themes. Asserts on the form and on the emulator's state and log.
import type { FrameLocator, Locator } from 'playwright-core';
import { expect, type UiContext, type UiTest, req } from '../runner/harness';
import type { Reseller, SeedCustomer, SeedSubscription } from '../../emulator/index';
import { ensureSignedIn, setColorTheme, withFaults } from './steps';

interface Pick { customer: SeedCustomer; sub: SeedSubscription }

/** A legacy active subscription whose name is unique within its customer (so its tree row is unambiguous). */
async function legacyTarget(ctx: UiContext, nth = 0): Promise<Pick> {
  const found: Pick[] = [];
  for (const customer of (await req(ctx.emulator).admin.seed()).slice(0, 20)) {
    for (const sub of customer.subscriptions) {
      const unique = customer.subscriptions.filter((s) => s.friendlyName.includes(sub.friendlyName) || sub.friendlyName.includes(s.friendlyName)).length === 1;
      if (!sub.nce && sub.status === 'active' && unique && !/[<>&]/.test(sub.friendlyName)) found.push({ customer, sub });
    }
  }
  expect(found.length > nth, 'the emulator seed has too few uniquely named legacy subscriptions');
  return found[nth];
}

/** An Active reseller with a plain name that is not the current contact (nor `also`). */
async function otherReseller(ctx: UiContext, p: Pick, also?: string): Promise<Reseller> {
  const current = (await req(ctx.emulator).admin.contactOf(p.customer.id, p.sub.id))?.supportTenantId.toLowerCase();
  const r = (await req(ctx.emulator).admin.resellers()).find((x) => x.state === 'Active' && /^[A-Za-z ]+$/.test(x.name)
    && x.id.toLowerCase() !== current && x.id.toLowerCase() !== also?.toLowerCase());
  expect(r, 'no suitable Active reseller in the seed');
  return r;
}

/** Expands the customer row in the Customers tree, right-clicks the subscription row, "Edit Support Contact…". */
export async function openEditorFor(ctx: UiContext, customerName: string, subscriptionName: string): Promise<FrameLocator> {
  const { wb } = ctx;
  await wb.openContainer('Partner Center');
  await awayFromTree(ctx);
  const customerRow = wb.rows('Customers').and(wb.page.locator('[aria-level="1"]')).filter({ hasText: customerName }).first();
  await customerRow.waitFor({ timeout: 20_000 });
  if ((await customerRow.getAttribute('aria-expanded')) !== 'true') await customerRow.click();
  const subRow = await subscriptionRow(ctx, customerName, subscriptionName);
  await subRow.click({ button: 'right' });
  const item = wb.contextMenuItem('Edit Support Contact…');
  await item.waitFor({ timeout: 10_000 });
  // Monaco menus ignore a mouse-up that comes right after they open; hover (which focuses the
  // item) and press Enter, as a keyboard user does.
  await item.hover();
  await wb.page.keyboard.press('Enter');
  const page = wb.webview();
  await page.locator('#heading', { hasText: subscriptionName }).waitFor({ timeout: 30_000 });
  await awayFromTree(ctx);
  return page;
}

/** Moves the mouse off the tree so its row hover (tooltip) does not cover the form or other rows. */
async function awayFromTree({ wb }: UiContext): Promise<void> {
  await wb.page.mouse.move(1300, 880);
  await wb.page.locator('.workbench-hover-container, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** The subscription row under this customer's row (names repeat across customers; the list is virtual, so use data-index). */
async function subscriptionRow(ctx: UiContext, customerName: string, subscriptionName: string): Promise<Locator> {
  const rows = ctx.wb.rows('Customers');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const all = await rows.evaluateAll((els) => els.map((r) => ({
      index: Number(r.getAttribute('data-index')), level: r.getAttribute('aria-level'), label: r.getAttribute('aria-label') ?? '', text: (r as HTMLElement).innerText,
    })));
    all.sort((a, b) => a.index - b.index);
    const start = all.findIndex((r) => r.level === '1' && r.text.includes(customerName));
    let found: number | undefined;
    for (let i = start + 1; start >= 0 && i < all.length && all[i].level !== '1'; i++) {
      if (all[i].level === '2' && all[i].label.startsWith(`Subscription ${subscriptionName}`)) { found = all[i].index; break; }
    }
    if (found !== undefined) return rows.and(ctx.wb.page.locator(`[data-index="${found}"]`));
    if (Date.now() > deadline) throw new Error(`no row "${subscriptionName}" under "${customerName}" in the Customers tree`);
    await ctx.wb.page.waitForTimeout(200); // polling the virtual list while the subscriptions load
  }
}

async function chooseReseller(page: FrameLocator, r: Reseller): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Reseller' });
  await input.click();
  await input.fill(r.name);
  await page.locator('#reseller-list [role="option"]', { hasText: r.name }).first().waitFor({ timeout: 10_000 });
  await input.press('Enter');
  await page.locator('#tenantId').evaluate((el, id) => {
    if ((el as HTMLInputElement).value.toLowerCase() !== id.toLowerCase()) throw new Error(`Support tenant ID is ${(el as HTMLInputElement).value}`);
  }, r.id);
}

async function closeEditor(page: FrameLocator): Promise<void> {
  await page.getByRole('button', { name: /^(Cancel|Close)$/ }).first().click().catch(() => undefined);
}

/**
 * A legacy active, uniquely named subscription (within the Customers view's first customers) whose
 * contact is the customer's own indirect reseller, an Active one with a plain name: it is listed
 * under that reseller in the Indirect Resellers view.
 */
async function supportedByOwnReseller(ctx: UiContext): Promise<Pick & { reseller: Reseller }> {
  const admin = req(ctx.emulator).admin;
  const resellers = await admin.resellers();
  for (let nth = 0; ; nth++) {
    const p = await legacyTarget(ctx, nth);
    const reseller = resellers.find((r) => r.id.toLowerCase() === p.customer.resellerId?.toLowerCase() && r.state === 'Active' && /^[A-Za-z ]+$/.test(r.name));
    const contact = await admin.contactOf(p.customer.id, p.sub.id);
    if (reseller && contact?.supportTenantId.toLowerCase() === reseller.id.toLowerCase() && /^[A-Za-z0-9 .,-]+$/.test(p.customer.companyName)) return { ...p, reseller };
  }
}

export const editorTests: UiTest[] = [
  {
    name: 'editor: open from the tree, pick a reseller, Save updates Partner Center and the tree',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const p = await legacyTarget(ctx, 0);
      const target = await otherReseller(ctx, p);
      const page = await openEditorFor(ctx, p.customer.companyName, p.sub.friendlyName);
      for (const label of ['Reseller', 'Support tenant ID', 'PartnerID (MPN ID)', 'Name']) {
        expect(await page.getByLabel(label, { exact: true }).count() === 1, `no control labelled "${label}"`);
      }
      await chooseReseller(page, target);
      const save = page.getByRole('button', { name: 'Save' });
      expect(await save.isEnabled(), 'Save is not enabled after choosing a reseller');
      const beforeSave = await e.admin.lastSeq();
      await save.click();
      await page.getByRole('status').filter({ hasText: 'Support contact updated' }).waitFor({ timeout: 20_000 });
      expect((await page.locator('#saved').innerText()).includes(target.name), 'the saved contact is not shown');
      // The save costs the re-read and the PUT: the form already has the subscription (the tree may read the contact again after it).
      const sent = (await e.admin.requests(beforeSave)).filter((r) => r.path.toLowerCase().includes(p.sub.id.toLowerCase()));
      const put = sent.findIndex((r) => r.method === 'PUT');
      const upToPut = sent.slice(0, put + 1).map((r) => `${r.method} ${r.path.toLowerCase().endsWith('/supportcontact') ? 'contact' : 'subscription'}`);
      expect(put >= 0 && upToPut.join(', ') === 'GET contact, PUT contact', `the save sent ${upToPut.join(', ')}, not GET contact + PUT`);
      const stored = await e.admin.contactOf(p.customer.id, p.sub.id);
      expect(stored?.supportTenantId.toLowerCase() === target.id.toLowerCase() && stored.supportMpnId === target.mpnId && stored.name === target.name,
        `the emulator has ${JSON.stringify(stored)}, expected ${target.name}`);
      await ctx.wb.screenshot('editor-saved');
      await closeEditor(page);
      const subRow = await subscriptionRow(ctx, p.customer.companyName, p.sub.friendlyName);
      if ((await subRow.getAttribute('aria-expanded')) !== 'true') await subRow.click();
      await ctx.wb.rows('Customers').and(ctx.wb.page.locator('[aria-level="3"]')).filter({ hasText: target.name }).first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'editor: after a save, the Indirect Resellers view reads that customer again (both trees follow every change)',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const p = await supportedByOwnReseller(ctx);
      const target = await otherReseller(ctx, p);
      // The Indirect Resellers view, with the sidebar's height, lists the subscription under its reseller and customer.
      await wb.openContainer('Partner Center');
      const customersHeader = wb.pane('Customers').locator('.pane-header');
      if ((await customersHeader.getAttribute('aria-expanded')) === 'true') await customersHeader.click();
      const header = wb.pane('Indirect Resellers').locator('.pane-header');
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      try {
        const resellerRow = wb.rows('Indirect Resellers').and(wb.page.locator('[aria-level="1"]')).filter({ hasText: p.reseller.name }).first();
        await resellerRow.waitFor({ timeout: 30_000 });
        if ((await resellerRow.getAttribute('aria-expanded')) !== 'true') await resellerRow.click();
        const customerRow = wb.rows('Indirect Resellers').and(wb.page.locator('[aria-level="2"]')).filter({ hasText: p.customer.companyName }).first();
        await customerRow.waitFor({ timeout: 20_000 });
        if ((await customerRow.getAttribute('aria-expanded')) !== 'true') await customerRow.click();
        const subRow = wb.rows('Indirect Resellers').and(wb.page.locator('[aria-level="3"]')).filter({ hasText: p.sub.friendlyName }).first();
        await subRow.waitFor({ timeout: 30_000 });

        // The change, in the editor opened from the palette (the Customers view stays collapsed).
        await wb.runCommand('Partner Center: Edit Support Contact…');
        for (const [id, prompt] of [[p.customer.id, /Customer ID/], [p.sub.id, /Subscription ID/]] as const) {
          await wb.quickInput().filter({ hasText: prompt }).waitFor({ timeout: 10_000 });
          await wb.quickInput().locator('input.input').fill(id);
          await wb.page.keyboard.press('Enter');
        }
        const page = wb.webview();
        await page.locator('#heading', { hasText: p.sub.friendlyName }).waitFor({ timeout: 30_000 });
        await chooseReseller(page, target);
        const beforeSave = await e.admin.lastSeq();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('status').filter({ hasText: 'Support contact updated' }).waitFor({ timeout: 20_000 });
        await closeEditor(page);

        // The view read that customer's subscriptions again: the subscription is no longer under its old reseller, the customer still is.
        await subRow.waitFor({ state: 'detached', timeout: 20_000 });
        expect(await customerRow.isVisible() && (await customerRow.getAttribute('aria-expanded')) === 'true', 'the customer row is gone from the Indirect Resellers view, or collapsed');
        const reread = (await e.admin.requests(beforeSave)).some((r) => r.method === 'GET' && r.path.toLowerCase() === `/v1/customers/${p.customer.id.toLowerCase()}/subscriptions`);
        expect(reread, 'the Indirect Resellers view did not read the customer\'s subscriptions again after the save');
        await wb.screenshot('resellers-after-save');
      } finally {
        // Leave the view as it was: the reseller collapsed (the reseller journey expands it with a click), the view collapsed, Customers open.
        const reseller = wb.rows('Indirect Resellers').and(wb.page.locator('[aria-level="1"]')).filter({ hasText: p.reseller.name }).first();
        if ((await reseller.getAttribute('aria-expanded', { timeout: 2_000 }).catch(() => null)) === 'true') await reseller.click();
        if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
        if ((await customersHeader.getAttribute('aria-expanded')) !== 'true') await customersHeader.click();
      }
    },
  },
  {
    name: 'editor: the form works with the keyboard alone (Tab, type, arrows, Enter)',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const p = await legacyTarget(ctx, 4);
      const target = await otherReseller(ctx, p);
      const page = await openEditorFor(ctx, p.customer.companyName, p.sub.friendlyName);
      const kb = ctx.wb.page.keyboard;
      const focusedId = () => page.locator(':focus').first().getAttribute('id', { timeout: 1_000 }).catch(() => null);
      // From wherever the form starts, Tab reaches the reseller field.
      const input = page.getByRole('combobox', { name: 'Reseller' });
      await input.waitFor({ timeout: 10_000 });
      const inputId = await input.getAttribute('id');
      for (let i = 0; i < 12 && (await focusedId()) !== inputId; i++) await kb.press('Tab');
      expect((await focusedId()) === inputId, 'Tab never reached the reseller field');
      await kb.press('Control+A');
      await kb.type(target.name);
      await page.locator('#reseller-list [role="option"]', { hasText: target.name }).first().waitFor({ timeout: 10_000 });
      // Arrow to the reseller, as a person does (another name may match what was typed, and the list
      // opened with its first row active); then Enter. Seen once: ArrowDown + Enter chose another row.
      const activeName = () => input.evaluate((el) => document.getElementById(el.getAttribute('aria-activedescendant') ?? '')?.querySelector('.option-name')?.textContent ?? '');
      for (let i = 0; i < 20 && (await activeName()) !== target.name; i++) await kb.press('ArrowDown');
      expect((await activeName()) === target.name, `the arrows never reached ${target.name} in the list (active: ${await activeName()}; typed: ${await input.inputValue()})`);
      await kb.press('Enter');
      await page.locator('#tenantId').evaluate((el, id) => {
        if ((el as HTMLInputElement).value.toLowerCase() !== id.toLowerCase()) throw new Error(`choosing with Enter filled the tenant ID ${(el as HTMLInputElement).value}`);
      }, target.id);
      // Tab on to Save and press Enter.
      for (let i = 0; i < 12 && (await focusedId()) !== 'save'; i++) await kb.press('Tab');
      expect((await focusedId()) === 'save', 'Tab never reached Save');
      await kb.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Support contact updated' }).waitFor({ timeout: 20_000 });
      const stored = await e.admin.contactOf(p.customer.id, p.sub.id);
      expect(stored?.supportTenantId.toLowerCase() === target.id.toLowerCase(), `the emulator has ${JSON.stringify(stored)}, expected ${target.name}`);
      await closeEditor(page);
    },
  },
  {
    name: 'editor: manual entry with a bad GUID shows the field error and calls nothing',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const p = await legacyTarget(ctx, 1);
      const page = await openEditorFor(ctx, p.customer.companyName, p.sub.friendlyName);
      const since = await e.admin.lastSeq();
      await page.getByLabel('Enter manually').check();
      const tenant = page.getByLabel('Support tenant ID', { exact: true });
      await tenant.fill('not-a-guid');
      await page.getByLabel('PartnerID (MPN ID)').fill('12ab');
      await page.getByLabel('Name', { exact: true }).fill('Someone');
      await page.locator('#tenantId-error', { hasText: 'GUID' }).waitFor({ timeout: 5_000 });
      await page.locator('#mpnId-error', { hasText: 'digits' }).waitFor({ timeout: 5_000 });
      expect(await tenant.getAttribute('aria-invalid') === 'true', 'the tenant field is not marked invalid');
      const save = page.getByRole('button', { name: 'Save' });
      expect(await save.isDisabled(), 'Save is enabled with invalid fields');
      await tenant.press('Enter'); // submitting the form must not send anything either
      await tenant.fill('0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b');
      await page.getByLabel('PartnerID (MPN ID)').fill('1234567');
      await page.locator('#match', { hasText: 'do not match any of your active indirect resellers' }).waitFor({ timeout: 5_000 });
      expect(await save.isDisabled(), 'Save is enabled for a contact that is not one of the resellers');
      await ctx.wb.screenshot('editor-manual-invalid');
      await page.getByRole('button', { name: 'Cancel' }).click();
      const puts = (await e.admin.requests(since)).filter((r) => r.method === 'PUT');
      expect(puts.length === 0, `the service was called: ${JSON.stringify(puts)}`);
    },
  },
  {
    name: 'editor: a change made by someone else since opening is detected and shown before overwriting',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const p = await legacyTarget(ctx, 2);
      const mine = await otherReseller(ctx, p);
      const page = await openEditorFor(ctx, p.customer.companyName, p.sub.friendlyName);
      const theirs = await otherReseller(ctx, p, mine.id);
      const { access_token } = await e.admin.mint({ kind: 'user', mfa: true });
      const res = await fetch(`${e.url}/v1/customers/${p.customer.id}/subscriptions/${p.sub.id}/supportcontact`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ SupportTenantId: theirs.id, SupportMpnId: theirs.mpnId, Name: theirs.name }),
      });
      expect(res.ok, `the concurrent PUT failed: ${res.status} ${await res.text()}`);
      await chooseReseller(page, mine);
      await page.getByRole('button', { name: 'Save' }).click();
      const conflict = page.locator('#conflict');
      await conflict.waitFor({ timeout: 20_000 });
      const text = await conflict.innerText();
      expect(text.includes('changed by someone else') && text.includes(theirs.name) && text.includes(mine.name), `the conflict does not show theirs/mine: ${text}`);
      expect((await e.admin.contactOf(p.customer.id, p.sub.id))?.name === theirs.name, 'their change was overwritten without asking');
      await ctx.wb.screenshot('editor-conflict');
      await page.getByRole('button', { name: 'Overwrite with mine' }).click();
      await page.getByRole('status').filter({ hasText: 'Support contact updated' }).waitFor({ timeout: 20_000 });
      expect((await e.admin.contactOf(p.customer.id, p.sub.id))?.name === mine.name, 'the confirmed overwrite did not reach the service');
      await closeEditor(page);
    },
  },
  {
    name: 'editor: a 429 shows the wait, then the save succeeds',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const p = await legacyTarget(ctx, 3);
      const target = await otherReseller(ctx, p);
      const page = await openEditorFor(ctx, p.customer.companyName, p.sub.friendlyName);
      await chooseReseller(page, target);
      await withFaults(ctx, { throttle: 1, retryAfterSeconds: 3, pathPattern: '/supportcontact$' }, async () => {
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('status').filter({ hasText: /Partner Center is throttling requests — waiting \d+s…/ }).waitFor({ timeout: 10_000 });
        await ctx.wb.screenshot('editor-throttled');
        await page.getByRole('status').filter({ hasText: 'Support contact updated' }).waitFor({ timeout: 30_000 });
      });
      expect((await e.admin.contactOf(p.customer.id, p.sub.id))?.supportTenantId.toLowerCase() === target.id.toLowerCase(), 'the save after the wait did not reach the service');
      await closeEditor(page);
    },
  },
  {
    name: 'editor: Partner Center accepts the save with an empty answer: the form says it did not confirm it and shows what a re-read finds',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const e = req(ctx.emulator);
      const p = await legacyTarget(ctx, 1); // the bad-GUID journey's: it changes nothing (a customer further down may be off-screen)
      const target = await otherReseller(ctx, p);
      const page = await openEditorFor(ctx, p.customer.companyName, p.sub.friendlyName);
      await chooseReseller(page, target);
      const beforeSave = await e.admin.lastSeq();
      await withFaults(ctx, { acceptedEmpty: 1, pathPattern: '/supportcontact$' }, async () => {
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('status').filter({ hasText: 'Partner Center accepted the change but did not confirm what it stored.' }).waitFor({ timeout: 20_000 });
      });
      const shown = await page.locator('#saved').innerText();
      expect(shown.includes('Support contact Partner Center shows now') && shown.includes(target.name) && shown.includes(target.mpnId),
        `the form does not show the re-read contact: ${JSON.stringify(shown)}`);
      expect(!shown.includes('Saved support contact'), 'the form calls an unconfirmed change saved');
      const sent = (await e.admin.requests(beforeSave)).filter((r) => r.path.toLowerCase().endsWith(`${p.sub.id.toLowerCase()}/supportcontact`)).map((r) => r.method);
      expect(sent.slice(0, 3).join(', ') === 'GET, PUT, GET', `the save sent ${sent.join(', ')}, not check, PUT, re-read`);
      await ctx.wb.screenshot('editor-saved-unconfirmed');
      await closeEditor(page);
    },
  },
  {
    name: 'editor: an NCE subscription explains that the API does not support it (opened from the palette)',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const { wb } = ctx;
      const customer = (await req(ctx.emulator).admin.seed()).find((c) => c.subscriptions.some((s) => s.nce));
      const nce = customer?.subscriptions.find((s) => s.nce);
      expect(customer && nce, 'no NCE subscription in the seed');
      // NCE rows have no "Edit Support Contact…" in the tree (nothing to edit); the palette asks for the ids.
      await wb.runCommand('Partner Center: Edit Support Contact…').catch(() => {
        throw new Error('"Partner Center: Edit Support Contact…" is not in the command palette (package.json hides it with "when": "false")');
      });
      for (const [id, prompt] of [[customer.id, /Customer ID/], [nce.id, /Subscription ID/]] as const) {
        // Wait for this step's own input box: the second replaces the first.
        await wb.quickInput().filter({ hasText: prompt }).waitFor({ timeout: 10_000 });
        const input = wb.quickInput().locator('input.input');
        await input.fill(id);
        await wb.page.keyboard.press('Enter');
      }
      const page = wb.webview();
      const note = page.locator('#nce-note');
      await note.waitFor({ timeout: 30_000 });
      expect(/does not support a support contact on New Commerce/.test(await note.innerText()), 'the NCE explanation is missing');
      expect(await page.getByRole('button', { name: 'Save' }).count() === 0, 'an NCE subscription offers Save');
      await closeEditor(page);
    },
  },
  {
    name: 'editor: screenshots of the form in light, dark and high-contrast themes',
    needsEmulator: true,
    async run(ctx) {
      await ensureSignedIn(ctx);
      const p = await legacyTarget(ctx, 0);
      try {
        for (const [theme, shot] of [['Light Modern', 'editor-light'], ['Dark High Contrast', 'editor-high-contrast'], ['Dark Modern', 'editor-dark']] as const) {
          await setColorTheme(ctx, theme);
          const page = await openEditorFor(ctx, p.customer.companyName, p.sub.friendlyName);
          const input = page.getByRole('combobox', { name: 'Reseller' });
          await input.click();
          await page.locator('#reseller-list [role="option"]').first().waitFor({ timeout: 10_000 });
          await input.press('ArrowDown');
          await ctx.wb.screenshot(shot);
          await input.press('Escape');
          await closeEditor(page);
        }
      } finally {
        await setColorTheme(ctx, 'Dark Modern').catch(() => undefined);
      }
    },
  },
];

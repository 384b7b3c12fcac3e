// What a partner sees around the tree: the status bar, the getting-started walkthrough, and the view
// in a high-contrast theme (screenshots for the README).
import { expect, type UiTest } from '../runner/harness';
import { ensureSignedIn } from './steps';

async function setTheme(wb: Parameters<UiTest['run']>[0]['wb'], theme: string): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  await wb.quickPickRow('Light Modern').waitFor({ timeout: 10_000 }); // the theme list replaced the commands
  await wb.page.keyboard.type(theme);
  await wb.quickPickRow(theme).waitFor({ timeout: 10_000 });
  await wb.page.keyboard.press('Enter');
  await wb.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
}

export const looksTests: UiTest[] = [
  {
    name: 'the status bar shows the signed-in account and offers to switch',
    needsEmulator: true,
    async run(ctx) {
      const { wb } = ctx;
      await ensureSignedIn(ctx);
      const item = wb.page.locator('.statusbar-item', { hasText: 'Partner Center: admin@partner.emulator.example' }).first();
      await item.waitFor({ timeout: 10_000 });
      const label = (await item.locator('a, .statusbar-item-label').first().getAttribute('aria-label')) ?? (await item.getAttribute('aria-label')) ?? '';
      expect(/Switch account/i.test(label), `the status bar item does not say it switches accounts: "${label}"`);
      await wb.page.locator('.part.statusbar').screenshot({ path: await wb.screenshot('status-bar-full').then((f) => f.replace('status-bar-full', 'status-bar')) });
    },
  },
  {
    name: 'the getting-started walkthrough opens with its five steps',
    needsEmulator: true,
    async run({ wb }) {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.quickPickRow('Get started with Partner Center Support Contacts').click({ timeout: 15_000 });
      const page = wb.page.locator('.gettingStartedContainer');
      await page.locator('text=Reassign many at once').first().waitFor({ timeout: 15_000 });
      for (const step of ['Sign in to Partner Center', 'Pick your cloud', 'Find a customer', 'Change a support contact']) {
        expect(await page.locator(`text=${step}`).first().isVisible(), `walkthrough step "${step}" is missing`);
      }
      await wb.screenshot('walkthrough');
      await wb.runCommand('View: Close Editor');
    },
  },
  {
    name: 'the tree in a high-contrast theme',
    needsEmulator: true,
    async run({ wb }) {
      await wb.openContainer('Partner Center');
      await setTheme(wb, 'Dark High Contrast');
      await wb.rows('Customers').first().waitFor({ timeout: 10_000 });
      await wb.screenshot('theme-high-contrast');
      await setTheme(wb, 'Dark Modern');
      await wb.screenshot('theme-dark');
      await setTheme(wb, 'Light Modern');
    },
  },
];

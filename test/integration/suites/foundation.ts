// What a newcomer sees before signing in: the Partner Center container, its welcome view, and
// commands in the palette.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type UiTest } from '../runner/harness';
import { ROOT } from '../runner/workbenchServer';
import { welcomeSignIn } from './steps';

/** Settings the User tab lists: code-server is a remote, so `machine`-scoped ones show under Remote only. */
function userTabSettingCount(): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  };
  return Object.values(manifest.contributes.configuration.properties).filter((p) => p.scope !== 'machine').length;
}

export const foundationTests: UiTest[] = [
  {
    name: 'the Partner Center icon is in the activity bar',
    async run({ wb }) {
      const item = wb.activityBarItem('Partner Center');
      await item.waitFor({ timeout: 30_000 });
      expect((await item.count()) === 1, 'expected exactly one Partner Center activity bar entry');
    },
  },
  {
    name: 'signed out, the Customers view shows the welcome view with a sign-in button',
    async run({ wb }) {
      await wb.openContainer('Partner Center');
      const welcome = wb.pane('Customers').locator('.welcome-view-content');
      await welcome.waitFor({ timeout: 20_000 });
      await welcomeSignIn(wb).waitFor({ timeout: 10_000 });
      const text = (await welcome.innerText()).replace(/\s+/g, ' ');
      expect(/Cloud: Microsoft Partner Center \(worldwide\)/.test(text), `welcome view does not say which cloud is used: ${text}`);
    },
  },
  {
    name: 'a command runs from the command palette (Partner Center: Open Settings)',
    async run({ wb }) {
      await wb.runCommand('Partner Center: Open Settings');
      const editor = wb.page.locator('.settings-editor');
      await editor.waitFor({ timeout: 20_000 });
      await editor.locator('.setting-item-contents', { hasText: 'The Partner Center cloud to sign in to and call.' }).first().waitFor({ timeout: 20_000 });
      const found = await editor.locator('.settings-count-widget').innerText();
      const expected = userTabSettingCount();
      expect(found.trim() === `${expected} Settings Found`, `expected the extension's ${expected} user settings, saw "${found}"`);
      await wb.screenshot('foundation-settings');
      await wb.page.keyboard.press('Control+W');
    },
  },
];

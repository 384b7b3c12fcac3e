/// <reference lib="dom" />
// Drives a real VS Code workbench (code-server in Debian's chromium) the way a person does: activity
// bar, view rows, command palette, quick picks, notifications, dialogs and webviews. Selectors are the
// ones verified in shared/docs/testing-in-real-vscode.md.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
  // Offline machine: never resolve a name other than the loopback ones (no lookups leave the box).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium is missing: run `node scripts/setup.mjs test` (npm test runs it first), or set CHROMIUM_PATH');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export interface OpenOptions {
  serverUrl: string;
  folder: string;
  /** Omitted: the workbench runs the extensions installed in its extensions dir (e.g. the VSIX). */
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  /** Extension ids allowed to use the `microsoft` account named here, without the consent dialog. */
  preallowAuth?: { account: string; extensions: { id: string; name: string }[] };
  onExit?: (code: number) => void;
}

export function workbenchUrl(o: Pick<OpenOptions, 'serverUrl' | 'folder' | 'extensionDevelopmentPath' | 'extensionTestsPath'>): string {
  const remote = (p: string) => `vscode-remote://${new URL(o.serverUrl).host}${p}`;
  const payload: [string, string][] = o.extensionDevelopmentPath ? [['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]] : [];
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  return `${o.serverUrl}/?folder=${encodeURIComponent(o.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export class Workbench {
  private constructor(readonly page: Page, private readonly shotsDir: string) {}

  static async open(browser: Browser, o: OpenOptions, shotsDir: string, consoleLog: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${String(e)}\n`));
    if (o.onExit) await page.exposeFunction('codeAutomationExit', (code: number) => o.onExit?.(code));
    if (o.preallowAuth) await preallow(page, o.serverUrl, o.preallowAuth);
    await page.goto(workbenchUrl(o));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.part.activitybar').waitFor({ timeout: 90_000 });
    return new Workbench(page, shotsDir);
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.shotsDir, { recursive: true });
    const file = path.join(this.shotsDir, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`.activitybar a[aria-label^="${title}"]`);
  }

  async openContainer(title: string): Promise<void> {
    const pane = this.page.locator('.sidebar .composite.title', { hasText: title.toUpperCase() });
    // A workbench still restoring its layout (just after a reload) may show the container itself a
    // moment after a click, which then hides it again: look again before each further click.
    for (const end = Date.now() + 15_000; !(await pane.isVisible().catch(() => false));) {
      if (Date.now() > end) throw new Error(`The "${title}" side bar did not open after 15 s of clicking its activity-bar icon`);
      await this.activityBarItem(title).click();
      await pane.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
  }

  pane(viewName: string): Locator {
    return this.page.locator('.pane', { has: this.page.locator(`.pane-header[aria-label^="${viewName}"]`) });
  }

  rows(viewName: string): Locator {
    return this.pane(viewName).locator('.monaco-list-row');
  }

  row(viewName: string, text: string | RegExp): Locator {
    return this.rows(viewName).filter({ hasText: text }).first();
  }

  async rowTexts(viewName: string): Promise<string[]> {
    return this.rows(viewName).evaluateAll((rs) => rs.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  quickPickRow(text: string | RegExp): Locator {
    return this.quickInput().locator('.monaco-list-row').filter({ hasText: text }).first();
  }

  /**
   * F1, type the title, pick the matching row and press Enter — as a person does. Right after the
   * workbench opens, extension commands may not be in the palette yet: close it and try again.
   */
  async runCommand(title: string, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    // The row whose label is exactly the title (a longer command may rank first, e.g.
    // "Browse Color Themes in Marketplace" for "Color Theme").
    const exact = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    for (let attempt = 0; ; attempt++) {
      await this.dismissQuickInput();
      const qi = this.quickInput();
      try {
        if (attempt % 2 === 0) {
          await this.page.keyboard.press('F1');
          await qi.waitFor({ state: 'visible', timeout: 3_000 });
          await this.page.keyboard.type(title);
        } else {
          // F1 can be swallowed where focus sits (e.g. inside a webview): use the command center.
          await this.page.locator('.command-center .action-item').first().click({ timeout: 3_000 });
          await qi.waitFor({ state: 'visible', timeout: 3_000 });
          await this.page.keyboard.type(`>${title}`);
        }
        const row = qi.locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
        await row.waitFor({ timeout: Math.min(5_000, Math.max(500, end - Date.now())) });
        await row.click();
        return;
      } catch (err) {
        if (Date.now() > end) throw err;
      }
    }
  }

  async dismissQuickInput(): Promise<void> {
    if (await this.quickInput().isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item').filter({ hasText: text }).first();
  }

  /** What the notification center lists (toasts hide after a while; the center keeps them), for an error message. */
  async notificationTexts(): Promise<string[]> {
    await this.runCommand('Notifications: Show Notifications', 10_000);
    const items = this.page.locator('.notifications-center .notification-list-item-message');
    await items.first().waitFor({ timeout: 2_000 }).catch(() => undefined);
    const texts = await items.allInnerTexts();
    await this.page.keyboard.press('Escape');
    return texts.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async clearNotifications(): Promise<void> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    const n = await toasts.count();
    for (let i = 0; i < n; i++) {
      const close = toasts.nth(0).locator('.codicon-notifications-clear, .codicon-close').first();
      if (await close.isVisible().catch(() => false)) await close.click().catch(() => undefined);
    }
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  async clickDialogButton(text: string | RegExp): Promise<void> {
    const button = this.dialog().locator('.dialog-buttons .monaco-button', { hasText: text }).first();
    await button.waitFor({ timeout: 15_000 });
    await button.click();
  }

  contextMenuItem(text: string): Locator {
    return this.page.locator('.monaco-menu .action-item', { hasText: text }).first();
  }

  /** Right-clicks a row and runs a context-menu item. The menu ignores a click that comes right after it opens, so: hover, then Enter. */
  async runContextMenu(row: Locator, item: string): Promise<void> {
    await row.click({ button: 'right' });
    const entry = this.contextMenuItem(item);
    await entry.waitFor({ timeout: 10_000 });
    await entry.hover();
    await this.page.keyboard.press('Enter');
  }

  /** The content of the active webview (two iframes deep). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready:visible').last().frameLocator('iframe#active-frame');
  }
}

/** Grants extensions access to a `microsoft` account in advance (browser state of this origin). */
async function preallow(page: Page, serverUrl: string, o: NonNullable<OpenOptions['preallowAuth']>): Promise<void> {
  await page.goto(`${serverUrl}/healthz`);
  await page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('vscode-web-state-db-global');
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains('ItemTable')) req.result.createObjectStore('ItemTable');
        };
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('ItemTable', 'readwrite');
          tx.objectStore('ItemTable').put(value, key);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    { key: `microsoft-${o.account}`, value: JSON.stringify(o.extensions.map((e) => ({ ...e, allowed: true }))) },
  );
}

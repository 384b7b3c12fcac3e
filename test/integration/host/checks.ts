// Checks that need the extension host's API (they run the same in code-server and desktop VS Code).
import type * as vscodeApi from 'vscode';

export const EXTENSION_ID = 'partner-center-tools.partner-center-support-contacts';

export interface HostCheck {
  name: string;
  run(vscode: typeof vscodeApi): Promise<void>;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export const hostChecks: HostCheck[] = [
  {
    name: 'host: the extension activates',
    async run(vscode) {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert(ext, `extension ${EXTENSION_ID} is not installed in this workbench`);
      await ext.activate();
      assert(ext.isActive, 'extension did not become active');
    },
  },
  {
    name: 'host: every contributed command is registered',
    async run(vscode) {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      const contributed = ((ext?.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = contributed.filter((c) => !registered.has(c));
      assert(contributed.length > 5, 'no commands contributed');
      assert(missing.length === 0, `contributed but not registered: ${missing.join(', ')}`);
    },
  },
  {
    // It calls a cloud API only, so over SSH/WSL/containers it prefers the local (UI) side; where no
    // local Node extension host exists (VS Code in a browser: code-server) it runs on the workspace
    // side. Either way its journals and change log are plain files in globalStorageUri.fsPath on the
    // machine it runs on (the bulk journeys read them under the server's user data in code-server).
    name: 'host: extensionKind ["ui", "workspace"]: runs where a Node host exists, on the UI side when it can',
    async run(vscode) {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert(ext, 'not installed');
      assert(JSON.stringify((ext.packageJSON as { extensionKind?: unknown }).extensionKind) === '["ui","workspace"]', 'extensionKind is not ["ui", "workspace"]');
      const web = vscode.env.uiKind === vscode.UIKind.Web;
      // VS Code in a browser has no local Node host: the workspace (server) side. Desktop: the UI side,
      // in a remote window too (it prefers "ui"), so it need not be installed on every remote.
      const expected = web ? vscode.ExtensionKind.Workspace : vscode.ExtensionKind.UI;
      assert(ext.extensionKind === expected, `runs as ${vscode.ExtensionKind[ext.extensionKind]} (uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'})`);
    },
  },
];

interface Api {
  account(): { label: string; method: string } | undefined;
}

hostChecks.push({
  name: 'host: device-code sign-in (msal-node) against the emulator authority',
  async run(vscode) {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert(ext, 'extension missing');
    const api = await ext.activate();
    const config = vscode.workspace.getConfiguration('partnerCenter');
    assert(config.get<string>('authority'), 'the runner did not point partnerCenter.authority at the emulator');
    await config.update('authentication', 'deviceCode', vscode.ConfigurationTarget.Global);
    try {
      await new Promise((r) => setTimeout(r, 300)); // the session rebuilds its token source on the change
      await vscode.commands.executeCommand('partnerCenter.signIn');
      const account = api.account();
      assert(account?.method === 'deviceCode', `not signed in with a device code: ${JSON.stringify(account)}`);
      assert(/@/.test(account.label), `unexpected account label ${account.label}`);
      await vscode.commands.executeCommand('partnerCenter.signOut');
      assert(api.account() === undefined, 'still signed in after Sign Out');
    } finally {
      await config.update('authentication', undefined, vscode.ConfigurationTarget.Global);
    }
  },
});

hostChecks.push({
  name: 'host: Export to CSV refuses a target that is not a .csv file',
  async run(vscode) {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-export-'));
    const victim = path.join(dir, 'notes.txt');
    fs.writeFileSync(victim, 'keep me');
    try {
      // Refused before any question is asked: without the check a quick pick would wait here.
      const outcome = await Promise.race([
        vscode.commands.executeCommand('partnerCenter.exportCsv', undefined, undefined, victim).then(() => 'returned'),
        new Promise<string>((r) => setTimeout(() => r('waiting for input'), 5_000)),
      ]);
      if (outcome !== 'returned') await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert(outcome === 'returned', 'Export to CSV asked what to export instead of refusing a .txt target');
      assert(fs.readFileSync(victim, 'utf8') === 'keep me', 'Export to CSV overwrote a file that is not a .csv file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
});

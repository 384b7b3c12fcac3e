// `npm start`: the extension against the Partner Center emulator in a real VS Code, with no tenant.
// Starts the emulator (seeded data; sign-ins approve themselves), then desktop VS Code when `code` is
// available, else code-server (prints the URL and opens a browser when one is available). Runs until
// Ctrl+C and stops everything it started.
//   npm start -- [--no-open] [--port N] [--emulator-port N] [--customers N]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator/index';
import { desktopVsCode } from './integration/runner/electron';
import { startProcess, stopAllOnExit } from './integration/runner/processes';
import { workbenchUrl } from './integration/runner/workbench';
import { ROOT, startWorkbenchServer, userSettings } from './integration/runner/workbenchServer';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function canOpenBrowser(): boolean {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  try {
    execFileSync('sh', ['-c', 'command -v xdg-open'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-center-start-'));
  const emulator = await startEmulator({
    port: Number(arg('emulator-port') ?? 0),
    customers: Number(arg('customers') ?? 200),
    autoApproveDeviceCode: true,
  });
  const caFile = path.join(dir, 'emulator-ca.pem');
  fs.writeFileSync(caFile, emulator.caCertPem);
  let stopWorkbench: () => Promise<void> = async () => undefined;
  const stop = async () => {
    await stopWorkbench();
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  stopAllOnExit(stop);
  console.log(`Partner Center emulator: ${emulator.url}`);

  const env = { PC_EMULATOR_URL: emulator.url, NODE_EXTRA_CA_CERTS: caFile };
  const desktop = desktopVsCode();
  if (desktop) {
    // Desktop VS Code keeps its own Microsoft sign-in, so it signs in to the emulator by device code.
    const userData = path.join(dir, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    const settings = { ...userSettings(emulator.url, emulator.authority), 'partnerCenter.authentication': 'deviceCode', 'partnerCenter.pageSize': 50 };
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const folder = path.join(dir, 'workspace');
    fs.mkdirSync(folder);
    const child = startProcess(desktop, ['--extensionDevelopmentPath', ROOT, '--user-data-dir', userData, '--new-window', '--wait', folder], {
      stdio: 'ignore', env: { ...process.env, ...env },
    });
    console.log(`VS Code: desktop (${desktop}); sign in from the Partner Center view (device code, approved automatically).`);
    stopWorkbench = async () => undefined;
    child.on('exit', () => void stop().then(() => process.exit(0)));
  } else {
    const server = await startWorkbenchServer({
      dir, env, emulator, port: Number(arg('port') ?? 0), logFile: path.join(dir, 'code-server.log'),
      // The Chat view opens by default in VS Code 1.105 and takes a third of the window: keep the room for the product.
      extraSettings: { 'partnerCenter.pageSize': 50, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true },
    });
    stopWorkbench = server.stop;
    const url = workbenchUrl({ serverUrl: server.url, folder: server.folder, extensionDevelopmentPath: ROOT });
    console.log(`VS Code: ${url}`);
    console.log('Open it in a browser, click "Sign in to Partner Center" in the Partner Center view, then Allow. Ctrl+C stops everything.');
    if (!process.argv.includes('--no-open') && canOpenBrowser()) startProcess('xdg-open', [url], { stdio: 'ignore' }).unref();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

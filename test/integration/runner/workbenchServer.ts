// A code-server workbench prepared for this extension: fresh user data with the emulator's endpoint
// in the settings, the test-only fixture extensions installed, free port. Used by the integration
// runner and by `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { startCodeServer } from './codeServer';
import { freePort } from './processes';

export const ROOT = path.resolve(__dirname, '../../../..');

export interface WorkbenchServerOptions {
  dir: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
  emulator?: { url: string; authority: string } | undefined;
  port?: number;
  extraSettings?: Record<string, unknown>;
}

export function userSettings(emulatorUrl: string | undefined, authority: string | undefined): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
    'workbench.settings.enableNaturalLanguageSearch': false,
    'npm.fetchOnlinePackageInfo': false,
    'extensions.ignoreRecommendations': true,
    'window.commandCenter': true,
    // No Chat view beside the editor: it took a third of every screenshot and is not part of the product.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    ...(emulatorUrl ? { 'partnerCenter.endpoint': emulatorUrl } : {}),
    ...(authority ? { 'partnerCenter.authority': authority } : {}),
  };
}


export async function startWorkbenchServer(o: WorkbenchServerOptions) {
  const userDataDir = path.join(o.dir, 'user-data');
  const extensionsDir = path.join(o.dir, 'extensions');
  const folder = path.join(o.dir, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settings = { ...userSettings(o.emulator?.url, o.emulator?.authority), ...o.extraSettings };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // The emulator endpoints also go into the remote machine's settings: code-server drops machine-
  // overridable keys from the user settings file the first time the workbench writes to it.
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  const machine = Object.fromEntries(Object.entries(settings).filter(([k]) => k === 'partnerCenter.endpoint' || k === 'partnerCenter.authority'));
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machine, null, 2));
  installFixtureExtensions(extensionsDir);
  const port = o.port || (await freePort());
  const server = await startCodeServer({ port, userDataDir, extensionsDir, folder, logFile: o.logFile, env: o.env });
  return { ...server, folder };
}

/**
 * Test-only extensions (e.g. the fake `microsoft` auth provider) are copied into the extensions dir.
 * Once something was installed with --install-extension, VS Code loads only what extensions.json
 * lists, so the copies are registered there too.
 */
function installFixtureExtensions(extensionsDir: string): void {
  const fixtures = path.join(ROOT, 'test/integration/fixtures');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const registry = path.join(extensionsDir, 'extensions.json');
  const listed = fs.existsSync(registry) ? (JSON.parse(fs.readFileSync(registry, 'utf8')) as { identifier: { id: string } }[]) : undefined;
  for (const name of fs.existsSync(fixtures) ? fs.readdirSync(fixtures) : []) {
    const manifest = path.join(fixtures, name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { publisher: string; name: string; version: string };
    const folder = `${pkg.publisher}.${pkg.name}-${pkg.version}`;
    const target = path.join(extensionsDir, folder);
    fs.cpSync(path.join(fixtures, name), target, { recursive: true });
    const id = `${pkg.publisher}.${pkg.name}`;
    if (listed && !listed.some((e) => e.identifier.id === id)) {
      listed.push({
        identifier: { id },
        version: pkg.version,
        location: { $mid: 1, fsPath: target, path: target, scheme: 'file' },
        relativeLocation: folder,
        metadata: { installedTimestamp: Date.now(), source: 'vsix' },
      } as { identifier: { id: string } });
    }
  }
  if (listed) fs.writeFileSync(registry, JSON.stringify(listed));
}

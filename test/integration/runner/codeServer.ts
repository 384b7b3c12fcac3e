// code-server (VS Code served to a browser) as the offline "real VS Code", run with the Node 22 it
// needs. scripts/setup.mjs installs both from the npm registry once into a cache outside the clone
// (${XDG_CACHE_HOME:-~/.cache}/partner-center-vscode/code-server-<version>), so fresh clones reuse it;
// its versions are in scripts/setup.json.
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startProcess, stopProcess, waitFor } from './processes';

const ROOT = path.resolve(__dirname, '../../../..');

interface InstalledCodeServer {
  /** The Node 22 binary code-server runs with. */
  node: string;
  /** code-server's entry script (out/node/entry.js). */
  entry: string;
}

interface SetupModule {
  ensureCodeServer(): Promise<InstalledCodeServer>;
}

/** code-server's install (running the set-up step first when it is missing). */
export async function ensureCodeServer(): Promise<InstalledCodeServer> {
  const setup = (await import(pathToFileURL(path.join(ROOT, 'scripts/setup.mjs')).href)) as SetupModule;
  return setup.ensureCodeServer();
}

/** The VS Code version the installed code-server serves (e.g. 1.105.1). */
export async function codeServerVsCodeVersion(): Promise<string> {
  const { entry } = await ensureCodeServer();
  const manifest = path.join(path.dirname(entry), '..', '..', 'lib', 'vscode', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Runs code-server's command line (e.g. --install-extension) to completion. */
export async function runCodeServerCli(args: string[], timeoutMs: number): Promise<void> {
  const { node, entry } = await ensureCodeServer();
  execFileSync(node, [entry, ...args], { stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
}

export interface CodeServerOptions {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startCodeServer(o: CodeServerOptions): Promise<RunningCodeServer> {
  const { node, entry } = await ensureCodeServer();
  fs.mkdirSync(o.userDataDir, { recursive: true });
  fs.mkdirSync(o.extensionsDir, { recursive: true });
  fs.mkdirSync(o.folder, { recursive: true });
  const out = fs.openSync(o.logFile, 'a');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${o.port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir, o.folder];
  // No extension marketplace: the machine is offline, and nothing should try to reach one.
  const gallery = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' });
  const child = startProcess(node, [entry, ...args], { stdio: ['ignore', out, out], env: { ...process.env, EXTENSIONS_GALLERY: gallery, ...o.env } });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${o.port}`;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`code-server exited (${code}); see ${o.logFile}`))));
  await Promise.race([exited, waitFor('code-server /healthz', async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 60_000)]);
  exited.catch(() => undefined);
  return { url, process: child, stop: () => stopProcess(child) };
}

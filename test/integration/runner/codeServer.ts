// code-server 4.100.3 (VS Code 1.100.3) as the offline "real VS Code". Installed once from the npm
// registry into a cache outside the clone (${XDG_CACHE_HOME:-~/.cache}/partner-center-vscode), so a
// fresh clone reuses it. Offline installs need two things the testing doc describes: ripgrep's
// download primed from Debian's binary, and npm allowed to run code-server's install scripts.
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, stopProcess, waitFor } from './processes';

export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'partner-center-vscode');
}

function installDir(): string {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin(): string {
  return path.join(installDir(), 'node_modules', '.bin', 'code-server');
}

function primeRipgrep(): void {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) throw new Error('ripgrep is missing: install it first (apt-get install ripgrep), see .ci/run');
  const cache = path.join(process.env.TMPDIR || os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(archive)) return;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-'));
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.mkdirSync(cache, { recursive: true });
  execFileSync('tar', ['-C', stage, '-czf', archive, 'rg']);
  fs.rmSync(stage, { recursive: true, force: true });
}

/**
 * The built-in Microsoft authentication extension is moved aside in this test-only copy so that the
 * test extension can register the `microsoft` provider (code-server has no --disable-extension).
 */
function moveMicrosoftAuthAside(dir: string): void {
  const builtin = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'microsoft-authentication');
  if (fs.existsSync(builtin)) fs.renameSync(builtin, path.join(dir, 'microsoft-authentication.moved-aside'));
}

/** Installs code-server into the cache unless a complete install is already there. */
export function ensureCodeServer(log: (line: string) => void = console.log): string {
  const dir = installDir();
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker) && fs.existsSync(codeServerBin())) {
    moveMicrosoftAuthAside(dir);
    return codeServerBin();
  }
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (once; about a minute)…`);
  primeRipgrep();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION }, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  const env = { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  execFileSync('npm', ['install', '--no-package-lock', '--loglevel=error'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60_000 });
  if (!fs.existsSync(codeServerBin())) throw new Error(`code-server install did not produce ${codeServerBin()}`);
  moveMicrosoftAuthAside(dir);
  fs.writeFileSync(marker, new Date().toISOString());
  return codeServerBin();
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
  const bin = ensureCodeServer();
  fs.mkdirSync(o.userDataDir, { recursive: true });
  fs.mkdirSync(o.extensionsDir, { recursive: true });
  fs.mkdirSync(o.folder, { recursive: true });
  const out = fs.openSync(o.logFile, 'a');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${o.port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', o.userDataDir, '--extensions-dir', o.extensionsDir, o.folder];
  // No extension marketplace: the machine is offline, and nothing should try to reach one.
  const gallery = JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' });
  const child = startProcess(bin, args, { stdio: ['ignore', out, out], env: { ...process.env, EXTENSIONS_GALLERY: gallery, ...o.env } });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${o.port}`;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`code-server exited (${code}); see ${o.logFile}`))));
  await Promise.race([exited, waitFor('code-server /healthz', async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 60_000)]);
  exited.catch(() => undefined);
  return { url, process: child, stop: () => stopProcess(child) };
}

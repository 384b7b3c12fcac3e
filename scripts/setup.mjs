// The project's one set-up step, run first by `npm start` and `npm test` (and by the integration runner
// when code-server is missing). Modelled on `playwright install --with-deps`: it checks what is missing,
// says in one line what it installs and why, installs it, and prints nothing when all is there.
//   node scripts/setup.mjs start|test
//
// From Debian, with apt-get (as root, or through passwordless sudo; otherwise it stops before anything
// else and prints the one command to run):
//   - for the tests only: chromium (playwright-core drives VS Code in it) and fonts-noto-cjk and
//     fonts-liberation (the screenshots show Japanese, Greek, Cyrillic and Arabic company names);
//   - only while code-server still has to be installed, and only if missing: g++, make and python3
//     (node-gyp builds code-server's native modules).
// From the npm registry, into ${XDG_CACHE_HOME:-~/.cache}/partner-center-vscode/code-server-<version>/
// (outside the clone, so fresh clones reuse it; nothing is downloaded from anywhere else):
//   - Node 22, which code-server >= 4.105 requires: the `node-<platform>-<arch>` package (what the
//     `node` package installs) ships the binary and the headers node-gyp builds against;
//   - ripgrep: `@vscode/ripgrep-<platform>-<arch>` ships the rg binary. It primes the download cache of
//     the older @vscode/ripgrep that VS Code pins, whose install would otherwise fetch rg from GitHub.
//     (So Debian's ripgrep is no longer needed.)
//   - code-server, installed and run with that Node 22.
// Two changes to this test-only copy of VS Code keep its install offline and free of system libraries:
// a dependency given as a git URL (`@parcel/watcher` in VS Code 1.105) is taken from the registry at
// its locked version (2.5.1, with prebuilt binaries), and the `kerberos` module is left out — VS Code
// loads it lazily for Kerberos proxy authentication only, and building it needs libkrb5-dev. The
// built-in Microsoft authentication extension is moved aside so that the test extension
// (test/integration/fixtures/fake-microsoft-auth) can provide the `microsoft` accounts.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VERSIONS = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/setup.json'), 'utf8'));

const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;
const RIPGREP_PACKAGE = `@vscode/ripgrep-${process.platform}-${process.arch}`;

export function cacheRoot() {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'partner-center-vscode');
}

export function codeServerDir() {
  return path.join(cacheRoot(), `code-server-${VERSIONS.codeServer}`);
}

/** Written last by a complete install: `{ node, entry }`, the Node 22 binary and code-server's entry script. */
function markerFile() {
  return path.join(codeServerDir(), 'install.json');
}

function codeServerInstalled() {
  try {
    const { node, entry } = JSON.parse(fs.readFileSync(markerFile(), 'utf8'));
    return fs.existsSync(node) && fs.existsSync(entry);
  } catch {
    return false;
  }
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function debianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.startsWith('ii');
}

function desktopVsCode() {
  return !!process.env.VSCODE_EXECUTABLE || has('code');
}

export function chromiumFound() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].some((p) => p && fs.existsSync(p));
}

/** The Debian packages this purpose still lacks, grouped by the reason they are needed. */
function missingDebianPackages(purpose, needCodeServer) {
  const groups = [];
  if (purpose === 'test') {
    if (!chromiumFound()) groups.push({ packages: ['chromium'], why: 'the tests drive VS Code in chromium' });
    const fonts = ['fonts-noto-cjk', 'fonts-liberation'].filter((f) => !debianPackageInstalled(f));
    if (fonts.length) groups.push({ packages: fonts, why: "the screenshots show Japanese, Greek, Cyrillic and Arabic names" });
  }
  if (needCodeServer) {
    const tools = [['g++', 'g++'], ['make', 'make'], ['python3', 'python3']].filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg);
    if (tools.length) groups.push({ packages: tools, why: "node-gyp builds code-server's native modules" });
  }
  return groups;
}

function elapsed(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * Runs one install step with its output in `logFile`, printing what it does, a line every 30 s while
 * it runs and how long it took; on failure the end of the log.
 */
function step(what, command, args, options, logFile) {
  const started = Date.now();
  console.log(`  ${what}…`);
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, { ...options, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const timer = setInterval(() => console.log(`    … still working (${elapsed(Date.now() - started)})`), 30_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (code === 0) {
        console.log(`    done in ${elapsed(Date.now() - started)}`);
        resolve();
        return;
      }
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      reject(new Error(`${what} failed (${signal ?? `exit code ${code}`}); the end of ${logFile}:\n${tail}`));
    });
  });
}

async function installDebianPackages(groups, purpose) {
  const packages = groups.flatMap((g) => g.packages);
  const reasons = groups.map((g) => `${g.why}: ${g.packages.join(', ')}`).join('; ');
  const root = process.getuid?.() === 0;
  const sudo = !root && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const apt = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (!root && !sudo) {
    console.error(`Set-up: npm ${purpose} needs Debian packages that are missing (${reasons}), and installing them needs root.`);
    console.error('Run this once, then run the command again:');
    console.error(has('sudo') ? `  sudo apt-get update && sudo ${apt}` : `  su -c 'apt-get update && ${apt}'`);
    process.exit(1);
  }
  if (!has('apt-get')) {
    console.error(`Set-up: npm ${purpose} needs ${packages.join(', ')} (${reasons}); this is not a Debian-based system: install them with its package manager.`);
    process.exit(1);
  }
  console.log(`Set-up: installing the Debian packages ${packages.join(', ')} (${reasons}) with apt-get${sudo ? ' through sudo' : ''}, once; about a minute:`);
  // As root: env DEBIAN_FRONTEND=… apt-get …; otherwise the same through `sudo -n` (never a prompt).
  const command = sudo ? 'sudo' : 'env';
  const base = [...(sudo ? ['-n', 'env'] : []), 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=300', '-q'];
  const logFile = path.join(os.tmpdir(), `partner-center-setup-apt-${process.pid}.log`);
  await step('apt-get update', command, [...base, 'update'], {}, logFile);
  await step(`apt-get install ${packages.join(' ')}`, command, [...base, 'install', '-y', '--no-install-recommends', ...packages], {}, logFile);
  fs.rmSync(logFile, { force: true });
}

/** The npm CLI script of the npm running this set-up (run under Node 22 for code-server's install). */
function npmCli() {
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) return process.env.npm_execpath;
  const npm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  const real = fs.realpathSync(npm);
  const cli = real.endsWith('npm-cli.js') ? real : path.join(path.dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  if (!fs.existsSync(cli)) throw new Error(`cannot find npm's npm-cli.js (from ${npm})`);
  return cli;
}

/**
 * The environment without what the calling `npm start`/`npm test` exported for its own scripts: its
 * npm_config_user_agent (which says Node 20 and would fail code-server's Node check), local prefix and
 * package fields. The user's npm settings (cache, registry, proxies, certificates) stay.
 */
function callerEnv() {
  const keep = /^npm_config_(cache|userconfig|globalconfig|cafile|registry|proxy|https_proxy|noproxy|strict_ssl)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.test(key)));
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

const GIT_SPEC = /^(git[+:]|github:|https?:.*\.git|[\w.-]+\/[\w.-]+(#.*)?$)/;

/**
 * Makes one of VS Code's package folders installable offline without system libraries: git-URL
 * dependencies become their locked registry version, and `kerberos` is left out (see the top).
 */
function patchVsCodePackage(dir) {
  const pkgFile = path.join(dir, 'package.json');
  const lockFile = path.join(dir, 'npm-shrinkwrap.json');
  const pkg = readJson(pkgFile);
  const lock = fs.existsSync(lockFile) ? readJson(lockFile) : undefined;
  const rootEntry = lock?.packages?.[''];
  const dropEntries = (name) => {
    if (!lock?.packages) return;
    for (const key of Object.keys(lock.packages)) if (key === `node_modules/${name}` || key.startsWith(`node_modules/${name}/`)) delete lock.packages[key];
  };
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries(pkg[field] ?? {})) {
      if (name === 'kerberos') {
        delete pkg[field][name];
        if (rootEntry?.[field]) delete rootEntry[field][name];
        dropEntries(name);
      } else if (GIT_SPEC.test(spec)) {
        const locked = lock?.packages?.[`node_modules/${name}`]?.version;
        if (!locked) throw new Error(`${pkgFile}: ${name} is a git dependency (${spec}) without a locked version`);
        pkg[field][name] = locked;
        if (rootEntry?.[field]) rootEntry[field][name] = locked;
        dropEntries(name);
      }
    }
  }
  for (const key of Object.keys(pkg.overrides ?? {})) if (key.startsWith('kerberos')) delete pkg.overrides[key];
  writeJson(pkgFile, pkg);
  if (lock) writeJson(lockFile, lock);
}

/** ripgrep's download target names, as @vscode/ripgrep's postinstall computes them. */
function ripgrepTarget() {
  const targets = {
    'linux-x64': 'x86_64-unknown-linux-musl', 'linux-arm64': 'aarch64-unknown-linux-musl',
    'darwin-x64': 'x86_64-apple-darwin', 'darwin-arm64': 'aarch64-apple-darwin',
  };
  const target = targets[`${process.platform}-${process.arch}`];
  if (!target) throw new Error(`no ripgrep target known for ${process.platform}-${process.arch}`);
  return target;
}

/**
 * Puts the rg binary from the registry package where VS Code's pinned @vscode/ripgrep looks before it
 * downloads: `$TMPDIR/vscode-ripgrep-cache-<its version>/ripgrep-<its rg tag>-<target>.tar.gz`. Its rg
 * tag is read from that package's own install script (fetched with `npm pack`, a few KB).
 */
async function primeRipgrep(vscodeDir, rgBinary, tmpDir, env, logFile) {
  const locked = readJson(path.join(vscodeDir, 'npm-shrinkwrap.json')).packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!locked) return;
  const pack = path.join(tmpDir, 'ripgrep-pack');
  fs.mkdirSync(pack, { recursive: true });
  await step(`@vscode/ripgrep ${locked}'s install script, to prime its download cache with the registry's rg`, process.execPath,
    [npmCli(), 'pack', `@vscode/ripgrep@${locked}`, '--pack-destination', pack, '--loglevel=error'], { env, cwd: pack }, logFile);
  const tarball = fs.readdirSync(pack).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['-xzf', path.join(pack, tarball), '-C', pack, 'package/lib/postinstall.js']);
  const script = fs.readFileSync(path.join(pack, 'package/lib/postinstall.js'), 'utf8');
  const tag = /const VERSION = '([^']+)'/.exec(script)?.[1];
  if (!tag) throw new Error(`cannot read the ripgrep version from @vscode/ripgrep ${locked}'s postinstall.js`);
  const stage = path.join(pack, 'stage');
  fs.mkdirSync(stage);
  fs.copyFileSync(rgBinary, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const cache = path.join(tmpDir, `vscode-ripgrep-cache-${locked}`);
  fs.mkdirSync(cache, { recursive: true });
  execFileSync('tar', ['-C', stage, '-czf', path.join(cache, `ripgrep-${tag}-${ripgrepTarget()}.tar.gz`), 'rg']);
  fs.rmSync(pack, { recursive: true, force: true });
}

async function installCodeServer() {
  const dir = codeServerDir();
  const tools = path.join(dir, 'tools');
  const tmp = path.join(dir, 'tmp');
  const logFile = path.join(cacheRoot(), `code-server-${VERSIONS.codeServer}-install.log`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(tools, { recursive: true });
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(logFile, '');
  const started = Date.now();
  console.log(`Set-up: installing code-server ${VERSIONS.codeServer} (the VS Code that npm start and the tests run) with Node ${VERSIONS.node}, `
    + `all from the npm registry, into ${dir}, once; about 4 minutes (log: ${logFile}):`);
  const quiet = ['--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];
  writeJson(path.join(tools, 'package.json'), { private: true, dependencies: { [NODE_PACKAGE]: VERSIONS.node, [RIPGREP_PACKAGE]: VERSIONS.ripgrep } });
  await step(`Node ${VERSIONS.node} (${NODE_PACKAGE}) and ripgrep (${RIPGREP_PACKAGE}), about 55 MB`, process.execPath,
    [npmCli(), 'install', '--ignore-scripts', ...quiet], { cwd: tools, env: callerEnv() }, logFile);
  const node = path.join(tools, 'node_modules', NODE_PACKAGE, 'bin', 'node');
  const nodeDir = path.join(tools, 'node_modules', NODE_PACKAGE);
  const rg = path.join(tools, 'node_modules', RIPGREP_PACKAGE, 'bin', process.platform === 'win32' ? 'rg.exe' : 'rg');
  // Everything below runs under Node 22: `npm` in install scripts resolves `node` from PATH; node-gyp
  // builds against that Node's headers (no header download); @vscode/ripgrep's cache is in TMPDIR.
  const env = {
    ...callerEnv(),
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`,
    TMPDIR: tmp,
    npm_config_nodedir: nodeDir,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  writeJson(path.join(dir, 'package.json'), {
    name: 'code-server-cache', private: true, dependencies: { 'code-server': VERSIONS.codeServer },
    allowScripts: { 'code-server': true, argon2: true },
  });
  await step(`code-server ${VERSIONS.codeServer}, about 45 MB`, node, [npmCli(), 'install', '--ignore-scripts', ...quiet], { cwd: dir, env }, logFile);
  const codeServer = path.join(dir, 'node_modules', 'code-server');
  const vscode = path.join(codeServer, 'lib', 'vscode');
  patchVsCodePackage(vscode);
  patchVsCodePackage(path.join(vscode, 'extensions'));
  await primeRipgrep(vscode, rg, tmp, env, logFile);
  await step(`VS Code ${readJson(path.join(vscode, 'package.json')).version}'s dependencies, building its native modules (about 3 minutes)`, node,
    [npmCli(), 'rebuild', '--foreground-scripts', '--loglevel=error'], { cwd: dir, env }, logFile);
  const entry = path.join(codeServer, 'out', 'node', 'entry.js');
  if (!fs.existsSync(path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) throw new Error(`the install did not produce ripgrep; see ${logFile}`);
  const builtinAuth = path.join(vscode, 'extensions', 'microsoft-authentication');
  if (fs.existsSync(builtinAuth)) fs.renameSync(builtinAuth, path.join(dir, 'microsoft-authentication.moved-aside'));
  fs.rmSync(tmp, { recursive: true, force: true });
  execFileSync(node, [entry, '--version'], { stdio: 'ignore', timeout: 60_000 });
  writeJson(markerFile(), { node, entry, installed: new Date().toISOString() });
  console.log(`Set-up: code-server ${VERSIONS.codeServer} is ready (${elapsed(Date.now() - started)}).`);
}

/**
 * The paths of a complete code-server install (`{ node, entry }`), installing it first when missing.
 * Used by the integration runner and `npm start` (`setup` has normally done it already).
 */
export async function ensureCodeServer() {
  if (!codeServerInstalled()) await setup('start', { codeServer: true });
  return readJson(markerFile());
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * One install at a time per cache (other clones, `npm start` beside `npm test`): the first takes
 * `<dir>.lock`; the others wait for it and then use its install. A lock whose process is gone is stale.
 */
async function withInstallLock(install) {
  const lock = `${codeServerDir()}.lock`;
  fs.mkdirSync(cacheRoot(), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let text = '';
      try {
        text = fs.readFileSync(lock, 'utf8');
      } catch {
        continue; // released meanwhile
      }
      const owner = Number(text);
      if (text && (!owner || !alive(owner))) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (!told && owner) console.log(`Set-up: waiting for another set-up (process ${owner}) that is installing code-server ${VERSIONS.codeServer}…`);
      told ||= !!owner;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    if (!codeServerInstalled()) await install();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Everything `npm <purpose>` needs; `codeServer` also when desktop VS Code would do for `start`. */
export async function setup(purpose, { codeServer = purpose === 'test' || !desktopVsCode() } = {}) {
  const needCodeServer = codeServer && !codeServerInstalled();
  const missing = missingDebianPackages(purpose, needCodeServer);
  if (missing.length) await installDebianPackages(missing, purpose);
  if (needCodeServer) await withInstallLock(installCodeServer);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const purpose = process.argv[2];
  if (purpose !== 'start' && purpose !== 'test') {
    console.error('usage: node scripts/setup.mjs start|test');
    process.exit(2);
  }
  setup(purpose).catch((err) => {
    console.error(`Set-up failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

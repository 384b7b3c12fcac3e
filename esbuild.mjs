// Bundles the extension host code (cjs, node, `vscode` external) and the webview page script
// (browser). Heavy, rarely used code (msal-node, the telemetry library) is built as separate chunks
// that the main bundle loads with lazyRequire() only when needed.
// --production (npm run package) also regenerates the VSIX's readme from README.md.
//   node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { writeMarketplaceReadme } from './scripts/marketplace-readme.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const exists = (p) => fs.existsSync(p);

const hostEntries = {
  extension: 'src/extension.ts',
  telemetry: 'src/platform/telemetryChunk.ts',
  undici: 'node_modules/undici/index.js',
  ...(exists('src/auth/deviceCodeChunk.ts') ? { deviceCode: 'src/auth/deviceCodeChunk.ts' } : {}),
};
const pageEntries = {
  ...(exists('src/webview/page/editor.ts') ? { 'webview/editor': 'src/webview/page/editor.ts' } : {}),
  ...(exists('src/webview/page/reassign.ts') ? { 'webview/reassign': 'src/webview/page/reassign.ts' } : {}),
  ...(exists('src/webview/page/health.ts') ? { 'webview/health': 'src/webview/page/health.ts' } : {}),
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  outdir: 'dist',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
};

// Every host chunk reaches undici through require('./undici.js') at first use (src/partnerCenter/undici.ts).
const lazyUndici = {
  name: 'lazy-undici',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const builds = [
  // The banner lets activate() report how long loading the bundle took (logged on activation).
  { ...common, entryPoints: hostEntries, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'], plugins: [lazyUndici],
    banner: { js: 'globalThis.__partnerCenterLoadStart ??= performance.now();' } },
  ...(Object.keys(pageEntries).length ? [{ ...common, entryPoints: pageEntries, platform: 'browser', format: 'iife', target: 'es2022' }] : []),
];

function report(results) {
  const outputs = {};
  for (const r of results) Object.assign(outputs, r.metafile.outputs);
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/meta.json', JSON.stringify({ outputs }, null, 0));
  for (const [file, info] of Object.entries(outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`${path.relative('.', file).padEnd(28)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KB`);
  }
  const main = outputs['dist/extension.js'];
  if (main) console.log(`Main bundle (dist/extension.js): ${(main.bytes / 1024).toFixed(1)} KB${production ? ' minified' : ''}`);
  const eager = Object.keys(main?.inputs ?? {}).filter((i) => i.includes('@azure/msal'));
  if (eager.length) {
    console.error('msal-node must not be in the main bundle:', eager.slice(0, 3));
    process.exitCode = 1;
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, plugins: [{ name: 'report', setup(build) { build.onEnd((r) => r.errors.length || console.log(`[watch] rebuilt ${Object.keys(r.metafile?.outputs ?? {}).length} files`)); } }] })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching for changes…');
} else {
  fs.rmSync('dist', { recursive: true, force: true });
  report(await Promise.all(builds.map((b) => esbuild.build(b))));
  if (production && !writeMarketplaceReadme({ check: true })) {
    console.error('docs/marketplace/README.md (the VSIX readme) is out of date with README.md: run `npm run readme` and commit it.');
    process.exit(1);
  }
}

// The readme shipped in the VSIX (docs/marketplace/README.md) is generated from README.md by
// scripts/marketplace-readme.mjs (npm run package runs it): this fails when the committed copy is stale.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');
const script = join(root, 'scripts', 'marketplace-readme.mjs');
const shipped = join(root, 'docs', 'marketplace', 'README.md');

function run(...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('the VSIX readme is current with README.md (run node scripts/marketplace-readme.mjs, or npm run package)', () => {
  const { status, output } = run('--check');
  assert.equal(status, 0, output);
});

test('the VSIX readme is README.md\'s user sections, text only; a README it cannot ship is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pc-readme-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const out = join(dir, 'marketplace.md');
  assert.equal(run('--from', join(root, 'README.md'), '--to', out).status, 0);
  const text = await readFile(out, 'utf8');
  assert.equal(text, await readFile(shipped, 'utf8'));
  for (const heading of ['## Using it', '## Sign-in', '## Settings', '## Troubleshooting', '## Privacy and telemetry']) assert.ok(text.includes(`\n${heading}\n`), heading);
  assert.doesNotMatch(text, /!\[|docs\/images|## Development|## The emulator|npm install && npm test/, 'images or developer sections ship in the VSIX');

  const edited = join(dir, 'edited.md');
  await writeFile(edited, readme.replace('## Settings\n', '## Settings\nA new sentence.\n'));
  assert.equal(run('--check', '--from', edited, '--to', shipped).status, 1, 'a README change left the VSIX readme "current"');
  await writeFile(edited, readme.replace('## Sign-in\n', '## Signing in\n'));
  assert.match(run('--from', edited, '--to', out).output, /no "## Sign-in" section/);
  await writeFile(edited, readme.replace('## Settings\n', '## Settings\nSee ![the settings](docs/images/settings.png).\n'));
  assert.match(run('--from', edited, '--to', out).output, /relative image or link: !\[the settings\]/);
});

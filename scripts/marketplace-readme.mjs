// Builds docs/marketplace/README.md, the readme shipped in the VSIX, from the top-level README.md:
// its title, its intro and its user sections, text only (no images: the VSIX has no repository to
// host them; no developer set-up). `npm run readme` writes it; `npm run package` (esbuild.mjs
// --production) stops when the committed copy is not current, and so does the unit test
// test/unit/docs/marketplaceReadme.test.ts.
//   node scripts/marketplace-readme.mjs [--check] [--from README.md] [--to docs/marketplace/README.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(import.meta.dirname, '..');

/** The top-level README's sections a user of the extension needs, in this order. */
const userSections = ['Try it with no tenant', 'Using it', 'Sign-in', 'Settings', 'Troubleshooting', 'Privacy and telemetry'];

const notice = '<!-- Shipped in the VSIX. Generated from README.md by scripts/marketplace-readme.mjs (npm run readme): edit README.md, not this file. Text only: no images until the extension has a public repository to host them. -->';

const blocks = (lines) => lines.join('\n').split(/\n[ \t]*\n/).map((b) => b.trim()).filter((b) => b !== '');
/** A block of images only (an image line, a table of screenshots): nothing to read without them. */
const imagesOnly = (block) => block.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/[|:\-\s]/g, '') === '';

/** The marketplace readme for README.md's text; throws when a section is missing or an image or relative link would ship. */
export function marketplaceReadme(readme) {
  const lines = readme.replace(/\r\n/g, '\n').split('\n');
  const title = lines[0].match(/^# (.+?)(?: for VS Code)?\s*$/);
  if (!title) throw new Error('README.md does not start with a "# " title.');
  const headings = lines.flatMap((line, i) => (/^## /.test(line) ? [i] : []));
  const intro = blocks(lines.slice(1, headings[0])).filter((b) => !b.includes('```') && !imagesOnly(b)); // the set-up commands and screenshots
  const sections = userSections.map((name) => {
    const at = headings.find((i) => lines[i] === `## ${name}` || lines[i].startsWith(`## ${name}:`));
    if (at === undefined) throw new Error(`README.md has no "## ${name}" section.`);
    const end = headings.find((i) => i > at) ?? lines.length;
    return `## ${name}\n${blocks(lines.slice(at + 1, end)).filter((b) => !imagesOnly(b)).join('\n\n')}`;
  });
  const text = [`# ${title[1]}`, notice, ...intro, ...sections].join('\n\n');
  const stray = text.match(/!\[[^\]]*\]\([^)]*\)|\]\((?!https?:|#)[^)]*\)/);
  if (stray) throw new Error(`The marketplace readme would ship a relative image or link: ${stray[0]} (put it in its own paragraph, or use an https URL).`);
  return `${text}\n`;
}

/** Writes (or, with `check`, compares) the marketplace readme; returns whether the file was current. */
export function writeMarketplaceReadme({ from = join(root, 'README.md'), to = join(root, 'docs/marketplace/README.md'), check = false } = {}) {
  const want = marketplaceReadme(readFileSync(from, 'utf8'));
  let have;
  try { have = readFileSync(to, 'utf8'); } catch { have = undefined; }
  if (have === want) return true;
  if (!check) writeFileSync(to, want);
  return false;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const check = process.argv.includes('--check');
  const current = writeMarketplaceReadme({ from: arg('--from'), to: arg('--to'), check });
  if (check && !current) {
    console.error('docs/marketplace/README.md is not current with README.md: run npm run readme and commit it.');
    process.exitCode = 1;
  } else if (!current) {
    console.log('docs/marketplace/README.md regenerated from README.md.');
  }
}

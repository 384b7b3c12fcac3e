// The page's string table: the host builds every key the page knows (no more, no fewer), each one
// through a literal l10n.t call that `npm run l10n` exported, and the page's formatter fills {n}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PAGE_STRING_KEYS, formatPageString } from '../../../src/webview/shared/pageStrings';
import { pageStringTable } from '../../../src/webview/pageStringTable';

const root = path.resolve(__dirname, '..', '..', '..', '..');

test('the host table has exactly the keys of the page table, each a non-empty string', () => {
  const table = pageStringTable();
  assert.deepEqual(Object.keys(table).sort(), [...PAGE_STRING_KEYS].sort());
  assert.equal(new Set(PAGE_STRING_KEYS).size, PAGE_STRING_KEYS.length, 'a key is listed twice');
  for (const key of PAGE_STRING_KEYS) assert.ok(typeof table[key] === 'string' && table[key].trim() !== '', key);
});

test('every English text of the table is in l10n/bundle.l10n.json (exported by npm run l10n)', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  const table = pageStringTable();
  const missing = PAGE_STRING_KEYS.filter((k) => !Object.prototype.hasOwnProperty.call(bundle, table[k]));
  assert.deepEqual(missing, [], 'run npm run l10n');
});

test('the host table is built with one literal l10n.t call per key, so a translation replaces each text', () => {
  const source = fs.readFileSync(path.join(root, 'src', 'webview', 'pageStringTable.ts'), 'utf8');
  const calls = [...source.matchAll(/^\s*(\w+): l10n\.t\('((?:[^'\\]|\\.)*)'\),$/gm)].map((m) => [m[1], m[2]] as const);
  assert.deepEqual(calls.map(([k]) => k).sort(), [...PAGE_STRING_KEYS].sort());
  const table = pageStringTable();
  for (const [key, literal] of calls) assert.equal(table[key as keyof typeof table], literal, key);
});

test('placeholders: {n} is replaced by the nth argument once, the rest is left alone', () => {
  assert.equal(formatPageString('PartnerID {0} · Tenant {1}', ['4391507', 'abc']), 'PartnerID 4391507 · Tenant abc');
  assert.equal(formatPageString('{1} before {0}', ['a', 'b']), 'b before a');
  assert.equal(formatPageString('{0} and {0}', ['x']), 'x and x');
  assert.equal(formatPageString('no args {0}', []), 'no args {0}');
  assert.equal(formatPageString('HTTP {0}', ['{1}', 'never']), 'HTTP {1}', 'an argument is not formatted again');
  assert.equal(formatPageString('{name} {x} {-1}', ['a']), '{name} {x} {-1}');
  assert.equal(formatPageString('$& $1 {0}', ['$&$1']), '$& $1 $&$1', 'replacement patterns in arguments are literal');
});

// Service text reaches a person only through the sink helpers: this reads the sources, so a new
// notification, progress title or message argument cannot skip them without failing here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = process.cwd(); // npm test runs from the repository
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'page' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(src).map((path) => ({ file: relative(root, path).replace(/\\/g, '/'), text: readFileSync(path, 'utf8') }));

test('notifications, dialogs and progress titles are shown only through platform/notify.ts', () => {
  const direct = files.filter((f) => f.file !== 'src/platform/notify.ts')
    .flatMap((f) => [...f.text.matchAll(/window\s*\.\s*(show(?:Information|Warning|Error)Message|withProgress)\b/g)].map((m) => `${f.file}: ${m[1]}`));
  assert.deepEqual(direct, [], 'call showInfo/showWarning/showErrorMessage/withProgress from platform/notify.ts instead');
});

/** The top-level arguments of the call whose "(" is at `open` (strings, brackets and template literals respected). */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = closing(text, i);
      current += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) { args.push(current.trim()); return args; }
      depth--;
    }
    if (c === ',' && depth === 0) { args.push(current.trim()); current = ''; continue; }
    current += c;
  }
  return args;
}

function closing(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') { i++; continue; }
    if (text[i] === quote) return i;
  }
  return text.length;
}

/** What names service text: a name, label, description, message, domain, status or id of a model. */
const serviceField = /(?:\.|\b)(?:name|label|companyName|friendlyName|offerName|description|message|domain|status|location|account|created|source)\b|Name\(/;
/** An argument that went through a sink helper (or a builder that applies one) is fine. */
const throughSink = /^(?:plainText|shown|pickerText|p|markdownText|md|contactText|describe|skippedText|String\(\w+\)|count\w*|\w+Text\(\w+\))\s*\(|^\.\.\.\[[\s\S]*\]\.map\(plainText\)$/;

test('every l10n.t argument that carries service text goes through a sink helper', () => {
  const unsafe: string[] = [];
  for (const f of files) {
    if (f.file === 'src/partnerCenter/safeText.ts') continue;
    for (const m of f.text.matchAll(/\bl10n\.t\(/g)) {
      const [, ...args] = callArguments(f.text, (m.index ?? 0) + m[0].length - 1);
      for (const arg of args) {
        if (serviceField.test(arg) && !throughSink.test(arg)) unsafe.push(`${f.file}:${f.text.slice(0, m.index).split('\n').length}: ${arg}`);
      }
    }
  }
  assert.deepEqual(unsafe, []);
});

// Reading ../shared/real-examples/ (the real service's documented requests, responses and error
// codes) and comparing JSON shapes. Plain Node: no vscode, no project code.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');

/**
 * The examples live beside the clone (`../shared/real-examples` from the repository root, as CI lays
 * it out); a git worktree of the main clone also finds them beside that clone. PC_REAL_EXAMPLES wins.
 */
export function findExamplesDir(): string {
  const candidates = [process.env.PC_REAL_EXAMPLES, join(repoRoot, '../shared/real-examples')];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    candidates.push(join(dirname(common), '../shared/real-examples'));
  } catch { /* not a git checkout: only the first two */ }
  const found = candidates.find((c): c is string => !!c && existsSync(join(c, 'index.json')));
  if (!found) {
    throw new Error(`The real Partner Center examples were not found (looked in ${candidates.filter(Boolean).join(', ')}). `
      + 'Put a copy of shared/ beside the clone (../shared/real-examples from the repository root) or set PC_REAL_EXAMPLES.');
  }
  return found;
}

export interface HttpMessage {
  /** Request: method and target; response: status. */
  method?: string; url?: string; status?: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The body exactly as documented (a BOM kept), '' when none. */
  body: string;
}

/** Parses a documented `.http` block: start line, headers (blank lines between them tolerated), body. */
export function parseHttp(text: string): HttpMessage {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const start = lines.shift() ?? '';
  const message: HttpMessage = { headers: {}, body: '' };
  const response = /^HTTP\/1\.1\s+(\d{3})/.exec(start);
  if (response) message.status = Number(response[1]);
  else {
    const [method, url] = start.split(/\s+/);
    message.method = method;
    message.url = url;
  }
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const header = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*?)\s*$/.exec(line);
    if (!header) break; // the body (some examples have no blank line before it)
    message.headers[header[1].toLowerCase()] = header[2];
  }
  message.body = lines.slice(i).join('\n').trim();
  return message;
}

export interface Example { name: string; text: string }

export function readExample(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** The documented JSON body: a BOM dropped; `relaxed` also drops trailing commas (one example has them). */
export function jsonOf(body: string, relaxed = false): unknown {
  const text = body.replace(/^\uFEFF/, '');
  return JSON.parse(relaxed ? text.replace(/,(\s*[\]}])/g, '$1') : text);
}

export interface ErrorRow { status: number; code: number; description: string }

export function errorTable(dir: string): ErrorRow[] {
  return readExample(dir, 'error-codes.tsv').split('\n').slice(1).filter((l) => l.trim() !== '').map((line) => {
    const [, status, code, description] = line.split('\t');
    return { status: Number(status), code: Number(code), description: description ?? '' };
  });
}

export type Difference = string;

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Values compared exactly (everything else by JSON type): the enumerations the client reads. */
const EXACT = new Set(['objectType', 'relationshipType', 'contractType', 'method', 'unitType', 'billingType']);

/**
 * Field-by-field comparison of the emulator's answer with the documented one: a field documented but
 * absent, present but undocumented, of another JSON type, or (for enumerations) of another value is a
 * difference `<label> <missing|extra|type|value> <path>`. Arrays compare their first items.
 */
export function compareShape(label: string, documented: unknown, actual: unknown, path = '$'): Difference[] {
  const out: Difference[] = [];
  const dt = typeOf(documented); const at = typeOf(actual);
  if (dt !== at) return [`${label} type ${path} (${dt} documented, ${at} here)`];
  if (dt === 'array') {
    const [d] = documented as unknown[]; const [a] = actual as unknown[];
    if (d !== undefined && a !== undefined) out.push(...compareShape(label, d, a, `${path}[]`));
    return out;
  }
  if (dt === 'object') {
    const d = documented as Record<string, unknown>; const a = actual as Record<string, unknown>;
    for (const key of Object.keys(d)) {
      if (!(key in a)) out.push(`${label} missing ${path}.${key}`);
      else out.push(...compareShape(label, d[key], a[key], `${path}.${key}`));
    }
    for (const key of Object.keys(a)) if (!(key in d)) out.push(`${label} extra ${path}.${key}`);
    return out;
  }
  const key = path.split('.').at(-1) ?? '';
  if (EXACT.has(key) && String(documented).toLowerCase() !== String(actual).toLowerCase()) {
    out.push(`${label} value ${path} (${JSON.stringify(documented)} documented, ${JSON.stringify(actual)} here)`);
  }
  return out;
}

export interface AllowEntry { difference: string; reason: string }

export function readAllowList(): AllowEntry[] {
  const entries = JSON.parse(readFileSync(join(repoRoot, 'test/contract/allow-list.json'), 'utf8')) as AllowEntry[];
  for (const e of entries) {
    if (typeof e.difference !== 'string' || typeof e.reason !== 'string' || e.reason.trim().length < 10) {
      throw new Error(`allow-list entry without a reason: ${JSON.stringify(e)}`);
    }
  }
  return entries;
}

/** A difference's id without its parenthesised detail (the allow-list names the id). */
export const differenceId = (d: Difference): string => d.replace(/\s*\(.*\)$/, '');

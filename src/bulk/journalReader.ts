// Reads a bulk run's journal (format: journal.ts): where each item stands, or why the file is damaged
// (never resumed); and lists the runs in a folder that have not finished.

import { promises as fs, type Dirent } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { basename, join } from 'node:path';
import { isStoredContact } from '../partnerCenter';
import { journalPrefix, journalSuffix, journalVersion, type DamagedRun, type IncompleteRun, type ItemState, type JournalHeader, type JournalItem, type JournalRecord, type LoadedRun } from './journal';

/** A loadRun of a damaged journal throws this (never a TypeError from a field that is not there). */
export class DamagedJournalError extends Error {
  constructor(readonly run: DamagedRun) {
    super(l10n.t('{0} is a damaged reassignment journal ({1}); it cannot be resumed.', basename(run.file), run.reason));
    this.name = 'DamagedJournalError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
/** Absent, null (JSON has no undefined) or of the type. */
const isOptional = (v: unknown, check: (x: unknown) => boolean): boolean => v === undefined || v === null || check(v);

/** Every field of a plan item the engine, the panel and the report read, with its type. */
function isItem(v: unknown): v is JournalItem {
  return isObject(v) && isString(v.customerId) && isString(v.subscriptionId) && isString(v.subscriptionName) && isString(v.requestId)
    && (v.action === 'change' || v.action === 'skip') && isString(v.reasonText) && isStoredContact(v.target) && (v.current === null || isStoredContact(v.current))
    && isOptional(v.customerName, isString) && isOptional(v.offerId, isString) && isOptional(v.status, isString) && isOptional(v.reason, isString)
    && isOptional(v.resend, (x) => x === true);
}

/** The header's fields, checked one by one: undefined when it is a complete header, else why not. */
function headerProblem(v: unknown): string | undefined {
  if (!isObject(v) || v.t !== 'header') return l10n.t('its first line is not a complete journal header');
  if (typeof v.version !== 'number' || !Number.isInteger(v.version)) return l10n.t('its header has no version');
  if (v.version > journalVersion) return l10n.t('it was written by a newer version of the extension');
  for (const field of ['runId', 'created', 'account', 'correlationId'] as const) {
    if (!isString(v[field])) return l10n.t('its header has no {0}', field);
  }
  if (!isStoredContact(v.target)) return l10n.t('its header has no complete target contact');
  if (!Array.isArray(v.items)) return l10n.t('its header has no item list');
  const bad = (v.items as unknown[]).findIndex((item) => !isItem(item));
  if (bad >= 0) return l10n.t('item {0} of its header is not a complete plan item', bad + 1);
  return undefined;
}

function isRecord(v: unknown, items: number): v is JournalRecord {
  const r = v as { t?: unknown; i?: unknown; requestId?: unknown; outcome?: unknown } | null;
  if (typeof r !== 'object' || r === null || typeof r.i !== 'number' || !Number.isInteger(r.i) || r.i < 0 || r.i >= items) return false;
  if (typeof r.requestId !== 'string') return false;
  return r.t === 'start' || (r.t === 'done' && (r.outcome === 'changed' || r.outcome === 'failed' || r.outcome === 'skipped'));
}

/** Items with a start line and no done line, from whatever lines of a damaged journal can be read. */
function startedWithoutDone(lines: readonly string[]): number {
  const started = new Set<number>();
  const done = new Set<number>();
  for (const line of lines) {
    let r: unknown;
    try { r = JSON.parse(line); } catch { continue; }
    if (!isObject(r) || typeof r.i !== 'number' || !Number.isInteger(r.i) || r.i < 0) continue;
    if (r.t === 'start') started.add(r.i);
    else if (r.t === 'done') done.add(r.i);
  }
  return [...started].filter((i) => !done.has(i)).length;
}

/** Reads a journal: the header and where each item stands; a damaged one as such (never throws for its content). */
export async function inspectRun(file: string): Promise<LoadedRun | DamagedRun> {
  const text = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, ''); // a BOM (an editor's save) is not damage
  const lines = text.split('\n');
  if (text.trim() === '') return { damaged: true, file, started: 0, reason: l10n.t('the file is empty') };
  let header: unknown;
  try { header = JSON.parse(lines[0]); } catch { header = undefined; }
  const problem = headerProblem(header);
  if (problem !== undefined) return { damaged: true, file, started: startedWithoutDone(lines.slice(1)), reason: problem };
  const valid = header as JournalHeader;
  const states: ItemState[] = valid.items.map((item) => ({ status: item.action === 'change' ? 'pending' : 'skipped', requestId: item.requestId }));
  let unreadableLines = 0;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    let record: unknown;
    try { record = JSON.parse(line); } catch { unreadableLines++; continue; }
    if (!isRecord(record, states.length)) { unreadableLines++; continue; }
    const state = states[record.i];
    if (state.status === 'skipped' || state.status === 'changed' || state.status === 'failed') continue;
    if (record.t === 'start') { state.status = 'started'; state.requestId = record.requestId; continue; }
    state.status = record.outcome;
    if (record.error) state.error = record.error;
    if (record.stage === 'read') state.stage = 'read';
    if (record.current !== undefined) state.current = record.current;
    if (record.outcome === 'skipped') { state.reason = record.reason ?? 'error'; state.reasonText = record.reasonText ?? ''; }
  }
  const remaining = states.filter((s) => s.status === 'pending' || s.status === 'started').length;
  return { file, header: valid, states, complete: remaining === 0, remaining, unreadableLines };
}

/** Reads a journal to run it: a damaged one throws DamagedJournalError (it is never resumed). */
export async function loadRun(file: string): Promise<LoadedRun> {
  const run = await inspectRun(file);
  if (run.damaged) throw new DamagedJournalError(run);
  return run;
}

/**
 * Journals in `dir` whose runs have not finished (newest first): offer "Resume reassignment" for the
 * readable ones, Show File / Discard for the damaged ones. Only files named `reassign-*.jsonl` are
 * read: the runs' `*.jsonl.lock` files (and the lock's temp and claim files) are not journals. A
 * listed run may be executing in another window (a run being created has an empty file for a
 * moment): see isRunLocked.
 */
export async function listIncompleteRuns(dir: string): Promise<IncompleteRun[]> {
  let entries: Dirent[];
  try { entries = await fs.readdir(dir, { withFileTypes: true }); } catch { return []; }
  const names = entries.filter((e) => e.isFile() && e.name.startsWith(journalPrefix) && e.name.endsWith(journalSuffix)).map((e) => e.name);
  const runs: IncompleteRun[] = [];
  for (const name of names.sort().reverse()) {
    const file = join(dir, name);
    let run: IncompleteRun;
    try {
      run = await inspectRun(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // archived or discarded meanwhile (another window)
      run = { damaged: true, file, started: 0, reason: l10n.t('it could not be read ({0})', (err as NodeJS.ErrnoException).code ?? String(err)) };
    }
    if (run.damaged || !run.complete) runs.push(run);
  }
  return runs;
}

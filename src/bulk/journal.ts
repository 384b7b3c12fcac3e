// The journal of one bulk run: a JSON-lines file per run. Line 1 is the header (run id, account,
// target, the plan items, each with the MS-RequestId it will be sent with); then a `start` line is
// made durable BEFORE each PUT and a `done` line is written AFTER its answer. A resumed run sends the
// same request id again, so the service applies each item at most once. An item the engine skips at
// run time (its contact, re-read before the PUT, is already the target or changed since the preview)
// gets a `done` line with outcome `skipped` and no `start` line. Plain Node: no vscode import.

import { randomUUID } from 'node:crypto';
import { constants as fsConstants, promises as fs, type Dirent } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { basename, join } from 'node:path';
import { isStoredContact, type SupportContact } from '../partnerCenter';
import type { ChangeError } from '../history/changeLog';
import { plainText } from '../partnerCenter/safeText';
import { AppendQueue, appendAll, isStorageWriteError, openForAppend, type AppendTarget } from '../storage/appendLines';
import { tryAcquireRunLock } from './lock';
import type { PlanItem, ReassignmentPlan, SkipReason } from './plan';

export const journalVersion = 1;

export interface JournalItem extends PlanItem { requestId: string }

export interface JournalHeader {
  t: 'header';
  version: number;
  runId: string;
  created: string;
  account: string;
  correlationId: string;
  target: SupportContact;
  items: JournalItem[];
}

export type ItemError = ChangeError;
export interface StartRecord { t: 'start'; i: number; requestId: string; time: string }
/**
 * An item's outcome. `current` is the support contact read just before the PUT (absent when that read
 * failed, and in journals written before the engine re-read). `skipped` is decided at run time by
 * that read (already the target, or changed since the preview): no PUT was sent, so resume and
 * retry leave it alone.
 */
export interface DoneRecord {
  t: 'done'; i: number; outcome: 'changed' | 'failed' | 'skipped'; requestId: string; time: string; error?: ItemError;
  /** `read`: the re-read failed and no PUT had been sent for the item; `put` (the default): a PUT may have been. */
  stage?: FailedStage;
  current?: SupportContact | null; reason?: SkipReason; reasonText?: string;
}
export type FailedStage = 'read' | 'put';
export type JournalRecord = StartRecord | DoneRecord;

export type ItemStatus = 'skipped' | 'pending' | 'started' | 'changed' | 'failed';
export interface ItemState {
  status: ItemStatus; requestId: string; error?: ItemError; stage?: FailedStage;
  /** The contact read just before the PUT (undefined: not read in this journal). */
  current?: SupportContact | null;
  /** Set when the run (not the plan) skipped a change item. */
  reason?: SkipReason; reasonText?: string;
}

export interface LoadedRun {
  file: string;
  header: JournalHeader;
  states: ItemState[];
  /** Every change item has a done line. */
  complete: boolean;
  /** Change items without a done line (pending or started). */
  remaining: number;
  /** Lines that could not be read (a torn last line after a crash is expected and ignored). */
  unreadableLines: number;
  damaged?: false;
}

const prefix = 'reassign-';
const suffix = '.jsonl';

/** Appends records in order; each append resolves once its line is on disk (writes are batched into one write + fsync). */
export class JournalWriter {
  private closed = false;
  /** Whole lines, synced, or none of them: a line that is not durable must not count as written. */
  private readonly queue: AppendQueue;

  private constructor(readonly file: string, private readonly handle: fs.FileHandle, durable: boolean, wrap?: (file: AppendTarget) => AppendTarget) {
    const target = wrap ? wrap(handle) : handle;
    this.queue = new AppendQueue((text) => appendAll(target, file, text, { sync: durable }));
  }

  /**
   * Creates the run's file with its header. Every change item gets its MS-RequestId here, once.
   * `beforeCreate` runs with the file's path before the file exists (the engine takes the run's lock
   * there, so no other window ever sees the new journal unlocked); if it throws, nothing is created.
   */
  static async create(
    dir: string, plan: ReassignmentPlan,
    meta: { account: string; correlationId?: string; durable?: boolean; wrap?: (file: AppendTarget) => AppendTarget; beforeCreate?: (file: string) => Promise<void> },
  ): Promise<{ writer: JournalWriter; header: JournalHeader }> {
    await fs.mkdir(dir, { recursive: true });
    const runId = randomUUID();
    const created = new Date().toISOString();
    const header: JournalHeader = {
      t: 'header', version: journalVersion, runId, created, account: meta.account, correlationId: meta.correlationId ?? randomUUID(),
      target: plan.target, items: plan.items.map((item) => ({ ...item, requestId: item.requestId ?? randomUUID() })),
    };
    const file = join(dir, `${prefix}${created.replace(/[:.]/g, '-')}-${runId}${suffix}`);
    await meta.beforeCreate?.(file);
    const handle = await openForAppend(file, { exclusive: true });
    const writer = new JournalWriter(file, handle, meta.durable ?? true, meta.wrap);
    try {
      await writer.write(`${JSON.stringify(header)}\n`);
    } catch (err) {
      await writer.close(); // a journal without its header would only show up as damaged: nothing was sent yet
      await fs.rm(file, { force: true });
      throw err;
    }
    await syncDir(dir);
    return { writer, header };
  }

  /** Opens an existing journal to append to it (resume); the first append ends a torn last line. */
  static async open(file: string, options: { durable?: boolean; wrap?: (file: AppendTarget) => AppendTarget } = {}): Promise<JournalWriter> {
    return new JournalWriter(file, await openForAppend(file), options.durable ?? true, options.wrap);
  }

  append(record: JournalRecord): Promise<void> {
    return this.write(`${JSON.stringify(record)}\n`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.idle();
    this.closed = true;
    await this.handle.close();
  }

  private write(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The journal is closed.'));
    return this.queue.add(line);
  }
}

/**
 * The error a run stops with when its journal cannot be written: nothing was lost, because no PUT is
 * sent before its start line is durable and a failed line is taken back.
 */
export function journalStopped(err: unknown): unknown {
  if (!isStorageWriteError(err)) return err;
  return new Error(err.diskFull
    ? l10n.t('The reassignment stopped: the disk is full, so its journal could not be written. Nothing was lost: no change is sent before its journal line is on disk. Free some disk space, then run "Partner Center: Resume Reassignment" to finish it.')
    : l10n.t('The reassignment stopped: its journal could not be written ({0}). Nothing was lost: no change is sent before its journal line is on disk. Fix the cause, then run "Partner Center: Resume Reassignment" to finish it.', plainText(err.message)));
}

async function syncDir(dir: string): Promise<void> {
  try {
    const h = await fs.open(dir, 'r');
    try { await h.sync(); } finally { await h.close(); }
  } catch { /* not supported everywhere (Windows); the file's own fsync still holds */ }
}

/**
 * A journal that cannot be read as one (an empty file, a truncated or incomplete header, a header of
 * a newer version): it is never resumed, so no PUT is ever sent from it. `started` counts the items
 * with a `start` line and no `done` line, as far as the lines can be read: those may have been applied.
 */
export interface DamagedRun {
  damaged: true;
  file: string;
  started: number;
  /** Why it cannot be read, one phrase for the user. */
  reason: string;
}

/** What the journal folder holds for a run that has not finished. */
export type IncompleteRun = LoadedRun | DamagedRun;

export function isDamaged(run: IncompleteRun): run is DamagedRun {
  return run.damaged === true;
}

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
  const names = entries.filter((e) => e.isFile() && e.name.startsWith(prefix) && e.name.endsWith(suffix)).map((e) => e.name);
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

/** Moves a journal into `<dir>/archive/` (kept for reference) and returns its new path. */
export async function archiveRun(file: string): Promise<string> {
  const dir = join(file, '..', 'archive');
  await fs.mkdir(dir, { recursive: true });
  const target = join(dir, basename(file));
  await fs.rename(file, target);
  return target;
}

/**
 * Deletes a journal (a run the user chose to discard) under its lock. False, and nothing deleted,
 * when a live owner holds the lock: another window (or this one) is executing that run right now.
 */
export async function deleteRun(file: string): Promise<boolean> {
  const lock = await tryAcquireRunLock(file);
  if (!lock) return false;
  try {
    await fs.rm(file, { force: true });
  } finally {
    await lock.release();
  }
  return true;
}

/**
 * Discards a journal (a run the user chose not to finish, or a damaged one) under its lock, keeping a
 * copy in `keepDir` first: the copy is on disk (fsynced) before the journal is deleted, and an
 * existing copy of the same name is never overwritten. Returns the copy's path; undefined, and
 * nothing copied or deleted, when a live owner holds the lock (another window is executing the run).
 */
export async function discardRun(file: string, keepDir: string): Promise<string | undefined> {
  const lock = await tryAcquireRunLock(file);
  if (!lock) return undefined;
  try {
    await fs.mkdir(keepDir, { recursive: true });
    const copy = await copyOnce(file, keepDir);
    await fs.rm(file, { force: true });
    return copy;
  } finally {
    await lock.release();
  }
}

async function copyOnce(file: string, keepDir: string): Promise<string> {
  const name = basename(file);
  const stem = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
  for (let n = 0; ; n++) {
    const target = join(keepDir, n === 0 ? name : `${stem}-${n}${suffix}`);
    try {
      await fs.copyFile(file, target, fsConstants.COPYFILE_EXCL);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && n < 1000) continue;
      throw err;
    }
    const h = await fs.open(target, 'r+');
    try { await h.datasync(); } finally { await h.close(); }
    await syncDir(keepDir);
    return target;
  }
}

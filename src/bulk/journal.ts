// The journal of one bulk run: a JSON-lines file per run. Line 1 is the header (run id, account,
// target, the plan items, each with the MS-RequestId it will be sent with); then a `start` line is
// made durable BEFORE each PUT and a `done` line is written AFTER its answer. A resumed run sends the
// same request id again, so the service applies each item at most once. An item the engine skips at
// run time (its contact, re-read before the PUT, is already the target or changed since the preview)
// gets a `done` line with outcome `skipped` and no `start` line. Plain Node: no vscode import.

import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { SupportContact } from '../partnerCenter';
import type { ChangeError } from '../history/changeLog';
import { plainText } from '../partnerCenter/safeText';
import { appendAll, isStorageWriteError, openForAppend, type AppendTarget } from '../storage/appendLines';
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
}

const prefix = 'reassign-';
const suffix = '.jsonl';

/** Appends records in order; each append resolves once its line is on disk (writes are batched into one write + fsync). */
export class JournalWriter {
  private queue: { line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing?: Promise<void>;
  private closed = false;

  private readonly target: AppendTarget;

  private constructor(readonly file: string, private readonly handle: fs.FileHandle, private readonly durable: boolean, wrap?: (file: AppendTarget) => AppendTarget) {
    this.target = wrap ? wrap(handle) : handle;
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
    await this.flushing;
    this.closed = true;
    await this.handle.close();
  }

  private write(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The journal is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        // Whole lines, synced, or none of them: a line that is not durable must not count as written.
        await appendAll(this.target, this.file, batch.map((b) => b.line).join(''), { sync: this.durable });
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.flushing = undefined;
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

function isHeader(v: unknown): v is JournalHeader {
  const h = v as Partial<JournalHeader> | null;
  return typeof h === 'object' && h !== null && h.t === 'header' && typeof h.runId === 'string' && Array.isArray(h.items) && typeof h.target === 'object';
}

function isRecord(v: unknown, items: number): v is JournalRecord {
  const r = v as { t?: unknown; i?: unknown; requestId?: unknown; outcome?: unknown } | null;
  if (typeof r !== 'object' || r === null || typeof r.i !== 'number' || !Number.isInteger(r.i) || r.i < 0 || r.i >= items) return false;
  if (typeof r.requestId !== 'string') return false;
  return r.t === 'start' || (r.t === 'done' && (r.outcome === 'changed' || r.outcome === 'failed' || r.outcome === 'skipped'));
}

/** Reads a journal: the header and where each item stands. */
export async function loadRun(file: string): Promise<LoadedRun> {
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
  let header: unknown;
  try { header = JSON.parse(lines[0]); } catch { header = undefined; }
  if (!isHeader(header)) throw new Error(`${basename(file)} is not a reassignment journal.`);
  const states: ItemState[] = header.items.map((item) => ({ status: item.action === 'change' ? 'pending' : 'skipped', requestId: item.requestId }));
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
  return { file, header, states, complete: remaining === 0, remaining, unreadableLines };
}

/**
 * Journals in `dir` whose runs have not finished (newest first): offer "Resume reassignment" for them.
 * Only `reassign-*.jsonl` names are read: the runs' `*.jsonl.lock` files (and the lock's temp and
 * claim files) are not journals. A listed run may be executing in another window: see isRunLocked.
 */
export async function listIncompleteRuns(dir: string): Promise<LoadedRun[]> {
  let names: string[];
  try { names = await fs.readdir(dir); } catch { return []; }
  const runs: LoadedRun[] = [];
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith(suffix)).sort().reverse()) {
    try {
      const run = await loadRun(join(dir, name));
      if (!run.complete) runs.push(run);
    } catch { /* not ours or unreadable: leave it alone */ }
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

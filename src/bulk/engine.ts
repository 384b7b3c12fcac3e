// Runs a reassignment plan (or resumes its journal): items go through the client, whose shared
// limiter paces them under the throttle and whose retry policy retries each one. Each item's support
// contact is read again just before its PUT (the plan may be hours old, e.g. on resume): already the
// target → skipped as already set, changed since the preview → skipped and left alone, otherwise a
// `start` line is made durable, the PUT is sent and a `done` line follows its answer. Skips decided
// here get a `done` line too, so a resume does not try them again. Every PUT that reached an outcome
// is also appended to the change log, with the contact just read as its `old` value. Cancellation
// stops new items; an item cut off in flight keeps its `start` line only, so a resume re-reads it and
// sends its request id again (applied at most once). While it executes, the run holds its journal's
// lock (./lock.ts): another window, or another run in this process, is refused the same journal.
// Plain Node: no vscode import.

import * as l10n from '@vscode/l10n';
import type { SupportContactEvents } from '../change/events';
import type { ChangeError, ChangeLog } from '../history/changeLog';
import { PartnerCenterError, validateSupportContact, type PartnerCenterClient, type SupportContact } from '../partnerCenter';
import { execute } from './execute';
import type { AppendTarget } from '../storage/appendLines';
import type { FailedStage, IncompleteRun, ItemState, JournalHeader, LoadedRun } from './journal';
import { DamagedJournalError, loadRun } from './journalReader';
import { JournalWriter } from './journalWriter';
import { tryAcquireRunLock, type LockTiming, type RunLock } from './lock';
import type { PlanItem, ReassignmentPlan, SkipReason } from './plan';
import { plainText } from '../partnerCenter/safeText';

/**
 * `done` = changed + skipped + failed, plan skips included; `changeItems` = the items the plan meant
 * to change (some may still end up skipped when their contact is re-read before the PUT).
 */
export interface BulkCounts { done: number; changed: number; skipped: number; failed: number; total: number; changeItems: number }

/** `previous`: the contact read just before the PUT (the preview's value for runs journaled before re-reading). */
export interface ChangedItem { index: number; item: PlanItem; contact: SupportContact; previous: SupportContact | null; requestId: string }
/** `current`: for skips decided at run time, the contact found when it was re-read. */
export interface SkippedItem { index: number; item: PlanItem; reason: SkipReason; reasonText: string; current?: SupportContact | null }
/**
 * `error.requestId`/`error.correlationId` are the ids of the call that failed (quote them in a support
 * ticket); `requestId` is the item's PUT request id. `current`: the contact re-read before the PUT,
 * when that read succeeded.
 */
export interface FailedItem { index: number; item: PlanItem; error: ChangeError; requestId: string; stage: FailedStage; current?: SupportContact | null }
export interface NotRunItem { index: number; item: PlanItem; requestId: string }

export interface BulkResult {
  runId: string;
  journalFile: string;
  account: string;
  target: SupportContact;
  /** Every change item reached an outcome (the journal was archived unless told otherwise). */
  complete: boolean;
  cancelled: boolean;
  counts: BulkCounts;
  changed: ChangedItem[];
  skipped: SkippedItem[];
  failed: FailedItem[];
  /** Not finished (cancelled before or during its PUT): "Resume reassignment" completes them. */
  notRun: NotRunItem[];
  /** Set when appending to the change log failed (the run itself went on). */
  changeLogError?: string;
}

/** What onItem reports: the re-read has started, or the item's state after its outcome. */
export type ItemEvent = { status: 'reading' } | ItemState;

export interface EngineOptions {
  client: PartnerCenterClient;
  /** Where journals live (the extension passes globalStorageUri's fsPath). */
  journalDir: string;
  /** Who is signed in; recorded in the journal and the change log, and checked on resume. */
  account: string;
  changeLog?: ChangeLog;
  /** Told after every change sent (the trees refresh on it). */
  events?: SupportContactEvents;
  /** Items in flight at once (default: the limiter's concurrency); the limiter still paces requests. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (counts: BulkCounts) => void;
  /** Each item as it moves, by its index in the journal: `reading` when its contact is re-read, then its outcome. */
  onItem?: (index: number, event: ItemEvent) => void;
  /** Awaited before each item starts (a caller's Pause holds it); `signal` aborts when the run stops. */
  beforeItem?: (signal: AbortSignal) => Promise<void>;
  /** The run's journal, once the run holds it (so a caller can resume exactly this run later). */
  onJournal?: (file: string) => void;
  /** Move the journal to `<journalDir>/archive/` when the run completes (default true). */
  archiveWhenComplete?: boolean;
  /** fsync each journal batch (default true). */
  durable?: boolean;
  /** Tests: stands between the journal and its file (to fail a write like a full disk does). */
  journalFile?: (file: AppendTarget) => AppendTarget;
  /** The run lock's heartbeat interval and stale age (defaults: 20 s and 60 s; tests shorten them). */
  lock?: LockTiming;
}

/** Starts a new run of `plan`: creates its journal, then executes every change item. */
export async function runPlan(plan: ReassignmentPlan, options: EngineOptions): Promise<BulkResult> {
  await checkTargets(options.client, plan.items);
  const held: { lock?: RunLock } = {};
  let created: Awaited<ReturnType<typeof JournalWriter.create>>;
  try {
    // The lock is taken before the journal exists, so no other window ever lists it unlocked.
    created = await JournalWriter.create(options.journalDir, plan, {
      account: options.account, durable: options.durable, wrap: options.journalFile, beforeCreate: async (file) => { held.lock = await lockRun(file, options); },
    });
  } catch (err) {
    await held.lock?.release();
    throw err;
  }
  const { writer, header } = created;
  if (!held.lock) throw new Error('The journal was created without its lock.');
  const states: ItemState[] = header.items.map((item) => ({ status: item.action === 'change' ? 'pending' : 'skipped', requestId: item.requestId }));
  return executeLocked(held.lock, header, states, writer, options);
}

/**
 * Continues a run from its journal; started-but-unfinished items are sent with their recorded request
 * id. A damaged journal is refused (DamagedJournalError) before anything is sent.
 */
export async function resumeRun(run: IncompleteRun | string, options: EngineOptions): Promise<BulkResult> {
  if (typeof run !== 'string' && run.damaged) throw new DamagedJournalError(run);
  const file = typeof run === 'string' ? run : run.file;
  const lock = await lockRun(file, options);
  let writer: JournalWriter;
  let loaded: LoadedRun;
  try {
    loaded = await loadRun(file); // read under the lock: another window may have run it further
    if (loaded.header.account.toLowerCase() !== options.account.toLowerCase()) {
      throw new PartnerCenterError('validation', l10n.t('This reassignment was started by {0}; sign in as that account to resume it.', plainText(loaded.header.account)));
    }
    await checkTargets(options.client, loaded.header.items);
    writer = await JournalWriter.open(loaded.file, { durable: options.durable, wrap: options.journalFile });
  } catch (err) {
    await lock.release();
    throw err;
  }
  return executeLocked(lock, loaded.header, loaded.states, writer, options);
}

/** Takes the run's lock, or refuses: a live owner (another window, or another run here) is executing it. */
async function lockRun(journalFile: string, options: EngineOptions): Promise<RunLock> {
  const lock = await tryAcquireRunLock(journalFile, options.lock);
  if (!lock) {
    throw new PartnerCenterError('validation', l10n.t('This reassignment is running in another VS Code window. Let it finish there; if that window was closed or stopped responding, it can be resumed here a minute later.'));
  }
  return lock;
}

/**
 * Executes the run holding its lock, and releases the lock however the run ends. A lock lost
 * meanwhile (this process stalled past the stale age and another window took the run over) stops
 * the run like a cancellation, and is reported as an error unless every item had finished.
 */
async function executeLocked(lock: RunLock, header: JournalHeader, states: ItemState[], writer: JournalWriter, options: EngineOptions): Promise<BulkResult> {
  try {
    try { options.onJournal?.(writer.file); } catch { /* a listener's problem */ }
    const signal = options.signal ? AbortSignal.any([options.signal, lock.lost]) : lock.lost;
    const result = await execute(header, states, writer, { ...options, signal }, () => lock.holds());
    if (lock.lost.aborted && !result.complete) {
      throw new PartnerCenterError('validation', l10n.t('This window stopped the reassignment: it had not renewed its lock for a minute, so another VS Code window may have taken it over. Nothing was lost: let it finish there, or run "Partner Center: Resume Reassignment".'));
    }
    return result;
  } finally {
    await lock.release();
  }
}

/** Answers that say the service did not apply the PUT. */
const rejectedKinds = new Set(['validation', 'nce', 'forbidden', 'notFound', 'throttled', 'auth', 'mfaRequired']);

/**
 * True when a failed item may nevertheless have been applied: its PUT was sent and got no answer
 * (network, timeout) or a 5xx that outlasted the client's retries. Its request id is kept for the
 * retry, and shown for a support ticket. A failed re-read never sent the PUT.
 */
export function outcomeUnknown(f: { error: Pick<ChangeError, 'kind'>; stage?: FailedStage }): boolean {
  return f.stage !== 'read' && !rejectedKinds.has(f.error.kind);
}

/**
 * A new plan of the failed items. Items whose outcome is unknown (network, timeout, 5xx) keep their
 * request id, so a PUT the service did apply is answered from its memory instead of applied again;
 * and since the engine re-reads each contact before its PUT, one already applied is reported as
 * already set without a PUT at all. The contact last read becomes the item's expected `current`.
 */
export function retryFailed(result: Pick<BulkResult, 'failed' | 'target'>): ReassignmentPlan {
  return {
    created: new Date().toISOString(),
    target: result.target,
    items: result.failed.map((failed) => {
      const { item, error, requestId, current } = failed;
      const { reason: _reason, requestId: _old, resend: _resend, ...rest } = item;
      return {
        ...rest, ...(current !== undefined ? { current } : {}), action: 'change' as const, reasonText: l10n.t('Retry after: {0}', plainText(error.message)),
        ...(outcomeUnknown(failed) ? { requestId, resend: true as const } : {}),
      };
    }),
  };
}

/** Every change item's target (one for a reseller's plan, one per row for health-check fixes) is a current reseller's contact. */
async function checkTargets(client: PartnerCenterClient, items: readonly PlanItem[]): Promise<void> {
  const targets = new Map(items.filter((i) => i.action === 'change').map((i) => [`${i.target.supportTenantId}/${i.target.supportMpnId}`.toLowerCase(), i.target]));
  if (targets.size === 0) return;
  const resellers = await client.listIndirectResellers();
  for (const target of targets.values()) {
    const checked = validateSupportContact(target, resellers);
    if (!checked.ok) throw new PartnerCenterError('validation', checked.issues.map((i) => i.message).join(' '));
  }
}

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
import { setMaxListeners } from 'node:events';
import {
  PartnerCenterError, describeContact, isPartnerCenterError, sameContact, validateSupportContact,
  type PartnerCenterClient, type SupportContact,
} from '../partnerCenter';
import { toChangeError, type ChangeError, type ChangeLog, type ChangeLogEntry } from '../history/changeLog';
import { JournalWriter, archiveRun, loadRun, type DoneRecord, type FailedStage, type ItemState, type JournalHeader, type LoadedRun } from './journal';
import { tryAcquireRunLock, type LockTiming, type RunLock } from './lock';
import { type PlanItem, type ReassignmentPlan, type SkipReason } from './plan';
import { forEachLimited } from './pool';

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

export interface EngineOptions {
  client: PartnerCenterClient;
  /** Where journals live (the extension passes globalStorageUri's fsPath). */
  journalDir: string;
  /** Who is signed in; recorded in the journal and the change log, and checked on resume. */
  account: string;
  changeLog?: ChangeLog;
  /** Items in flight at once (default: the limiter's concurrency); the limiter still paces requests. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (counts: BulkCounts) => void;
  /** The run's journal, once the run holds it (so a caller can resume exactly this run later). */
  onJournal?: (file: string) => void;
  /** Move the journal to `<journalDir>/archive/` when the run completes (default true). */
  archiveWhenComplete?: boolean;
  /** fsync each journal batch (default true). */
  durable?: boolean;
  /** The run lock's heartbeat interval and stale age (defaults: 20 s and 60 s; tests shorten them). */
  lock?: LockTiming;
}

/** Starts a new run of `plan`: creates its journal, then executes every change item. */
export async function runPlan(plan: ReassignmentPlan, options: EngineOptions): Promise<BulkResult> {
  await checkTarget(options.client, plan.target);
  const held: { lock?: RunLock } = {};
  let created: Awaited<ReturnType<typeof JournalWriter.create>>;
  try {
    // The lock is taken before the journal exists, so no other window ever lists it unlocked.
    created = await JournalWriter.create(options.journalDir, plan, {
      account: options.account, durable: options.durable, beforeCreate: async (file) => { held.lock = await lockRun(file, options); },
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

/** Continues a run from its journal; started-but-unfinished items are sent with their recorded request id. */
export async function resumeRun(run: LoadedRun | string, options: EngineOptions): Promise<BulkResult> {
  const file = typeof run === 'string' ? run : run.file;
  const lock = await lockRun(file, options);
  let writer: JournalWriter;
  let loaded: LoadedRun;
  try {
    loaded = await loadRun(file); // read under the lock: another window may have run it further
    if (loaded.header.account.toLowerCase() !== options.account.toLowerCase()) {
      throw new PartnerCenterError('validation', l10n.t('This reassignment was started by {0}; sign in as that account to resume it.', loaded.header.account));
    }
    await checkTarget(options.client, loaded.header.target);
    writer = await JournalWriter.open(loaded.file, { durable: options.durable });
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
        ...rest, ...(current !== undefined ? { current } : {}), action: 'change' as const, reasonText: l10n.t('Retry after: {0}', error.message),
        ...(outcomeUnknown(failed) ? { requestId, resend: true as const } : {}),
      };
    }),
  };
}

async function checkTarget(client: PartnerCenterClient, target: SupportContact): Promise<void> {
  const checked = validateSupportContact(target, await client.listIndirectResellers());
  if (!checked.ok) throw new PartnerCenterError('validation', checked.issues.map((i) => i.message).join(' '));
}

function tally(header: JournalHeader, states: readonly ItemState[]): BulkCounts {
  const changeItems = header.items.filter((item) => item.action === 'change').length;
  const c: BulkCounts = { done: 0, changed: 0, skipped: 0, failed: 0, total: states.length, changeItems };
  for (const s of states) {
    if (s.status === 'changed') c.changed++;
    else if (s.status === 'skipped') c.skipped++;
    else if (s.status === 'failed') c.failed++;
  }
  c.done = c.changed + c.skipped + c.failed;
  return c;
}

/** `holdsLock`: asked before each change is sent; false stops the run (its lock is no longer surely ours). */
async function execute(header: JournalHeader, states: ItemState[], writer: JournalWriter, options: EngineOptions, holdsLock: () => boolean): Promise<BulkResult> {
  const { client } = options;
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every in-flight request and limiter wait listens to it
  const onAbort = (): void => stop.abort();
  if (options.signal?.aborted) stop.abort(); else options.signal?.addEventListener('abort', onAbort, { once: true });
  const ctx = { correlationId: header.correlationId, signal: stop.signal };
  const contacts = new Map<number, SupportContact>();
  let fatal: unknown;
  let changeLogError: string | undefined;
  const counts = tally(header, states);
  const report = (): void => { try { options.onProgress?.({ ...counts }); } catch { /* a listener's problem */ } };
  const log = (entry: ChangeLogEntry): Promise<void> | undefined =>
    options.changeLog?.append(entry).catch((e: unknown) => { changeLogError ??= e instanceof Error ? e.message : String(e); });

  /** Writes an item's done line, then counts it; a journal that cannot be written stops the run. */
  const settle = async (i: number, done: Omit<DoneRecord, 't' | 'i' | 'requestId' | 'time'>): Promise<void> => {
    const state = states[i];
    try {
      await writer.append({ t: 'done', i, requestId: state.requestId, time: new Date().toISOString(), ...done });
    } catch (err) {
      fatal ??= err; stop.abort(); return; // the resume repeats this item (re-read first, same request id)
    }
    state.status = done.outcome;
    if (done.current !== undefined) state.current = done.current;
    if (done.error) { state.error = done.error; state.stage = done.stage; counts.failed++; }
    else if (done.outcome === 'skipped') { state.reason = done.reason; state.reasonText = done.reasonText; counts.skipped++; }
    else counts.changed++;
    counts.done++;
    report();
  };
  /** The sign-in expired or needs MFA: every further item would fail the same way, so the run stops resumably. */
  const stopsTheRun = (err: unknown): boolean => isPartnerCenterError(err) && (err.kind === 'auth' || err.kind === 'mfaRequired');

  const todo = states.flatMap((s, i) => (s.status === 'pending' || s.status === 'started' ? [i] : []));
  report();
  try {
    await forEachLimited(todo, options.concurrency ?? client.limiter.concurrency, async (i) => {
      const item = header.items[i];
      const requestId = states[i].requestId;
      const sentBefore = states[i].status === 'started'; // a PUT with this request id may have been applied
      const entry = {
        account: header.account, customerId: item.customerId, customerName: item.customerName, subscriptionId: item.subscriptionId,
        subscriptionName: item.subscriptionName, old: item.current, requestId, correlationId: header.correlationId, source: 'bulk' as const, runId: header.runId,
      };

      // 1. Re-read the contact: the plan may be old, and someone may have changed it since the preview.
      let current: SupportContact | null;
      try {
        current = await client.getSupportContact(item.customerId, item.subscriptionId, ctx);
      } catch (err) {
        if (isPartnerCenterError(err) && err.kind === 'cancelled') return; // not sent: the item stays as it was
        if (stopsTheRun(err)) { fatal ??= err; stop.abort(); return; }
        if (isPartnerCenterError(err) && err.kind === 'nce') {
          await settle(i, { outcome: 'skipped', reason: 'nce', reasonText: l10n.t('Partner Center says this is a New Commerce (NCE) subscription.') });
          return;
        }
        const cause = toChangeError(err);
        const error: ChangeError = { ...cause, message: l10n.t('Could not re-read the support contact before the change: {0}', cause.message) };
        // Not in History: it lists changes sent to Partner Center, and none was. The report has it.
        // `read`: no PUT was sent. After a crash mid-PUT one may have been, so its outcome stays unknown.
        await settle(i, { outcome: 'failed', stage: sentBefore ? 'put' : 'read', error });
        return;
      }
      if (stop.signal.aborted) return; // cancelled (or stopped) while reading: send nothing more
      // Already the target, after an earlier attempt of ours whose answer was lost (a crash mid-PUT, a
      // 5xx): that attempt probably applied it. Send the same request id again: the service answers
      // from its memory instead of applying twice, and the change is logged as ours (old = what it
      // replaced), so History shows it and can undo it.
      const earlierAttempt = sentBefore || item.resend === true;
      const finishesOurs = earlierAttempt && sameContact(current, header.target);
      if (sameContact(current, header.target) && !finishesOurs) {
        const reasonText = l10n.t('Already supported by {0} when re-read just before the change; nothing was sent.', describeContact(header.target));
        await settle(i, { outcome: 'skipped', current, reason: 'alreadySet', reasonText });
        return;
      }
      if (!finishesOurs && !sameContact(current, item.current)) {
        await settle(i, {
          outcome: 'skipped', current, reason: 'changedSincePreview',
          reasonText: l10n.t('Changed since the preview: now {0}, the preview showed {1}. Left as it is; prepare a new preview to include it.', describeContact(current), describeContact(item.current)),
        });
        return;
      }

      // 2. The PUT, between a durable start line and its done line.
      if (!holdsLock()) { stop.abort(); return; } // another window may own the run now: send nothing more
      try {
        await writer.append({ t: 'start', i, requestId, time: new Date().toISOString() });
      } catch (err) {
        fatal ??= err; stop.abort(); return; // never PUT without a durable start line
      }
      states[i].status = 'started';
      const logged = { ...entry, old: finishesOurs ? item.current : current };
      let error: ChangeError | undefined;
      try {
        const known = { id: item.subscriptionId, offerId: item.offerId ?? '', status: 'active' as const };
        const contact = await client.updateSupportContact(item.customerId, item.subscriptionId, header.target, ctx, { knownSubscription: known, requestId });
        contacts.set(i, contact);
        await log({ ...logged, time: new Date().toISOString(), new: contact, outcome: 'changed' });
      } catch (err) {
        if (isPartnerCenterError(err) && err.kind === 'cancelled') return; // outcome unknown: keep only the start line
        if (stopsTheRun(err)) {
          // Stop with only this start line written, so Resume after signing in re-reads and repeats the same request id.
          fatal ??= err; stop.abort(); return;
        }
        // A 5xx that outlasted the retries may still have been applied: keep the ids of the failed call.
        error = { ...toChangeError(err), requestId: (isPartnerCenterError(err) && err.requestId) || requestId };
        await log({ ...logged, time: new Date().toISOString(), new: header.target, outcome: 'failed', error });
      }
      const before = logged.old; // what the change replaced (for a finished earlier attempt: the value before it)
      await settle(i, error ? { outcome: 'failed', current: before, error } : { outcome: 'changed', current: before });
    }, stop.signal);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await writer.close();
  }
  if (fatal !== undefined) throw fatal;
  return summarize(header, states, contacts, writer.file, options, changeLogError);
}

async function summarize(
  header: JournalHeader, states: ItemState[], contacts: Map<number, SupportContact>, file: string, options: EngineOptions, changeLogError?: string,
): Promise<BulkResult> {
  const result: BulkResult = {
    runId: header.runId, journalFile: file, account: header.account, target: header.target, complete: false,
    cancelled: options.signal?.aborted ?? false, counts: tally(header, states), changed: [], skipped: [], failed: [], notRun: [], changeLogError,
  };
  states.forEach((s, index) => {
    const item = header.items[index];
    const current = s.current !== undefined ? { current: s.current } : {};
    if (s.status === 'changed') {
      result.changed.push({ index, item, contact: contacts.get(index) ?? header.target, previous: s.current !== undefined ? s.current : item.current, requestId: s.requestId });
    } else if (s.status === 'skipped') {
      result.skipped.push(s.reason ? { index, item, reason: s.reason, reasonText: s.reasonText ?? '', ...current } : { index, item, reason: item.reason ?? 'error', reasonText: item.reasonText });
    } else if (s.status === 'failed') {
      result.failed.push({ index, item, requestId: s.requestId, error: s.error ?? { kind: 'unknown', message: l10n.t('Failed.'), requestId: s.requestId }, stage: s.stage ?? 'put', ...current });
    }
    else result.notRun.push({ index, item, requestId: s.requestId });
  });
  result.complete = result.notRun.length === 0;
  if (result.complete && (options.archiveWhenComplete ?? true)) result.journalFile = await archiveRun(file);
  return result;
}

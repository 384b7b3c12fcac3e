// Runs a reassignment plan (or resumes its journal): items go through the client, whose shared
// limiter paces them under the throttle and whose retry policy retries each one; a `start` line is
// durable before each PUT and a `done` line follows its answer; every attempt that reached an
// outcome is also appended to the change log. Cancellation stops new items; an item cut off in
// flight keeps its `start` line only, so a resume sends its request id again (applied at most once).
// Plain Node: no vscode import.

import { setMaxListeners } from 'node:events';
import {
  PartnerCenterError, isPartnerCenterError, validateSupportContact,
  type PartnerCenterClient, type SupportContact,
} from '../partnerCenter';
import { toChangeError, type ChangeError, type ChangeLog, type ChangeLogEntry } from '../history/changeLog';
import { JournalWriter, archiveRun, loadRun, type ItemState, type JournalHeader, type LoadedRun } from './journal';
import type { PlanItem, ReassignmentPlan, SkipReason } from './plan';
import { forEachLimited } from './pool';

export interface BulkCounts { done: number; changed: number; skipped: number; failed: number; total: number }

export interface ChangedItem { index: number; item: PlanItem; contact: SupportContact; requestId: string }
export interface SkippedItem { index: number; item: PlanItem; reason: SkipReason; reasonText: string }
export interface FailedItem { index: number; item: PlanItem; error: ChangeError; requestId: string }
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
  /** Move the journal to `<journalDir>/archive/` when the run completes (default true). */
  archiveWhenComplete?: boolean;
  /** fsync each journal batch (default true). */
  durable?: boolean;
}

/** Starts a new run of `plan`: creates its journal, then executes every change item. */
export async function runPlan(plan: ReassignmentPlan, options: EngineOptions): Promise<BulkResult> {
  await checkTarget(options.client, plan.target);
  const { writer, header } = await JournalWriter.create(options.journalDir, plan, { account: options.account, durable: options.durable });
  const states: ItemState[] = header.items.map((item) => ({ status: item.action === 'change' ? 'pending' : 'skipped', requestId: item.requestId }));
  return execute(header, states, writer, options);
}

/** Continues a run from its journal; started-but-unfinished items are sent with their recorded request id. */
export async function resumeRun(run: LoadedRun | string, options: EngineOptions): Promise<BulkResult> {
  const loaded = typeof run === 'string' ? await loadRun(run) : await loadRun(run.file);
  if (loaded.header.account.toLowerCase() !== options.account.toLowerCase()) {
    throw new PartnerCenterError('validation', `This reassignment was started by ${loaded.header.account}; sign in as that account to resume it.`);
  }
  await checkTarget(options.client, loaded.header.target);
  const writer = await JournalWriter.open(loaded.file, { durable: options.durable });
  return execute(loaded.header, loaded.states, writer, options);
}

/** A new plan of the failed items. Items whose outcome is unknown (network, timeout) keep their request id. */
export function retryFailed(result: Pick<BulkResult, 'failed' | 'target'>): ReassignmentPlan {
  return {
    created: new Date().toISOString(),
    target: result.target,
    items: result.failed.map(({ item, error, requestId }) => {
      const { reason: _reason, requestId: _old, ...rest } = item;
      const unknownOutcome = error.kind === 'network' || error.kind === 'timeout';
      return { ...rest, action: 'change' as const, reasonText: `Retry after: ${error.message}`, ...(unknownOutcome ? { requestId } : {}) };
    }),
  };
}

async function checkTarget(client: PartnerCenterClient, target: SupportContact): Promise<void> {
  const checked = validateSupportContact(target, await client.listIndirectResellers());
  if (!checked.ok) throw new PartnerCenterError('validation', checked.issues.map((i) => i.message).join(' '));
}

function tally(states: readonly ItemState[]): BulkCounts {
  const c: BulkCounts = { done: 0, changed: 0, skipped: 0, failed: 0, total: states.length };
  for (const s of states) {
    if (s.status === 'changed') c.changed++;
    else if (s.status === 'skipped') c.skipped++;
    else if (s.status === 'failed') c.failed++;
  }
  c.done = c.changed + c.skipped + c.failed;
  return c;
}

async function execute(header: JournalHeader, states: ItemState[], writer: JournalWriter, options: EngineOptions): Promise<BulkResult> {
  const { client } = options;
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every in-flight request and limiter wait listens to it
  const onAbort = (): void => stop.abort();
  if (options.signal?.aborted) stop.abort(); else options.signal?.addEventListener('abort', onAbort, { once: true });
  const ctx = { correlationId: header.correlationId, signal: stop.signal };
  const contacts = new Map<number, SupportContact>();
  let fatal: unknown;
  let changeLogError: string | undefined;
  const counts = tally(states);
  const report = (): void => { try { options.onProgress?.({ ...counts }); } catch { /* a listener's problem */ } };
  const log = (entry: ChangeLogEntry): Promise<void> | undefined =>
    options.changeLog?.append(entry).catch((e: unknown) => { changeLogError ??= e instanceof Error ? e.message : String(e); });

  const todo = states.flatMap((s, i) => (s.status === 'pending' || s.status === 'started' ? [i] : []));
  report();
  try {
    await forEachLimited(todo, options.concurrency ?? client.limiter.concurrency, async (i) => {
      const item = header.items[i];
      const state = states[i];
      const requestId = state.requestId;
      try {
        await writer.append({ t: 'start', i, requestId, time: new Date().toISOString() });
      } catch (err) {
        fatal ??= err; stop.abort(); return; // never PUT without a durable start line
      }
      const entry = {
        account: header.account, customerId: item.customerId, customerName: item.customerName, subscriptionId: item.subscriptionId,
        subscriptionName: item.subscriptionName, old: item.current, requestId, correlationId: header.correlationId, source: 'bulk' as const, runId: header.runId,
      };
      let error: ChangeError | undefined;
      try {
        const known = { id: item.subscriptionId, offerId: item.offerId ?? '', status: 'active' as const };
        const contact = await client.updateSupportContact(item.customerId, item.subscriptionId, header.target, ctx, { knownSubscription: known, requestId });
        contacts.set(i, contact);
        await log({ ...entry, time: new Date().toISOString(), new: contact, outcome: 'changed' });
      } catch (err) {
        if (isPartnerCenterError(err) && err.kind === 'cancelled') return; // outcome unknown: keep only the start line
        if (isPartnerCenterError(err) && (err.kind === 'auth' || err.kind === 'mfaRequired')) {
          // The sign-in expired or needs MFA: every further item would fail the same way. Stop with
          // only this start line written, so Resume after signing in repeats the same request id.
          fatal ??= err; stop.abort(); return;
        }
        error = { ...toChangeError(err), requestId: (isPartnerCenterError(err) && err.requestId) || requestId };
        await log({ ...entry, time: new Date().toISOString(), new: header.target, outcome: 'failed', error });
      }
      try {
        await writer.append({ t: 'done', i, outcome: error ? 'failed' : 'changed', requestId, time: new Date().toISOString(), ...(error ? { error } : {}) });
      } catch (err) {
        fatal ??= err; stop.abort(); return; // the resume repeats this request id: answered from memory
      }
      state.status = error ? 'failed' : 'changed';
      if (error) { state.error = error; counts.failed++; } else counts.changed++;
      counts.done++;
      report();
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
    cancelled: options.signal?.aborted ?? false, counts: tally(states), changed: [], skipped: [], failed: [], notRun: [], changeLogError,
  };
  states.forEach((s, index) => {
    const item = header.items[index];
    if (s.status === 'changed') result.changed.push({ index, item, contact: contacts.get(index) ?? header.target, requestId: s.requestId });
    else if (s.status === 'skipped') result.skipped.push({ index, item, reason: item.reason ?? 'error', reasonText: item.reasonText });
    else if (s.status === 'failed') result.failed.push({ index, item, requestId: s.requestId, error: s.error ?? { kind: 'unknown', message: 'Failed.', requestId: s.requestId } });
    else result.notRun.push({ index, item, requestId: s.requestId });
  });
  result.complete = result.notRun.length === 0;
  if (result.complete && (options.archiveWhenComplete ?? true)) result.journalFile = await archiveRun(file);
  return result;
}

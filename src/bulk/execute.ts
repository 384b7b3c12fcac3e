// Executes the change items of a run, each through the one change operation
// (src/change/changeSupportContact.ts): re-read, compare with the preview, a durable `start` line,
// the PUT, one History entry, then the item's `done` line. Plain Node: no vscode import.
import * as l10n from '@vscode/l10n';
import { setMaxListeners } from 'node:events';
import { changeErrorOf, changeSupportContact, type ChangeOutcome, type ChangeRequest } from '../change/changeSupportContact';
import { toChangeError, type ChangeError } from '../history/changeLog';
import { describeContact, isPartnerCenterError, type OperationContext, type SupportContact } from '../partnerCenter';
import type { BulkCounts, BulkResult, EngineOptions, ItemEvent } from './engine';
import type { DoneRecord, ItemState, JournalHeader } from './journal';
import { archiveRun } from './journalFiles';
import { journalStopped, type JournalWriter } from './journalWriter';
import type { PlanItem } from './plan';
import { forEachLimited } from './pool';
import { plainText } from '../partnerCenter/safeText';

interface Run {
  header: JournalHeader;
  states: ItemState[];
  writer: JournalWriter;
  options: EngineOptions;
  /** Asked before each change is sent; false stops the run (its lock is no longer surely ours). */
  holdsLock: () => boolean;
  stop: AbortController;
  ctx: OperationContext;
  counts: BulkCounts;
  contacts: Map<number, SupportContact>;
  fatal?: unknown;
  changeLogError?: string;
}

export async function execute(header: JournalHeader, states: ItemState[], writer: JournalWriter, options: EngineOptions, holdsLock: () => boolean): Promise<BulkResult> {
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every in-flight request and limiter wait listens to it
  const onAbort = (): void => stop.abort();
  if (options.signal?.aborted) stop.abort(); else options.signal?.addEventListener('abort', onAbort, { once: true });
  const run: Run = {
    header, states, writer, options, holdsLock, stop, ctx: { correlationId: header.correlationId, signal: stop.signal },
    counts: tally(header, states), contacts: new Map(),
  };
  const todo = states.flatMap((s, i) => (s.status === 'pending' || s.status === 'started' ? [i] : []));
  report(run);
  try {
    await forEachLimited(todo, options.concurrency ?? options.client.limiter.concurrency, (i) => runItem(run, i), stop.signal);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await writer.close();
  }
  if (run.fatal !== undefined) throw journalStopped(run.fatal);
  return summarize(run);
}

export function tally(header: JournalHeader, states: readonly ItemState[]): BulkCounts {
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

function report(run: Run): void {
  try { run.options.onProgress?.({ ...run.counts }); } catch { /* a listener's problem */ }
}

/** Stops the run with this error (after the items in flight); a resume repeats what was cut off. */
function halt(run: Run, err: unknown): void {
  run.fatal ??= err;
  run.stop.abort();
}

/** The sign-in expired or needs MFA: every further item would fail the same way, so the run stops resumably. */
function stopsTheRun(err: unknown): boolean {
  return isPartnerCenterError(err) && (err.kind === 'auth' || err.kind === 'mfaRequired');
}

async function runItem(run: Run, i: number): Promise<void> {
  if (run.options.beforeItem) {
    await run.options.beforeItem(run.stop.signal);
    if (run.stop.signal.aborted) return;
  }
  tell(run, i, { status: 'reading' });
  const item = run.header.items[i];
  const sentBefore = run.states[i].status === 'started'; // a PUT with this request id may have been applied
  let putFrom: { previous: SupportContact | null } | undefined;
  try {
    const outcome = await changeSupportContact(run.options.client, changeRequest(run, item, i, sentBefore), {
      account: run.header.account, source: 'bulk', runId: run.header.runId, ctx: run.ctx,
      changeLog: run.options.changeLog, events: run.options.events,
      onLogError: (message) => { run.changeLogError ??= message; },
      beforePut: async (previous) => {
        const started = await startLine(run, i);
        if (started) putFrom = { previous };
        return started;
      },
    });
    await settleOutcome(run, i, item, outcome);
  } catch (err) {
    if (isPartnerCenterError(err) && err.kind === 'cancelled') return; // before the PUT: as it was; during: only its start line
    if (stopsTheRun(err)) return halt(run, err); // Resume after signing in re-reads and repeats the same request id
    if (!putFrom) return readFailed(run, i, err, sentBefore);
    // A 5xx that outlasted the retries may still have been applied: the error keeps the failed call's ids.
    await settle(run, i, { outcome: 'failed', current: putFrom.previous, error: changeErrorOf(err, run.states[i].requestId) });
  }
}

function changeRequest(run: Run, item: PlanItem, i: number, sentBefore: boolean): ChangeRequest {
  return {
    target: {
      customerId: item.customerId, subscriptionId: item.subscriptionId, customerName: item.customerName, subscriptionName: item.subscriptionName,
      knownSubscription: { id: item.subscriptionId, offerId: item.offerId ?? '', status: 'active' }, // the preview checked it
    },
    contact: item.target, // each item's own (a health-check fix suggests one per subscription)
    expected: item.current,
    requestId: run.states[i].requestId,
    // Already the target after an earlier attempt of ours whose answer was lost (a crash mid-PUT, a 5xx):
    // send the same request id again, so the service answers from its memory and History shows the change.
    resend: sentBefore || item.resend === true,
  };
}

/** The durable `start` line before a PUT; no line (cancelled, lock lost, disk full), no PUT. */
async function startLine(run: Run, i: number): Promise<boolean> {
  if (run.stop.signal.aborted) return false; // cancelled (or stopped) while reading: send nothing more
  if (!run.holdsLock()) { run.stop.abort(); return false; } // another window may own the run now
  try {
    await run.writer.append({ t: 'start', i, requestId: run.states[i].requestId, time: new Date().toISOString() });
  } catch (err) {
    halt(run, err);
    return false;
  }
  run.states[i].status = 'started';
  return true;
}

async function settleOutcome(run: Run, i: number, item: PlanItem, outcome: ChangeOutcome): Promise<void> {
  const target = item.target;
  switch (outcome.status) {
    case 'stopped': return;
    case 'alreadySet': {
      const reasonText = l10n.t('Already supported by {0} when re-read just before the change; nothing was sent.', describeContact(target));
      return settle(run, i, { outcome: 'skipped', current: outcome.current, reason: 'alreadySet', reasonText });
    }
    case 'conflict': return settle(run, i, {
      outcome: 'skipped', current: outcome.current, reason: 'changedSincePreview',
      reasonText: l10n.t('Changed since the preview: now {0}, the preview showed {1}. Left as it is; prepare a new preview to include it.', describeContact(outcome.current), describeContact(item.current)),
    });
    case 'changed':
      run.contacts.set(i, outcome.contact);
      return settle(run, i, { outcome: 'changed', current: outcome.previous });
  }
}

/**
 * The re-read failed, so no PUT was sent (not in History: it lists changes sent to Partner Center;
 * the report has it). After a crash mid-PUT one may have been, so its outcome stays unknown (`put`).
 */
async function readFailed(run: Run, i: number, err: unknown, sentBefore: boolean): Promise<void> {
  if (isPartnerCenterError(err) && err.kind === 'nce') {
    return settle(run, i, { outcome: 'skipped', reason: 'nce', reasonText: l10n.t('Partner Center says this is a New Commerce (NCE) subscription.') });
  }
  const cause = toChangeError(err);
  const error: ChangeError = { ...cause, message: l10n.t('Could not re-read the support contact before the change: {0}', plainText(cause.message)) };
  await settle(run, i, { outcome: 'failed', stage: sentBefore ? 'put' : 'read', error });
}

/** Writes an item's done line, then counts it; a journal that cannot be written stops the run. */
async function settle(run: Run, i: number, done: Omit<DoneRecord, 't' | 'i' | 'requestId' | 'time'>): Promise<void> {
  const state = run.states[i];
  try {
    await run.writer.append({ t: 'done', i, requestId: state.requestId, time: new Date().toISOString(), ...done });
  } catch (err) {
    return halt(run, err); // the resume repeats this item (re-read first, same request id)
  }
  state.status = done.outcome;
  if (done.current !== undefined) state.current = done.current;
  if (done.error) { state.error = done.error; state.stage = done.stage; run.counts.failed++; }
  else if (done.outcome === 'skipped') { state.reason = done.reason; state.reasonText = done.reasonText; run.counts.skipped++; }
  else run.counts.changed++;
  run.counts.done++;
  report(run);
  tell(run, i, { ...state });
}

function tell(run: Run, i: number, event: ItemEvent): void {
  try { run.options.onItem?.(i, event); } catch { /* a listener's problem */ }
}

async function summarize(run: Run): Promise<BulkResult> {
  const { header, states, options } = run;
  const result: BulkResult = {
    runId: header.runId, journalFile: run.writer.file, account: header.account, target: header.target, complete: false,
    cancelled: options.signal?.aborted ?? false, counts: tally(header, states), changed: [], skipped: [], failed: [], notRun: [], changeLogError: run.changeLogError,
  };
  states.forEach((s, index) => collect(result, run, s, index));
  result.complete = result.notRun.length === 0;
  if (result.complete && (options.archiveWhenComplete ?? true)) result.journalFile = await archiveRun(run.writer.file);
  return result;
}

function collect(result: BulkResult, run: Run, s: ItemState, index: number): void {
  const item = run.header.items[index];
  const current = s.current !== undefined ? { current: s.current } : {};
  if (s.status === 'changed') {
    result.changed.push({ index, item, contact: run.contacts.get(index) ?? item.target, previous: s.current !== undefined ? s.current : item.current, requestId: s.requestId });
  } else if (s.status === 'skipped') {
    result.skipped.push(s.reason ? { index, item, reason: s.reason, reasonText: s.reasonText ?? '', ...current } : { index, item, reason: item.reason ?? 'error', reasonText: item.reasonText });
  } else if (s.status === 'failed') {
    result.failed.push({ index, item, requestId: s.requestId, error: s.error ?? { kind: 'unknown', message: l10n.t('Failed.'), requestId: s.requestId }, stage: s.stage ?? 'put', ...current });
  } else {
    result.notRun.push({ index, item, requestId: s.requestId });
  }
}

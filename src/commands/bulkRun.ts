// Running a bulk reassignment in VS Code: a cancellable progress notification with counts, the tree
// refreshed for every changed item, a result notification (Show Report / Retry Failed / Export CSV /
// Resume), and the "interrupted run" offer at start-up (Show File / Discard for a damaged journal).
import path from 'node:path';
import * as vscode from 'vscode';
import { showInfo, showWarning, withProgress } from '../platform/notify';
import {
  LOCK_STALE_MS, discardRun, isRunLocked, listIncompleteRuns, resultCsv, resumeRun, retryFailed, runPlan,
  type BulkResult, type DamagedRun, type EngineOptions, type IncompleteRun, type LoadedRun, type ReassignmentPlan,
} from '../bulk';
import type { SupportContactEvents } from '../change';
import type { ChangeLog } from '../history/changeLog';
import { details, isPartnerCenterError, signInRequestFor, type PartnerCenterError, type SignInRequest } from '../partnerCenter';
import { recordError } from '../platform/diagnostics';
import { log, redact } from '../platform/log';
import type { Session } from '../session';
import type { CustomersView } from '../tree/view';
import type { ResellersView } from '../tree/resellersProvider';
import { handledCount, interruptedText, progressText, resultSummary, targetName } from './bulkDocuments';
import { saveCsv } from './csvFile';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import { showError } from './wrap';
import { plainText, pickerText } from '../partnerCenter/safeText';

/** The Reassignment panel (./reassignment.ts), as the run's next steps need it. */
export interface ReassignmentUi {
  showPlan(plan: ReassignmentPlan, source: string): Promise<void>;
  runJournal(run: LoadedRun): Promise<void>;
  retry(result: BulkResult): Promise<void>;
  /** Shows the panel of this window's reassignment; false when there is none. */
  reveal(): boolean;
}

export interface BulkDeps {
  context: vscode.ExtensionContext;
  session: Session;
  tree: CustomersView;
  resellers?: ResellersView;
  docs: ReadOnlyDocuments;
  changeLog: ChangeLog;
  events: SupportContactEvents;
  journalDir: string;
  reassignment?: ReassignmentUi;
}

/** Only one run at a time: two runs would compete for the same throttle and confuse the counts. */
let running = false;

/**
 * The interrupted runs nobody is executing: a run holds its journal's lock while it executes (in any
 * window; windows share the global storage), so a locked one is never offered or resumed here. A
 * reloaded window's run is free at once (its extension host is gone); a crashed one once its lock's
 * heartbeat is a minute old.
 */
async function resumable(deps: BulkDeps): Promise<{ runs: IncompleteRun[]; locked: number }> {
  const all = await listIncompleteRuns(deps.journalDir);
  const locked = await Promise.all(all.map((r) => isRunLocked(r.file)));
  return { runs: all.filter((_, i) => !locked[i]), locked: locked.filter(Boolean).length };
}

/**
 * Runs a plan or a resume under a cancellable progress notification. Returns undefined when the run
 * stopped because Partner Center wants a new sign-in (expired, revoked, MFA): nothing was lost, and
 * the user is offered to sign in and resume it at once.
 */
export async function executeRun(deps: BulkDeps, title: string, start: (options: EngineOptions) => Promise<BulkResult>): Promise<BulkResult | undefined> {
  if (running) throw new Error(vscode.l10n.t('A support-contact reassignment is already running; wait for it to finish (or cancel it) first.'));
  running = true;
  let journal: string | undefined;
  try {
    const client = await deps.session.client();
    const account = deps.session.current?.label ?? '';
    return await withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let last = 0;
        return start({
          client, account, journalDir: deps.journalDir, changeLog: deps.changeLog, events: deps.events, signal: abort.signal, onJournal: (file) => { journal = file; },
          onProgress: (counts) => {
            const now = (handledCount(counts) / Math.max(1, counts.changeItems)) * 100;
            progress.report({ message: progressText(counts), increment: now - last });
            last = now;
          },
        });
      },
    );
  } catch (err) {
    const request = signInRequestFor(err);
    if (!request || !journal || !isPartnerCenterError(err)) throw err;
    // Not an error of the command: the run is resumable. Still kept where a support ticket looks.
    log().warn(`The reassignment stopped for a new sign-in (${err.kind}); resumable from its journal.\n${redact(details(err))}`);
    recordError('reassignSupportContact', err.kind, details(err));
    offerSignInAndResume(deps, err, request, journal);
    return undefined;
  } finally {
    running = false;
  }
}

/** A run stopped by the sign-in: say so, and sign in (MFA claims, or anew) then resume on request. */
function offerSignInAndResume(deps: BulkDeps, err: PartnerCenterError, request: SignInRequest, journal: string): void {
  const label = vscode.l10n.t('Sign In and Resume');
  const text = err.kind === 'mfaRequired'
    ? vscode.l10n.t('The reassignment stopped: Partner Center asks you to sign in again with multi-factor authentication. Nothing was lost: sign in to resume it now, or later with "Partner Center: Resume Reassignment".')
    : vscode.l10n.t('The reassignment stopped: Partner Center no longer accepts your sign-in. Nothing was lost: sign in again to resume it now, or later with "Partner Center: Resume Reassignment".');
  void showWarning(text, label).then(async (choice) => {
    if (choice !== label) return;
    try {
      await deps.session.signIn(request);
      await resume(deps, journal);
    } catch (e) {
      await showError('resumeReassignment', e);
    }
  }).then(undefined, (e: unknown) => log().error(`Sign In and Resume failed: ${redact(String(e))}`));
}

/** Shows the summary with its next steps (not awaited by the command); the views refreshed on each change. */
export function showResult(deps: BulkDeps, result: BulkResult): void {
  const showReport = vscode.l10n.t('Show Results');
  const retryFailedLabel = vscode.l10n.t('Retry Failed');
  const resumeLabel = vscode.l10n.t('Resume');
  const exportCsvLabel = vscode.l10n.t('Export CSV');
  const buttons = [showReport, ...(result.failed.length ? [retryFailedLabel] : []), ...(!result.complete ? [resumeLabel] : []), exportCsvLabel];
  const text = resultSummary(result);
  const stale = result.skipped.some((s) => s.reason === 'changedSincePreview');
  const show = result.failed.length || !result.complete || stale ? showWarning : showInfo;
  void show(text, ...buttons).then(async (choice) => {
    try {
      if (choice === showReport) deps.reassignment?.reveal();
      else if (choice === exportCsvLabel) await saveCsv(resultCsv(result, { bom: true }), 'support-contact-reassignment.csv');
      else if (choice === retryFailedLabel) await retry(deps, result);
      else if (choice === resumeLabel) await resume(deps, result.journalFile);
    } catch (err) {
      await showError('bulkResult', err);
    }
  });
}

async function retry(deps: BulkDeps, result: BulkResult): Promise<void> {
  if (deps.reassignment) return deps.reassignment.retry(result);
  const plan: ReassignmentPlan = retryFailed(result);
  const next = await executeRun(deps, vscode.l10n.t('Retrying {0} failed support-contact change(s) → {1}', plan.items.length, plainText(targetName(plan.items, plan.target))), (o) => runPlan(plan, o));
  if (next) showResult(deps, next);
}

/** Resumes one journal (or lets the user choose among the interrupted ones). */
export async function resume(deps: BulkDeps, file?: string): Promise<void> {
  let run: IncompleteRun | undefined;
  if (file && (await isRunLocked(file))) {
    throw new Error(vscode.l10n.t('This reassignment is still running in another VS Code window. Let it finish there; if that window was closed or stopped responding, try again in a minute.'));
  }
  const { runs } = await resumable(deps);
  if (file) run = runs.find((r) => path.resolve(r.file) === path.resolve(file));
  else if (runs.length === 1) run = runs[0];
  else if (runs.length > 1) {
    const picked = await vscode.window.showQuickPick(runs.map((r) => (r.damaged ? {
      // What was started first: the picker cuts a long label, and the file name is long.
      label: `$(warning) ${vscode.l10n.t('Damaged reassignment run')} — ${pickerText(startedText(r.started))}`, description: pickerText(path.basename(r.file)),
      detail: vscode.l10n.t('It cannot be resumed: {0}. Choose it to see the file or discard it.', pickerText(r.reason)), run: r,
    } : {
      label: `→ ${pickerText(targetName(r.header.items, r.header.target))}`, description: vscode.l10n.t('{0} of {1} done', changeItems(r) - r.remaining, changeItems(r)),
      detail: vscode.l10n.t('Started {0} by {1}', pickerText(r.header.created), pickerText(r.header.account)), run: r,
    })), { title: vscode.l10n.t('Resume which reassignment?') });
    if (!picked) return;
    run = picked.run;
  }
  if (!run) {
    void showInfo(vscode.l10n.t('There is no interrupted support-contact reassignment to resume.'));
    return;
  }
  if (run.damaged) return offerDamaged(deps, run, ''); // never resumed: no PUT is sent from a damaged journal
  const chosen = run;
  if (deps.reassignment) return deps.reassignment.runJournal(chosen);
  const result = await executeRun(deps, vscode.l10n.t('Resuming: support contact → {0}', plainText(targetName(chosen.header.items, chosen.header.target))), (o) => resumeRun(chosen, o));
  if (result) showResult(deps, result);
}

function changeItems(r: LoadedRun): number {
  return r.header.items.filter((i) => i.action === 'change').length;
}

function damagedTitle(run: DamagedRun): string {
  return vscode.l10n.t('Damaged reassignment run ({0})', path.basename(run.file));
}

function startedText(started: number): string {
  return started === 1 ? vscode.l10n.t('1 item started, may have been applied') : vscode.l10n.t('{0} items started, may have been applied', started);
}

/**
 * A journal that cannot be read as one: Show File (read-only; the offer comes back so it can still be
 * discarded) or Discard. It is never resumed.
 */
async function offerDamaged(deps: BulkDeps, run: DamagedRun, more: string): Promise<void> {
  const showFile = vscode.l10n.t('Show File');
  const discard = vscode.l10n.t('Discard');
  const text = `${plainText(damagedTitle(run))} — ${startedText(run.started)}. ${vscode.l10n.t('It cannot be resumed ({0}): check those subscriptions\' support contacts before you reassign them again.', plainText(run.reason))}${more}`;
  for (;;) {
    const choice = await showWarning(text, showFile, discard);
    if (choice === showFile) {
      await showJournal(run.file);
      continue;
    }
    if (choice === discard) await confirmDiscard(deps, run);
    return;
  }
}

/** Opens the journal itself in an editor, read-only (a journal edited by hand is not one any more). */
async function showJournal(file: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
}

/**
 * Discard, for an interrupted or a damaged run: a modal that says what discarding leaves (a started
 * item may have been applied; the others keep their current contact), then a copy of the journal in
 * the change-log folder before it is deleted, and where that copy is.
 */
async function confirmDiscard(deps: BulkDeps, run: IncompleteRun): Promise<void> {
  const discard = vscode.l10n.t('Discard');
  const keepDir = path.join(deps.changeLog.dir, 'discarded');
  const started = run.damaged ? run.started : run.states.filter((s) => s.status === 'started').length;
  const notStarted = run.damaged ? 0 : run.states.filter((s) => s.status === 'pending').length;
  const others = run.damaged
    ? vscode.l10n.t('The items that were not started keep their current support contact.')
    : vscode.l10n.t('The other {0} subscription(s) not done keep their current support contact.', notStarted);
  const detail = [
    started === 0 ? vscode.l10n.t('No item was being changed when it stopped.')
      : started === 1 ? vscode.l10n.t('1 item had been sent to Partner Center without an answer recorded: that change may have been applied; check it in Partner Center.')
        : vscode.l10n.t('{0} items had been sent to Partner Center without an answer recorded: those changes may have been applied; check them in Partner Center.', started),
    others,
    vscode.l10n.t('A copy of the journal is kept in {0}.', keepDir),
  ].join(' ');
  const question = run.damaged ? vscode.l10n.t('Discard the damaged reassignment run?') : vscode.l10n.t('Discard the interrupted reassignment?');
  const sure = await showWarning(question, { modal: true, detail }, discard);
  if (sure !== discard) return;
  const copy = await discardRun(run.file, keepDir);
  if (copy === undefined) throw new Error(vscode.l10n.t('This reassignment is running in another VS Code window right now, so it was not discarded.'));
  void showInfo(vscode.l10n.t('The reassignment journal was discarded. Its copy is kept at {0}.', copy));
}

/** At start-up: only lists the journal folder (no network); offers Resume / Discard for an interrupted run, Show File / Discard for a damaged one. */
const offered = new Set<string>();

export async function offerInterruptedRuns(deps: BulkDeps, recheck = true): Promise<void> {
  const free = await resumable(deps);
  // A locked run is executing in another window, or is a crashed window's whose heartbeat is not
  // stale yet (or a reloaded window's whose extension host is still exiting): look once more after
  // the stale age. A run still locked then is left to its window.
  if (recheck && free.locked > 0) setTimeout(() => void offerInterruptedRuns(deps, false).catch(() => undefined), LOCK_STALE_MS + 5_000).unref();
  const runs = free.runs.filter((r) => !offered.has(path.resolve(r.file)));
  const run = runs[0];
  if (!run) return;
  offered.add(path.resolve(run.file));
  const more = runs.length === 2 ? ` ${vscode.l10n.t('({0} more interrupted run: see "Partner Center: Resume Reassignment")', runs.length - 1)}`
    : runs.length > 2 ? ` ${vscode.l10n.t('({0} more interrupted runs: see "Partner Center: Resume Reassignment")', runs.length - 1)}` : '';
  try {
    if (run.damaged) return await offerDamaged(deps, run, more);
    const resumeLabel = vscode.l10n.t('Resume');
    const discard = vscode.l10n.t('Discard');
    const choice = await showWarning(`${interruptedText(changeItems(run), run.remaining, targetName(run.header.items, run.header.target), run.header.account)}${more}`, resumeLabel, discard);
    if (choice === resumeLabel) await resume(deps, run.file);
    else if (choice === discard) await confirmDiscard(deps, run);
  } catch (err) {
    await showError('resumeReassignment', err);
  }
}

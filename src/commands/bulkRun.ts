// Running a bulk reassignment in VS Code: a cancellable progress notification with counts, the tree
// refreshed for every changed item, a result notification (Show Report / Retry Failed / Export CSV /
// Resume), and the "interrupted run" offer at start-up.
import path from 'node:path';
import * as vscode from 'vscode';
import {
  deleteRun, listIncompleteRuns, resultCsv, resumeRun, retryFailed, runPlan,
  type BulkResult, type EngineOptions, type LoadedRun, type ReassignmentPlan,
} from '../bulk';
import type { ChangeLog } from '../history/changeLog';
import type { Session } from '../session';
import type { CustomersView } from '../tree/view';
import type { ResellersView } from '../tree/resellersProvider';
import { interruptedText, progressText, reportMarkdown, resultSummary } from './bulkDocuments';
import { saveCsv } from './csvFile';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import { showError } from './wrap';

export interface BulkDeps {
  context: vscode.ExtensionContext;
  session: Session;
  tree: CustomersView;
  resellers?: ResellersView;
  docs: ReadOnlyDocuments;
  changeLog: ChangeLog;
  journalDir: string;
}

/** Only one run at a time: two runs would compete for the same throttle and confuse the counts. */
let running = false;

export async function executeRun(deps: BulkDeps, title: string, start: (options: EngineOptions) => Promise<BulkResult>): Promise<BulkResult> {
  if (running) throw new Error(vscode.l10n.t('A support-contact reassignment is already running; wait for it to finish (or cancel it) first.'));
  running = true;
  try {
    const client = await deps.session.client();
    const account = deps.session.current?.label ?? '';
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let last = 0;
        return start({
          client, account, journalDir: deps.journalDir, changeLog: deps.changeLog, signal: abort.signal,
          onProgress: (counts) => {
            const changeItems = Math.max(1, counts.total - counts.skipped);
            const now = ((counts.changed + counts.failed) / changeItems) * 100;
            progress.report({ message: progressText(counts), increment: now - last });
            last = now;
          },
        });
      },
    );
  } finally {
    running = false;
  }
}

/** Refreshes the views, then shows the summary with its next steps (not awaited by the command). */
export function showResult(deps: BulkDeps, result: BulkResult): void {
  for (const c of result.changed) deps.tree.provider.contactChanged(c.item.customerId, c.item.subscriptionId);
  for (const id of new Set(result.changed.map((c) => c.item.customerId.toLowerCase()))) deps.resellers?.provider.contactChanged(id);
  const showReport = vscode.l10n.t('Show Report');
  const retryFailedLabel = vscode.l10n.t('Retry Failed');
  const resumeLabel = vscode.l10n.t('Resume');
  const exportCsvLabel = vscode.l10n.t('Export CSV');
  const buttons = [showReport, ...(result.failed.length ? [retryFailedLabel] : []), ...(!result.complete ? [resumeLabel] : []), exportCsvLabel];
  const text = resultSummary(result);
  const show = result.failed.length || !result.complete ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(text, ...buttons).then(async (choice) => {
    try {
      if (choice === showReport) await deps.docs.show(vscode.l10n.t('Reassignment report'), reportMarkdown(result));
      else if (choice === exportCsvLabel) await saveCsv(resultCsv(result, { bom: true }), 'support-contact-reassignment.csv');
      else if (choice === retryFailedLabel) await retry(deps, result);
      else if (choice === resumeLabel) await resume(deps, result.journalFile);
    } catch (err) {
      await showError('bulkResult', err);
    }
  });
}

async function retry(deps: BulkDeps, result: BulkResult): Promise<void> {
  const plan: ReassignmentPlan = retryFailed(result);
  const next = await executeRun(deps, vscode.l10n.t('Retrying {0} failed support-contact change(s) → {1}', plan.items.length, plan.target.name), (o) => runPlan(plan, o));
  showResult(deps, next);
}

/** Resumes one journal (or lets the user choose among the interrupted ones). */
export async function resume(deps: BulkDeps, file?: string): Promise<void> {
  let run: LoadedRun | undefined;
  const runs = await listIncompleteRuns(deps.journalDir);
  if (file) run = runs.find((r) => path.resolve(r.file) === path.resolve(file));
  else if (runs.length === 1) run = runs[0];
  else if (runs.length > 1) {
    const picked = await vscode.window.showQuickPick(runs.map((r) => ({
      label: `→ ${r.header.target.name}`, description: vscode.l10n.t('{0} of {1} done', changeItems(r) - r.remaining, changeItems(r)),
      detail: vscode.l10n.t('Started {0} by {1}', r.header.created, r.header.account), run: r,
    })), { title: vscode.l10n.t('Resume which reassignment?') });
    if (!picked) return;
    run = picked.run;
  }
  if (!run) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no interrupted support-contact reassignment to resume.'));
    return;
  }
  const chosen = run;
  const result = await executeRun(deps, vscode.l10n.t('Resuming: support contact → {0}', chosen.header.target.name), (o) => resumeRun(chosen, o));
  showResult(deps, result);
}

function changeItems(r: LoadedRun): number {
  return r.header.items.filter((i) => i.action === 'change').length;
}

/** At start-up: only lists the journal folder (no network); offers Resume / Discard for an interrupted run. */
export async function offerInterruptedRuns(deps: BulkDeps): Promise<void> {
  const runs = await listIncompleteRuns(deps.journalDir);
  const run = runs[0];
  if (!run) return;
  const more = runs.length === 2 ? ` ${vscode.l10n.t('({0} more interrupted run: see "Partner Center: Resume Reassignment")', runs.length - 1)}`
    : runs.length > 2 ? ` ${vscode.l10n.t('({0} more interrupted runs: see "Partner Center: Resume Reassignment")', runs.length - 1)}` : '';
  const resumeLabel = vscode.l10n.t('Resume');
  const discard = vscode.l10n.t('Discard');
  const choice = await vscode.window.showWarningMessage(`${interruptedText(changeItems(run), run.remaining, run.header.target.name, run.header.account)}${more}`, resumeLabel, discard);
  try {
    if (choice === resumeLabel) await resume(deps, run.file);
    else if (choice === discard) {
      const sure = await vscode.window.showWarningMessage(vscode.l10n.t('Discard the interrupted reassignment? {0} subscription(s) keep their current support contact.', run.remaining), { modal: true }, discard);
      if (sure === discard) await deleteRun(run.file);
    }
  } catch (err) {
    await showError('resumeReassignment', err);
  }
}

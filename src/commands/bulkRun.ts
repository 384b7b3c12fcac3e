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
  if (running) throw new Error('A support-contact reassignment is already running; wait for it to finish (or cancel it) first.');
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
  const buttons = ['Show Report', ...(result.failed.length ? ['Retry Failed'] : []), ...(!result.complete ? ['Resume'] : []), 'Export CSV'];
  const text = resultSummary(result);
  const show = result.failed.length || !result.complete ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(text, ...buttons).then(async (choice) => {
    try {
      if (choice === 'Show Report') await deps.docs.show('Reassignment report', reportMarkdown(result));
      else if (choice === 'Export CSV') await saveCsv(resultCsv(result, { bom: true }), 'support-contact-reassignment.csv');
      else if (choice === 'Retry Failed') await retry(deps, result);
      else if (choice === 'Resume') await resume(deps, result.journalFile);
    } catch (err) {
      await showError('bulkResult', err);
    }
  });
}

async function retry(deps: BulkDeps, result: BulkResult): Promise<void> {
  const plan: ReassignmentPlan = retryFailed(result);
  const next = await executeRun(deps, `Retrying ${plan.items.length} failed support-contact change(s) → ${plan.target.name}`, (o) => runPlan(plan, o));
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
      label: `→ ${r.header.target.name}`, description: `${changeItems(r) - r.remaining} of ${changeItems(r)} done`, detail: `Started ${r.header.created} by ${r.header.account}`, run: r,
    })), { title: 'Resume which reassignment?' });
    if (!picked) return;
    run = picked.run;
  }
  if (!run) {
    void vscode.window.showInformationMessage('There is no interrupted support-contact reassignment to resume.');
    return;
  }
  const chosen = run;
  const result = await executeRun(deps, `Resuming: support contact → ${chosen.header.target.name}`, (o) => resumeRun(chosen, o));
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
  const more = runs.length > 1 ? ` (${runs.length - 1} more interrupted run${runs.length > 2 ? 's' : ''}: see "Partner Center: Resume Reassignment")` : '';
  const choice = await vscode.window.showWarningMessage(`${interruptedText(changeItems(run), run.remaining, run.header.target.name, run.header.account)}${more}`, 'Resume', 'Discard');
  try {
    if (choice === 'Resume') await resume(deps, run.file);
    else if (choice === 'Discard') {
      const sure = await vscode.window.showWarningMessage(`Discard the interrupted reassignment? ${run.remaining} subscription(s) keep their current support contact.`, { modal: true }, 'Discard');
      if (sure === 'Discard') await deleteRun(run.file);
    }
  } catch (err) {
    await showError('resumeReassignment', err);
  }
}

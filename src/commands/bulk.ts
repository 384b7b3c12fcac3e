// Bulk support-contact reassignment, its change log and CSV export: "Reassign Support Contact…"
// (source → target reseller → preview → confirm → run with progress → result), "Resume
// Reassignment", "Show Support Contact History", "Export to CSV…", and the Indirect Resellers view's
// refresh. The plain-Node core is src/bulk and src/history.
import path from 'node:path';
import * as vscode from 'vscode';
import { createPlan, runPlan, type ReassignmentPlan } from '../bulk';
import { ChangeLog } from '../history/changeLog';
import type { Session } from '../session';
import type { ResellersView } from '../tree/resellersProvider';
import type { CustomersView } from '../tree/view';
import { previewMarkdown, skippedText, summarizePlan } from './bulkDocuments';
import { executeRun, offerInterruptedRuns, resume, showResult, type BulkDeps } from './bulkRun';
import { loadTargets, pickCustomerSource, sourceFromArgs, type TargetSource } from './bulkTargets';
import { setChangeLog } from './changeRecorder';
import { exportCsv } from './exportCsv';
import { showHistory } from './history';
import { newCorrelationId, pickReseller } from './pickers';
import { ReadOnlyDocuments } from './readOnlyDocuments';
import { registerCommand } from './wrap';

export function registerBulkCommands(context: vscode.ExtensionContext, session: Session, tree: CustomersView, resellers?: ResellersView): void {
  const storage = context.globalStorageUri.fsPath;
  const docs = new ReadOnlyDocuments();
  context.subscriptions.push(docs);
  const deps: BulkDeps = { context, session, tree, ...(resellers ? { resellers } : {}), docs, changeLog: new ChangeLog(storage), journalDir: path.join(storage, 'bulk') };
  setChangeLog(deps.changeLog);
  context.subscriptions.push({ dispose: () => setChangeLog(undefined) });

  registerCommand(context, 'partnerCenter.reassignSupportContact', async (node?: unknown, selection?: unknown) => {
    await session.client(); // signed out: fails here with "Sign In" as the next step
    const source = sourceFromArgs(node, selection) ?? (node === undefined ? await pickCustomerSource(session) : undefined);
    if (!source) throw new Error('Choose customers or subscriptions in the Customers view, or a reseller in the Indirect Resellers view.');
    await reassign(deps, source);
  });
  registerCommand(context, 'partnerCenter.resumeReassignment', () => resume(deps));
  registerCommand(context, 'partnerCenter.showHistory', () => showHistory(deps));
  registerCommand(context, 'partnerCenter.exportCsv', (node?: unknown, selection?: unknown, target?: unknown) => exportCsv(deps, node, selection, target));
  if (resellers) registerCommand(context, 'partnerCenter.refreshResellers', (nodeId?: unknown) => resellers.provider.refresh(nodeId));

  void offerInterruptedRuns(deps).catch(() => undefined); // lists the journal folder only; no network
}

async function reassign(deps: BulkDeps, source: TargetSource): Promise<void> {
  const { session } = deps;
  const correlationId = newCorrelationId();
  const targets = await loadTargets(session, source, correlationId);
  if (targets.length === 0) {
    void vscode.window.showInformationMessage(`No subscriptions found for ${source.label}.`);
    return;
  }
  const reseller = await pickReseller(session, correlationId, source.reseller ? { supportTenantId: source.reseller.id } : null);
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Preparing the preview: ${targets.length} subscriptions → ${reseller.name}`, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let last = 0;
      return session.call((client) => createPlan(client, targets, reseller, {
        ctx: { correlationId, signal: abort.signal },
        onProgress: (done, total) => {
          progress.report({ message: `${done} of ${total} checked`, increment: ((done - last) / total) * 100 });
          last = done;
        },
      }));
    },
  );
  await confirmAndRun(deps, plan, source.label);
}

/** Shows the preview document, asks "Apply N changes", then runs the plan. */
export async function confirmAndRun(deps: BulkDeps, plan: ReassignmentPlan, sourceLabel: string): Promise<void> {
  const summary = summarizePlan(plan);
  await deps.docs.show(`Preview ${plan.target.name}`, previewMarkdown(plan, { source: sourceLabel, account: deps.session.current?.label }));
  if (summary.change === 0) {
    void vscode.window.showInformationMessage(`Nothing to change: ${skippedText(summary)}. See the preview for the reasons.`);
    return;
  }
  const apply = `Apply ${summary.change} change${summary.change === 1 ? '' : 's'}`;
  const choice = await vscode.window.showWarningMessage(
    `Change the support contact of ${summary.change} subscription${summary.change === 1 ? '' : 's'} to ${plan.target.name}?`,
    { modal: true, detail: `New support contact: ${plan.target.name} (MPN ID ${plan.target.supportMpnId}).\n${skippedText(summary)} — the preview lists every subscription with its reason.\n\nA journal is kept, so an interrupted run can be resumed without applying anything twice.` },
    apply,
  );
  if (choice !== apply) throw new vscode.CancellationError();
  const result = await executeRun(deps, `Support contact → ${plan.target.name}`, (o) => runPlan(plan, o));
  showResult(deps, result);
}

// Bulk support-contact reassignment, its change log and CSV export: "Reassign Support Contact…"
// (source → target reseller → preview → confirm → run with progress → result), "Resume
// Reassignment", "Show Support Contact History", "Export to CSV…", and the Indirect Resellers view's
// refresh. The plain-Node core is src/bulk and src/history.
import path from 'node:path';
import * as vscode from 'vscode';
import { createPlan, runPlan, type ReassignmentPlan } from '../bulk';
import type { ChangeServices } from '../change';
import type { Session } from '../session';
import { HistoryView } from '../tree/historyProvider';
import type { ResellersView } from '../tree/resellersProvider';
import type { CustomersView } from '../tree/view';
import { previewMarkdown, skippedText, summarizePlan } from './bulkDocuments';
import { executeRun, offerInterruptedRuns, resume, showResult, type BulkDeps } from './bulkRun';
import { loadTargets, pickCustomerSource, sourceFromArgs, type TargetSource } from './bulkTargets';
import { exportCsv } from './exportCsv';
import { registerHistoryCommands } from './history';
import { newCorrelationId, pickReseller } from './pickers';
import { withCancellableProgress } from './progress';
import { ReadOnlyDocuments } from './readOnlyDocuments';
import { registerCommand } from './wrap';

export function registerBulkCommands(context: vscode.ExtensionContext, session: Session, tree: CustomersView, changes: ChangeServices, resellers?: ResellersView): void {
  const storage = context.globalStorageUri.fsPath;
  const docs = new ReadOnlyDocuments();
  context.subscriptions.push(docs);
  const deps: BulkDeps = { context, session, tree, ...(resellers ? { resellers } : {}), docs, ...changes, journalDir: path.join(storage, 'bulk') };

  registerCommand(context, 'partnerCenter.reassignSupportContact', async (node?: unknown, selection?: unknown) => {
    await session.client(); // signed out: fails here with "Sign In" as the next step
    const source = sourceFromArgs(node, selection) ?? (node === undefined ? await pickCustomerSource(session) : undefined);
    if (!source) throw new Error(vscode.l10n.t('Choose customers or subscriptions in the Customers view, or a reseller in the Indirect Resellers view.'));
    await reassign(deps, source);
  });
  registerCommand(context, 'partnerCenter.resumeReassignment', () => resume(deps));
  registerCommand(context, 'partnerCenter.exportCsv', (node?: unknown, selection?: unknown, target?: unknown) => exportCsv(deps, node, selection, target));
  const history = new HistoryView(deps.changeLog, (listener) => deps.changeLog.onDidAppend(listener));
  context.subscriptions.push(history);
  registerHistoryCommands(context, deps, history);
  if (resellers) registerCommand(context, 'partnerCenter.refreshResellers', (nodeId?: unknown) => resellers.provider.refresh(nodeId));

  void offerInterruptedRuns(deps).catch(() => undefined); // lists the journal folder only; no network
}

async function reassign(deps: BulkDeps, source: TargetSource): Promise<void> {
  const { session } = deps;
  const correlationId = newCorrelationId();
  const targets = await loadTargets(session, source, correlationId);
  if (targets.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No subscriptions found for {0}.', source.label));
    return;
  }
  const reseller = await pickReseller(session, correlationId, source.reseller ? { supportTenantId: source.reseller.id } : null);
  const plan = await withCancellableProgress(vscode.l10n.t('Preparing the preview: {0} subscriptions → {1}', targets.length, reseller.name), ({ signal, report }) => {
    let last = 0;
    return session.call((client) => createPlan(client, targets, reseller, {
      ctx: { correlationId, signal },
      onProgress: (done, total) => {
        report(vscode.l10n.t('{0} of {1} checked', done, total), ((done - last) / total) * 100);
        last = done;
      },
    }));
  });
  await confirmAndRun(deps, plan, source.label);
}

/** Shows the preview document, asks "Apply N changes", then runs the plan. */
export async function confirmAndRun(deps: BulkDeps, plan: ReassignmentPlan, sourceLabel: string): Promise<void> {
  const summary = summarizePlan(plan);
  await deps.docs.show(vscode.l10n.t('Preview {0}', plan.target.name), previewMarkdown(plan, { source: sourceLabel, account: deps.session.current?.label }));
  if (summary.change === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to change: {0}. See the preview for the reasons.', skippedText(summary)));
    return;
  }
  const one = summary.change === 1;
  const apply = one ? vscode.l10n.t('Apply {0} change', summary.change) : vscode.l10n.t('Apply {0} changes', summary.change);
  const choice = await vscode.window.showWarningMessage(
    one ? vscode.l10n.t('Change the support contact of {0} subscription to {1}?', summary.change, plan.target.name)
      : vscode.l10n.t('Change the support contact of {0} subscriptions to {1}?', summary.change, plan.target.name),
    { modal: true, detail: [
      vscode.l10n.t('New support contact: {0} (MPN ID {1}).', plan.target.name, plan.target.supportMpnId),
      vscode.l10n.t('{0} — the preview lists every subscription with its reason.', skippedText(summary)),
      '',
      vscode.l10n.t('Each support contact is read again just before it is changed: one that changed since this preview is left as it is and reported.'),
      vscode.l10n.t('A journal is kept, so an interrupted run can be resumed without applying anything twice.'),
    ].join('\n') },
    apply,
  );
  if (choice !== apply) throw new vscode.CancellationError();
  const result = await executeRun(deps, vscode.l10n.t('Support contact → {0}', plan.target.name), (o) => runPlan(plan, o));
  if (result) showResult(deps, result);
}

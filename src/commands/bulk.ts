// Bulk support-contact reassignment, its change log and CSV export: "Reassign Support Contact…"
// (source → target reseller → the Reassignment panel: plan, Apply, live run, result), "Resume
// Reassignment", "Show Support Contact History", "Export to CSV…", and the Indirect Resellers view's
// refresh. The plain-Node core is src/bulk and src/history.
import path from 'node:path';
import * as vscode from 'vscode';
import { showInfo } from '../platform/notify';
import { createPlan, type PlanTarget, type ReassignmentPlan } from '../bulk';
import { fixTargets } from '../health/fix';
import type { Finding } from '../health/rules';
import type { ChangeServices } from '../change';
import type { Session } from '../session';
import { HistoryView } from '../tree/historyProvider';
import type { ResellersView } from '../tree/resellersProvider';
import type { CustomersView } from '../tree/view';
import { resellerNodeArg } from './args';
import { offerInterruptedRuns, resume, type BulkDeps } from './bulkRun';
import { loadTargets, pickCustomerSource, sourceFromArgs, type TargetSource } from './bulkTargets';
import { exportCsv } from './exportCsv';
import { registerHistoryCommands } from './history';
import { newCorrelationId, pickReseller } from './pickers';
import { withCancellableProgress } from './progress';
import { ReadOnlyDocuments } from './readOnlyDocuments';
import { Reassignment } from './reassignment';
import { registerActionCommand, registerCommand, type ActionContext } from './wrap';
import { plainText } from '../partnerCenter/safeText';

export interface BulkCommands {
  /** The read-only documents provider, shared with the other command families. */
  docs: ReadOnlyDocuments;
  /** The health check's "Fix selected…": the Reassignment panel with each finding's suggested contact. */
  fixFindings(findings: Finding[]): Promise<void>;
}

export function registerBulkCommands(context: vscode.ExtensionContext, session: Session, tree: CustomersView, changes: ChangeServices, resellers?: ResellersView): BulkCommands {
  const storage = context.globalStorageUri.fsPath;
  const docs = new ReadOnlyDocuments();
  context.subscriptions.push(docs);
  const deps: BulkDeps = { context, session, tree, ...(resellers ? { resellers } : {}), docs, ...changes, journalDir: path.join(storage, 'bulk') };
  const reassignment = new Reassignment(deps);
  deps.reassignment = reassignment;
  context.subscriptions.push(reassignment);

  registerActionCommand(context, 'partnerCenter.reassignSupportContact', async (action, node?: unknown, selection?: unknown) => {
    await session.client(); // signed out: fails here with "Sign In" as the next step
    const source = sourceFromArgs(node, selection) ?? (node === undefined ? await pickCustomerSource(session) : undefined);
    if (!source) throw new Error(vscode.l10n.t('Choose customers or subscriptions in the Customers view, or a reseller in the Indirect Resellers view.'));
    await reassign(deps, source, action);
  });
  registerCommand(context, 'partnerCenter.resumeReassignment', () => resume(deps));
  registerCommand(context, 'partnerCenter.showReassignment', () => {
    if (!reassignment.reveal()) void showInfo(vscode.l10n.t('No support-contact reassignment has been prepared in this window. Use "Reassign Support Contact…" or "Resume Reassignment".'));
  });
  registerActionCommand(context, 'partnerCenter.exportCsv', (action, node?: unknown, selection?: unknown, target?: unknown) => exportCsv(deps, action, node, selection, target));
  const history = new HistoryView(deps.changeLog, (listener) => deps.events.onDidChangeSupportContact(() => listener()));
  context.subscriptions.push(history);
  registerHistoryCommands(context, deps, history);
  if (resellers) registerCommand(context, 'partnerCenter.refreshResellers', (node?: unknown) => resellers.provider.refresh(resellerNodeArg(node)));

  void offerInterruptedRuns(deps).catch(() => undefined); // lists the journal folder only; no network
  return { docs, fixFindings: (findings) => fixFindings(deps, findings) };
}

/**
 * "Fix selected…" in the Health Check Report: a plan whose rows each get their finding's suggested
 * contact (every contact read again first: the inventory may be old), shown in the Reassignment
 * panel; nothing changes before Apply. Findings with no suggestion are not in the plan and are named.
 */
async function fixFindings(deps: BulkDeps, findings: Finding[]): Promise<void> {
  const { session } = deps;
  const { targets, needsChoice } = fixTargets(findings);
  const first = targets[0]?.reseller;
  if (!first) {
    void showInfo(vscode.l10n.t('None of the selected findings has a suggested contact: choose one with "Reassign Support Contact…".'));
    return;
  }
  const correlationId = newCorrelationId();
  const plan = await preparePlan(session, vscode.l10n.t('Preparing the preview: {0} health-check findings, each to its suggested contact', targets.length), targets, first, correlationId);
  if (!deps.reassignment) throw new Error('The reassignment panel is not available.');
  const source = needsChoice.length
    ? vscode.l10n.t('Health check: {0} findings ({1} more selected have no suggested contact and are not included)', targets.length, needsChoice.length)
    : vscode.l10n.t('Health check: {0} findings', targets.length);
  await deps.reassignment.showPlan(plan, source);
}

/** The dry run under a cancellable progress notification ("12 of 52 checked"). */
function preparePlan(session: Session, title: string, targets: PlanTarget[], reseller: Parameters<typeof createPlan>[2], correlationId: string): Thenable<ReassignmentPlan> {
  return withCancellableProgress(title, ({ signal, report }) => {
    let last = 0;
    return session.call((client) => createPlan(client, targets, reseller, {
      ctx: { correlationId, signal },
      onProgress: (done, total) => {
        report(vscode.l10n.t('{0} of {1} checked', done, total), ((done - last) / total) * 100);
        last = done;
      },
    }));
  });
}

async function reassign(deps: BulkDeps, source: TargetSource, action: ActionContext): Promise<void> {
  const { session } = deps;
  const correlationId = newCorrelationId();
  const targets = await loadTargets(session, source, correlationId);
  action.telemetry.measurements.count = targets.length; // how many subscriptions a run considers (a number, never a name)
  if (targets.length === 0) {
    void showInfo(vscode.l10n.t('No subscriptions found for {0}.', plainText(source.label)));
    return;
  }
  const reseller = await pickReseller(session, correlationId, source.reseller ? { supportTenantId: source.reseller.id } : null);
  const plan = await preparePlan(session, vscode.l10n.t('Preparing the preview: {0} subscriptions → {1}', targets.length, plainText(reseller.name)), targets, reseller, correlationId);
  if (!deps.reassignment) throw new Error('The reassignment panel is not available.');
  await deps.reassignment.showPlan(plan, source.label);
}

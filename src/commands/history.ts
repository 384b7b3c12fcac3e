// "Partner Center: Show Support Contact History": the local change log, newest first; an entry
// offers Undo (restores the old contact only while the subscription still has the one this change
// set — the same stale-write check as the editor) and Copy Details.
import * as vscode from 'vscode';
import { changeLogCsv } from '../bulk';
import { undoChange, undoPlan, type ChangeLogEntry } from '../history/changeLog';
import type { BulkDeps } from './bulkRun';
import { contactText, historyDetails, historyRow } from './bulkDocuments';
import { saveCsv } from './csvFile';
import { newCorrelationId } from './pickers';

interface EntryItem extends vscode.QuickPickItem { entry?: ChangeLogEntry; exportAll?: boolean }

export async function showHistory(deps: BulkDeps): Promise<void> {
  const entries = await deps.changeLog.read(500);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No support-contact changes have been made with this extension yet.'));
    return;
  }
  const items: EntryItem[] = [
    { label: `$(export) ${vscode.l10n.t('Export History to CSV…')}`, description: vscode.l10n.t('{0} entries', entries.length), exportAll: true },
    { label: vscode.l10n.t('Changes, newest first'), kind: vscode.QuickPickItemKind.Separator },
    ...entries.map((entry) => ({ ...historyRow(entry), entry })),
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Support Contact History'), placeHolder: vscode.l10n.t('Choose a change to undo it or copy its details'), matchOnDescription: true, matchOnDetail: true });
  if (!chosen) return;
  if (chosen.exportAll) {
    await saveCsv(changeLogCsv(await deps.changeLog.read(100_000), { bom: true }), 'support-contact-history.csv');
    return;
  }
  if (chosen.entry) await entryActions(deps, chosen.entry);
}

async function entryActions(deps: BulkDeps, entry: ChangeLogEntry): Promise<void> {
  const plan = undoPlan(entry);
  const undo = plan.ok ? `$(discard) ${vscode.l10n.t('Undo: restore {0}', contactText(plan.restore))}` : undefined;
  const copyDetails = `$(copy) ${vscode.l10n.t('Copy Details')}`;
  const actions: vscode.QuickPickItem[] = [
    ...(undo ? [{ label: undo, detail: vscode.l10n.t('Only if the subscription still has {0}.', contactText(entry.new)) }]
      : [{ label: `$(circle-slash) ${vscode.l10n.t('Undo is not possible')}`, detail: plan.ok ? '' : plan.message }]),
    { label: copyDetails },
  ];
  const action = await vscode.window.showQuickPick(actions, { title: `${entry.subscriptionName ?? entry.subscriptionId} — ${entry.customerName ?? entry.customerId}` });
  if (!action) return;
  if (action.label === copyDetails) {
    await vscode.env.clipboard.writeText(historyDetails(entry));
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied the change details.'));
    return;
  }
  if (action.label !== undo || !plan.ok) {
    if (!plan.ok) void vscode.window.showInformationMessage(plan.message);
    return;
  }
  const correlationId = newCorrelationId();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Restoring the support contact of "{0}"…', entry.subscriptionName ?? entry.subscriptionId), cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return deps.session.call((client) => undoChange(client, entry, { account: deps.session.current?.label ?? '', changeLog: deps.changeLog, ctx: { correlationId, signal: abort.signal } }));
    },
  );
  deps.tree.provider.contactChanged(entry.customerId, entry.subscriptionId);
  deps.resellers?.provider.contactChanged(entry.customerId);
  if (result.status === 'restored') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Undone: the support contact of "{0}" is {1} again.', entry.subscriptionName ?? entry.subscriptionId, contactText(result.contact)));
  } else if (result.status === 'conflict') {
    await vscode.window.showWarningMessage(vscode.l10n.t('Undo was not applied: the support contact changed since.'), {
      modal: true,
      detail: [
        result.message, '',
        vscode.l10n.t('This change set: {0}', contactText(entry.new)),
        vscode.l10n.t('Now: {0}', contactText(result.current)),
        vscode.l10n.t('Undo would restore: {0}', contactText(entry.old)), '',
        vscode.l10n.t('Nothing was changed. Use "Update Support Contact…" if you still want {0}.', contactText(entry.old)),
      ].join('\n'),
    });
  } else {
    void vscode.window.showInformationMessage(result.message);
  }
}

// "Partner Center: Export to CSV…": subscriptions with their support contacts (a Customers-tree
// selection, a customer, a reseller's subscriptions) or the change log, to a file the user picks.
// A third argument (a Uri or an absolute path to a .csv file) skips the save dialog (used by tests and
// scripts). Any other target is refused rather than written: a command argument must not be a way to
// overwrite an arbitrary file.
import path from 'node:path';
import * as vscode from 'vscode';
import { subscriptionsCsv } from '../bulk';
import type { BulkDeps } from './bulkRun';
import { contactRows, pickCustomerSource, sourceFromArgs, sourceFromTreeSelection, type TargetSource } from './bulkTargets';
import { saveCsv, saveHistoryCsv } from './csvFile';
import { newCorrelationId } from './pickers';
import { withCancellableProgress } from './progress';
import type { ActionContext } from './wrap';
import { pickerText, plainText } from '../partnerCenter/safeText';

function targetUri(v: unknown): vscode.Uri | undefined {
  if (v === undefined || v === null) return undefined;
  const uri = v instanceof vscode.Uri ? v : typeof v === 'string' && path.isAbsolute(v) ? vscode.Uri.file(v) : undefined;
  if (!uri || !/\.csv$/i.test(uri.path)) {
    throw new Error(vscode.l10n.t('Export to CSV writes only to a .csv file; run it without a target to choose one.'));
  }
  return uri;
}

export async function exportCsv(deps: BulkDeps, action: ActionContext, node: unknown, selection: unknown, target: unknown): Promise<void> {
  const to = targetUri(target);
  let source = sourceFromArgs(node, selection);
  if (!source) {
    const fromSelection = sourceFromTreeSelection(deps.tree);
    const choices: (vscode.QuickPickItem & { pick: () => Promise<TargetSource | 'history'> })[] = [
      ...(fromSelection ? [{ label: `$(list-selection) ${vscode.l10n.t('Customers view selection')}`, description: pickerText(fromSelection.label), pick: () => Promise.resolve(fromSelection) }] : []),
      { label: `$(organization) ${vscode.l10n.t('A customer…')}`, description: vscode.l10n.t('its subscriptions with their support contacts'), pick: () => pickCustomerSource(deps.session) },
      { label: `$(history) ${vscode.l10n.t('Support contact history')}`, description: vscode.l10n.t('every change made with this extension'), pick: () => Promise.resolve('history' as const) },
    ];
    const chosen = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Export to CSV'), placeHolder: vscode.l10n.t('What to export') });
    if (!chosen) return;
    const picked = await chosen.pick();
    if (picked === 'history') {
      return saveHistoryCsv(deps.changeLog, undefined, to);
    }
    source = picked;
  }
  const chosenSource = source;
  const targets = await withCancellableProgress(vscode.l10n.t('Export to CSV: {0}', plainText(chosenSource.label)), ({ signal, report }) => {
    const ctx = { correlationId: newCorrelationId(), signal };
    return deps.session.call(async (client) => contactRows(client, await chosenSource.load(client, ctx, report), ctx, report));
  });
  action.telemetry.measurements.count = targets.length; // how many rows were exported (a number, never a name)
  const name = `support-contacts-${chosenSource.label.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'export'}.csv`;
  await saveCsv(subscriptionsCsv(targets, { bom: true }), name, to);
}

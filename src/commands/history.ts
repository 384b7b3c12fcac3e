// The "Support Contact History" view's commands: Undo and Copy Details on a change (inline), Filter,
// Clear Filter and Export CSV in its title bar, and "Partner Center: Show Support Contact History",
// which reveals the view. Undo restores the old contact only while the subscription still has the
// one this change set (the same stale-write check as the editor).
import * as vscode from 'vscode';
import { showInfo, showWarning } from '../platform/notify';
import { changeLogCsv } from '../bulk';
import { undoChange } from '../change';
import { undoPlan, type ChangeLogEntry } from '../history/changeLog';
import { entriesOf, matchesFilter, outcomeLabel, resellersIn, type HistoryFilter, type HistoryOutcome } from '../history/historyTree';
import type { HistoryView } from '../tree/historyProvider';
import { historyRowArg } from './args';
import type { BulkDeps } from './bulkRun';
import { contactText, historyDetails } from './bulkDocuments';
import { saveCsv, saveHistoryCsv } from './csvFile';
import { newCorrelationId } from './pickers';
import { withCancellableProgress } from './progress';
import { registerCommand } from './wrap';
import { pickerText, plainText } from '../partnerCenter/safeText';

/** The entry of an inline action's row, or the view's selected change. */
function entryArg(view: HistoryView, arg: unknown): ChangeLogEntry {
  const row = historyRowArg(arg) ?? view.view.selection[0];
  if (row?.kind === 'entry') return row.entry;
  throw new Error(vscode.l10n.t('Choose a change in the Support Contact History view first.'));
}

export function registerHistoryCommands(context: vscode.ExtensionContext, deps: BulkDeps, view: HistoryView): void {
  registerCommand(context, 'partnerCenter.showHistory', () => vscode.commands.executeCommand('partnerCenter.history.focus'));
  registerCommand(context, 'partnerCenter.history.undo', (arg?: unknown) => undoEntry(deps, entryArg(view, arg)));
  registerCommand(context, 'partnerCenter.history.copyDetails', async (arg?: unknown) => {
    await vscode.env.clipboard.writeText(historyDetails(entryArg(view, arg)));
    void showInfo(vscode.l10n.t('Copied the change details.'));
  });
  registerCommand(context, 'partnerCenter.history.refresh', () => view.provider.refresh());
  registerCommand(context, 'partnerCenter.history.filter', () => chooseFilter(view));
  registerCommand(context, 'partnerCenter.history.clearFilter', () => view.setFilter({}));
  registerCommand(context, 'partnerCenter.history.exportCsv', async (arg?: unknown) => {
    // A run or a day (context menu): its entries; the title bar: every entry the filter lets through.
    const row = historyRowArg(arg);
    if (!row) return saveHistoryCsv(deps.changeLog, (e) => matchesFilter(e, view.provider.filter));
    await saveCsv(changeLogCsv(entriesOf(row), { bom: true }), 'support-contact-history.csv');
  });
}

async function chooseFilter(view: HistoryView): Promise<void> {
  const current = view.provider.filter;
  type Choice = vscode.QuickPickItem & { next: () => Promise<HistoryFilter | undefined> };
  const choices: Choice[] = [
    { label: `$(organization) ${vscode.l10n.t('Customer…')}`, description: pickerText(current.customer), next: async () => {
      const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter History by Customer'), prompt: vscode.l10n.t('Part of the customer\'s name or ID'), value: current.customer ?? '' });
      return text === undefined ? undefined : { ...current, customer: text.trim() || undefined };
    } },
    { label: `$(person) ${vscode.l10n.t('Reseller…')}`, description: pickerText(current.reseller?.name), next: async () => {
      const picked = await vscode.window.showQuickPick(resellersIn(view.provider.loadedEntries()).map((r) => ({ label: pickerText(r.name), description: `MPN ID ${pickerText(r.mpnId)}`, r })),
        { title: vscode.l10n.t('Filter History by Reseller (old or new contact)'), matchOnDescription: true });
      return picked ? { ...current, reseller: { id: picked.r.id, name: picked.r.name } } : undefined;
    } },
    { label: `$(pass) ${vscode.l10n.t('Outcome…')}`, description: current.outcome && outcomeLabel(current.outcome), next: async () => {
      const outcomes: HistoryOutcome[] = ['changed', 'failed', 'undo'];
      const picked = await vscode.window.showQuickPick(outcomes.map((o) => ({ label: outcomeLabel(o), o })), { title: vscode.l10n.t('Filter History by Outcome') });
      return picked ? { ...current, outcome: picked.o } : undefined;
    } },
    { label: `$(clear-all) ${vscode.l10n.t('Clear Filter')}`, next: () => Promise.resolve({}) },
  ];
  const chosen = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Filter Support Contact History') });
  const next = chosen && await chosen.next();
  if (next) view.setFilter(next);
}

/** Undo with a progress notification (the views refresh on onDidChangeSupportContact); explains a refusal. */
export async function undoEntry(deps: BulkDeps, entry: ChangeLogEntry): Promise<void> {
  const plan = undoPlan(entry);
  if (!plan.ok) throw new Error(plan.message);
  const name = entry.subscriptionName ?? entry.subscriptionId;
  const correlationId = newCorrelationId();
  const result = await withCancellableProgress(vscode.l10n.t('Restoring the support contact of "{0}"…', plainText(name)), ({ signal, onRetryWait }) =>
    // The session, not one client: after an MFA challenge only the call that met it is repeated, so History gets one entry.
    undoChange(deps.session, entry, {
      account: deps.session.current?.label ?? '', changeLog: deps.changeLog, events: deps.events, ctx: { correlationId, signal, onRetryWait },
    }));
  if (result.status === 'restored') {
    void showInfo(result.confirmed
      ? vscode.l10n.t('Undone: the support contact of "{0}" is {1} again.', plainText(name), contactText(result.contact))
      : vscode.l10n.t('Partner Center accepted the undo but did not confirm what it stored; the support contact of "{0}" now shows {1}.', plainText(name), contactText(result.contact)));
  } else if (result.status === 'conflict') {
    await showWarning(vscode.l10n.t('Undo was not applied: the support contact changed since.'), {
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
    void showInfo(result.message);
  }
}

// Saving CSV text to a file the user picks (or one a caller gives, e.g. the integration tests).
import * as vscode from 'vscode';
import { changeLogCsv } from '../bulk';
import type { ChangeLog, ChangeLogEntry } from '../history/changeLog';
import { plainText } from '../partnerCenter/safeText';
import { showInfo, showWarning } from '../platform/notify';

export async function saveCsv(text: string, suggestedName: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target ?? await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export to CSV'),
    saveLabel: vscode.l10n.t('Export'),
    filters: { [vscode.l10n.t('CSV (comma-separated values)')]: ['csv'] },
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, suggestedName) } : {}),
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const open = vscode.l10n.t('Open');
  void showInfo(vscode.l10n.t('Exported to {0}.', plainText(uri.fsPath || uri.toString())), open).then(async (c) => {
    if (c === open) await vscode.window.showTextDocument(uri);
  });
  return uri;
}

/** Exports the change log (the entries `keep` lets through); says how many lines of it could not be read, so a short file is no surprise. */
export async function saveHistoryCsv(changeLog: ChangeLog, keep: (e: ChangeLogEntry) => boolean = () => true, target?: vscode.Uri): Promise<void> {
  const { entries, unreadable } = await changeLog.scan(Number.MAX_SAFE_INTEGER);
  const kept = entries.filter(keep);
  if (kept.length === 0) throw new Error(vscode.l10n.t('There is nothing to export: no change matches the filter.'));
  const saved = await saveCsv(changeLogCsv(kept, { bom: true }), 'support-contact-history.csv', target);
  if (saved && unreadable > 0) {
    void showWarning(unreadable === 1
      ? vscode.l10n.t('1 line of the change log could not be read (damaged, or cut off by a crash), so it is not in the file.')
      : vscode.l10n.t('{0} lines of the change log could not be read (damaged, or cut off by a crash), so they are not in the file.', unreadable));
  }
}

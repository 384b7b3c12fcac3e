// Saving CSV text to a file the user picks (or one a caller gives, e.g. the integration tests).
import * as vscode from 'vscode';
import { plainText } from '../partnerCenter/safeText';
import { showInfo } from '../platform/notify';

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

// Registers the account, app-registration, Customers-view, editor, palette and diagnostics commands.
// The bulk, History, Export CSV and Refresh Indirect Resellers commands are registered by ./bulk.ts, the health check's by
// ./health.ts (both from extension.ts). Each family lives in its own file; all go through ./wrap.ts.
import * as vscode from 'vscode';
import { showInfo } from '../platform/notify';
import type { ChangeServices } from '../change';
import type { Session } from '../session';
import type { CustomersView } from '../tree/view';
import { registerSupportContactEditor } from '../webview';
import { diagnosticsReport } from '../platform/diagnostics';
import { log } from '../platform/log';
import { registerAccountCommands } from './account';
import { explainError } from './explain';
import { registerOwnAppRegistration } from './ownAppRegistration';
import { registerTreeCommands } from './treeCommands';
import { updateSupportContactFlow } from './updateContact';
import { registerCommand, setErrorExplainer } from './wrap';

export function registerCommands(context: vscode.ExtensionContext, session: Session, tree: CustomersView, changes: ChangeServices): void {
  setErrorExplainer(explainError);
  registerAccountCommands(context, session);
  registerOwnAppRegistration(context, session);
  registerTreeCommands(context, session, tree);
  registerCommand(context, 'partnerCenter.copyDiagnostics', async () => {
    await vscode.env.clipboard.writeText(diagnosticsReport(context, session));
    void showInfo(vscode.l10n.t('Partner Center diagnostics copied. Paste them into your support ticket; they contain no tokens.'));
  });
  registerCommand(context, 'partnerCenter.showLog', () => log().show());
  registerCommand(context, 'partnerCenter.openSettings', () =>
    vscode.commands.executeCommand('workbench.action.openSettings', '@ext:partner-center-tools.partner-center-support-contacts'),
  );
  context.subscriptions.push(registerSupportContactEditor(context, session, changes));
  registerCommand(context, 'partnerCenter.updateSupportContact', () => updateSupportContactFlow(session, changes, { showInTree: (c, s) => tree.reveal(c, s) }));
}

// Registers every command. Each command family lives in its own file; all go through registerCommand.
import * as vscode from 'vscode';
import { registerCommand } from './wrap';

const NOT_YET = [
  'partnerCenter.signIn',
  'partnerCenter.signOut',
  'partnerCenter.switchAccount',
  'partnerCenter.refresh',
  'partnerCenter.searchCustomers',
  'partnerCenter.clearSearch',
  'partnerCenter.updateSupportContact',
  'partnerCenter.editSupportContact',
  'partnerCenter.showSupportContact',
  'partnerCenter.copyId',
  'partnerCenter.openInDashboard',
];

export function registerCommands(context: vscode.ExtensionContext): void {
  registerCommand(context, 'partnerCenter.openSettings', () =>
    vscode.commands.executeCommand('workbench.action.openSettings', '@ext:partner-center-tools.partner-center-support-contacts'),
  );
  for (const id of NOT_YET) {
    registerCommand(context, id, () => vscode.window.showInformationMessage(`${id} is not implemented yet.`));
  }
}

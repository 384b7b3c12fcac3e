// Sign In, Sign Out, Switch Account.
import * as vscode from 'vscode';
import type { Session } from '../session';
import { registerCommand } from './wrap';

export function registerAccountCommands(context: vscode.ExtensionContext, session: Session): void {
  registerCommand(context, 'partnerCenter.signIn', async () => {
    const account = await session.signIn();
    void vscode.window.showInformationMessage(`Signed in to Partner Center as ${account.label}.`);
  });
  registerCommand(context, 'partnerCenter.switchAccount', async () => {
    const account = await session.signIn({ switchAccount: true });
    void vscode.window.showInformationMessage(`Signed in to Partner Center as ${account.label}.`);
  });
  registerCommand(context, 'partnerCenter.signOut', async () => {
    const who = session.current?.label;
    await session.signOut();
    const note = session.method === 'vscode' ? ' To remove the account from VS Code too, use the Accounts menu.' : '';
    void vscode.window.showInformationMessage(`Signed out of Partner Center${who ? ` (${who})` : ''}.${note}`);
  });
}

// Sign In, Sign Out, Switch Account.
import * as vscode from 'vscode';
import type { Session } from '../session';
import { registerCommand } from './wrap';

export function registerAccountCommands(context: vscode.ExtensionContext, session: Session): void {
  registerCommand(context, 'partnerCenter.signIn', async () => {
    const account = await session.signIn();
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Partner Center as {0}.', account.label));
  });
  registerCommand(context, 'partnerCenter.switchAccount', async () => {
    const account = await session.signIn({ switchAccount: true });
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Partner Center as {0}.', account.label));
  });
  registerCommand(context, 'partnerCenter.signOut', async () => {
    const who = session.current?.label;
    await session.signOut();
    const note = session.method === 'vscode' ? vscode.l10n.t('To remove the account from VS Code too, use the Accounts menu.') : '';
    const done = who ? vscode.l10n.t('Signed out of Partner Center ({0}).', who) : vscode.l10n.t('Signed out of Partner Center.');
    void vscode.window.showInformationMessage(note ? `${done} ${note}` : done);
  });
}

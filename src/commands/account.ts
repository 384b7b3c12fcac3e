// Sign In, Sign Out, Switch Account.
import * as vscode from 'vscode';
import { plainText } from '../partnerCenter/safeText';
import { showInfo } from '../platform/notify';
import { parseSignInRequest } from '../partnerCenter';
import type { Session } from '../session';
import { registerCommand } from './wrap';

export function registerAccountCommands(context: vscode.ExtensionContext, session: Session): void {
  // The argument comes from an error's "Sign In" (see explain.ts and the tree's error rows).
  registerCommand(context, 'partnerCenter.signIn', async (request?: unknown) => {
    const account = await session.signIn(parseSignInRequest(request));
    void showInfo(vscode.l10n.t('Signed in to Partner Center as {0}.', plainText(account.label)));
  });
  registerCommand(context, 'partnerCenter.switchAccount', async () => {
    const account = await session.signIn({ switchAccount: true });
    void showInfo(vscode.l10n.t('Signed in to Partner Center as {0}.', plainText(account.label)));
  });
  registerCommand(context, 'partnerCenter.signOut', async () => {
    const who = session.current?.label;
    await session.signOut();
    const note = session.method === 'vscode' ? vscode.l10n.t('To remove the account from VS Code too, use the Accounts menu.') : '';
    const done = who ? vscode.l10n.t('Signed out of Partner Center ({0}).', plainText(who)) : vscode.l10n.t('Signed out of Partner Center.');
    void showInfo(note ? `${done} ${note}` : done);
  });
}

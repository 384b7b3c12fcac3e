// The status bar item: which account and cloud are in use; click to sign in or switch.
import * as vscode from 'vscode';
import { pickerText, plainText } from '../partnerCenter/safeText';
import type { Session } from '../session';

export function createStatusBar(session: Session): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('partnerCenter.account', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Partner Center account');
  const update = () => {
    const account = session.current;
    if (account) {
      item.text = `$(account) ${vscode.l10n.t('Partner Center: {0}', pickerText(account.label))}`;
      item.tooltip = session.method === 'deviceCode'
        ? vscode.l10n.t('Signed in to {0} as {1} (device code). Click to switch account.', session.cloudLabel, plainText(account.label))
        : vscode.l10n.t('Signed in to {0} as {1} (VS Code account). Click to switch account.', session.cloudLabel, plainText(account.label));
      item.command = 'partnerCenter.switchAccount';
      item.accessibilityInformation = { label: vscode.l10n.t('Partner Center account {0}. Switch account.', plainText(account.label)) };
    } else {
      item.text = `$(account) ${vscode.l10n.t('Partner Center: Sign In')}`;
      item.tooltip = vscode.l10n.t('Sign in to {0}.', session.cloudLabel);
      item.command = 'partnerCenter.signIn';
      item.accessibilityInformation = { label: vscode.l10n.t('Partner Center: not signed in. Sign in.') };
    }
    item.show();
  };
  update();
  const sub = session.onDidChange(update);
  return vscode.Disposable.from(item, sub);
}

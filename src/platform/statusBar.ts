// The status bar item: which account and cloud are in use; click to sign in or switch.
import * as vscode from 'vscode';
import type { Session } from '../session';

export function createStatusBar(session: Session): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('partnerCenter.account', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Partner Center account';
  const update = () => {
    const account = session.current;
    if (account) {
      item.text = `$(account) Partner Center: ${account.label}`;
      item.tooltip = `Signed in to ${session.cloudLabel} as ${account.label} (${session.method === 'deviceCode' ? 'device code' : 'VS Code account'}). Click to switch account.`;
      item.command = 'partnerCenter.switchAccount';
      item.accessibilityInformation = { label: `Partner Center account ${account.label}. Switch account.` };
    } else {
      item.text = '$(account) Partner Center: Sign In';
      item.tooltip = `Sign in to ${session.cloudLabel}.`;
      item.command = 'partnerCenter.signIn';
      item.accessibilityInformation = { label: 'Partner Center: not signed in. Sign in.' };
    }
    item.show();
  };
  update();
  const sub = session.onDidChange(update);
  return vscode.Disposable.from(item, sub);
}

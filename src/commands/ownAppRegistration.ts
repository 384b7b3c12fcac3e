// Partner Center: Use Your Own App Registration… — for tenants that refuse VS Code's own app
// (AADSTS65002, 65001, 700016): what to register and where, then the client ID and tenant (written
// to the user's settings, never a workspace's), then a new sign-in with them.
import * as vscode from 'vscode';
import { plainText } from '../partnerCenter/safeText';
import { showInfo, showWarning } from '../platform/notify';
import {
  clientIdProblem, ENTRA_APP_REGISTRATIONS_URL, PARTNER_CENTER_APP_MANAGEMENT_URL, registrationSteps, tenantProblem,
} from '../auth/appRegistration';
import type { Session } from '../session';
import { registerCommand } from './wrap';

export function registerOwnAppRegistration(context: vscode.ExtensionContext, session: Session): void {
  registerCommand(context, 'partnerCenter.useOwnAppRegistration', async () => {
    await explainRegistration();
    const config = vscode.workspace.getConfiguration('partnerCenter');
    const clientId = await ask({
      step: 1, value: config.inspect<string>('clientId')?.globalValue ?? '', check: clientIdProblem,
      prompt: vscode.l10n.t('The Application (client) ID of your app registration (leave empty to use VS Code\'s own app again)'), placeHolder: '00000000-0000-0000-0000-000000000000',
    });
    if (clientId === '') {
      await config.update('clientId', undefined, vscode.ConfigurationTarget.Global);
      await config.update('tenant', undefined, vscode.ConfigurationTarget.Global);
      await session.reloadSettings();
      const account = await session.signIn();
      void showInfo(vscode.l10n.t('Signed in to Partner Center as {0} with VS Code\'s own app registration.', plainText(account.label)));
      return;
    }
    const tenant = await ask({
      step: 2, value: config.inspect<string>('tenant')?.globalValue ?? '', check: tenantProblem,
      prompt: vscode.l10n.t('Your partner tenant: its Directory (tenant) ID or a domain'), placeHolder: 'contoso.onmicrosoft.com',
    });
    // User settings: an app registration belongs to the person, not to a repository.
    await config.update('clientId', clientId, vscode.ConfigurationTarget.Global);
    await config.update('tenant', tenant, vscode.ConfigurationTarget.Global);
    warnIfOverridden();
    await session.reloadSettings();
    const account = await session.signIn();
    void showInfo(vscode.l10n.t('Signed in to Partner Center as {0} with your app registration ({1}).', plainText(account.label), plainText(clientId)));
  });
}

/** The modal with what to register and where; "Open …" opens the page and comes back. */
async function explainRegistration(): Promise<void> {
  const enter = vscode.l10n.t('Enter Client ID…');
  const entra = vscode.l10n.t('Open Entra Admin Center');
  const partnerCenter = vscode.l10n.t('Open App Management');
  for (;;) {
    const choice = await showInfo(
      vscode.l10n.t('Use your own app registration for Partner Center'),
      { modal: true, detail: registrationSteps() },
      enter, entra, partnerCenter,
    );
    if (choice === enter) return;
    if (choice === undefined) throw new vscode.CancellationError();
    await vscode.env.openExternal(vscode.Uri.parse(choice === entra ? ENTRA_APP_REGISTRATIONS_URL : PARTNER_CENTER_APP_MANAGEMENT_URL));
  }
}

async function ask(o: { step: number; value: string; prompt: string; placeHolder: string; check: (v: string) => string | undefined }): Promise<string> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Your app registration ({0}/2)', o.step),
    prompt: o.prompt,
    placeHolder: o.placeHolder,
    value: o.value,
    ignoreFocusOut: true,
    validateInput: (v) => o.check(v),
  });
  if (value === undefined) throw new vscode.CancellationError();
  return value.trim();
}

/** A workspace value wins over the user's: say so rather than sign in with the wrong app. */
function warnIfOverridden(): void {
  const config = vscode.workspace.getConfiguration('partnerCenter');
  const overridden = ['clientId', 'tenant'].filter((key) => {
    const i = config.inspect<string>(key);
    return i?.workspaceValue !== undefined || i?.workspaceFolderValue !== undefined;
  });
  if (overridden.length === 0) return;
  void showWarning(vscode.l10n.t('This workspace sets {0} too, and its value is used instead of yours. Remove it from the workspace settings.', overridden.map((k) => `partnerCenter.${k}`).join(', ')));
}

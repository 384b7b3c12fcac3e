// "Use your own app registration": what to register, where, and the checks on what the user types.
// Plain code (no vscode), so unit tests use it; the command is src/commands/ownAppRegistration.ts.
import * as l10n from '@vscode/l10n';
import { isGuid } from '../partnerCenter';

/** The Partner Center API's application id (Entra: "Microsoft Partner Center"). */
export const PARTNER_CENTER_API_APP_ID = 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd';
/** Entra admin center → App registrations. */
export const ENTRA_APP_REGISTRATIONS_URL = 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade';
/** Partner Center → Account settings → App management. */
export const PARTNER_CENTER_APP_MANAGEMENT_URL = 'https://partner.microsoft.com/dashboard/account/v3/appmanagement';
/**
 * Where VS Code's Microsoft sign-in returns to with a custom client id: the loopback address for
 * desktop VS Code, vscode.dev's redirect page for VS Code in a browser and remotes.
 */
export const REDIRECT_URIS = ['http://localhost', 'https://vscode.dev/redirect'] as const;

/** The steps, one per line, for the dialog's detail text. */
export function registrationSteps(): string {
  return [
    l10n.t('1. Where: the Microsoft Entra admin center (App registrations → New registration), signed in to your partner tenant; or Partner Center → Account settings → App management → Add new web app.'),
    l10n.t('2. What: a public client. Under Authentication add the "Mobile and desktop applications" platform with the redirect URIs {0}, and set "Allow public client flows" to Yes (for device-code sign-in).', REDIRECT_URIS.join(', ')),
    l10n.t('3. Permission: API permissions → Add a permission → APIs my organization uses → Microsoft Partner Center ({0}) → Delegated → user_impersonation.', PARTNER_CENTER_API_APP_ID),
    l10n.t('4. Consent: an admin selects "Grant admin consent" for your tenant.'),
    l10n.t('5. Copy the Application (client) ID and the Directory (tenant) ID from the app\'s Overview, then choose Enter Client ID.'),
  ].join('\n');
}

/** Why the text is not an application (client) ID, or undefined when it is one (or empty: VS Code's own app). */
export function clientIdProblem(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (!isGuid(v)) return l10n.t('A client ID is a GUID such as 00000000-0000-0000-0000-000000000000.');
  return undefined;
}

const domain = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Why the text is not a tenant (a directory ID or a verified domain), or undefined when it is one. */
export function tenantProblem(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return l10n.t('Enter your partner tenant: its Directory (tenant) ID or a domain such as contoso.onmicrosoft.com.');
  if (isGuid(v) || domain.test(v)) return undefined;
  return l10n.t('A tenant is a Directory (tenant) ID (a GUID) or a domain such as contoso.onmicrosoft.com.');
}

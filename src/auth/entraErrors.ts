// Entra (Microsoft sign-in) refusals a partner meets in the first minutes with a real tenant, each as
// one plain sentence and the next step. The AADSTS code is read from the error's text: VS Code's
// Microsoft provider and msal-node both pass Entra's description ("AADSTS65002: …") on. Plain code.
import * as l10n from '@vscode/l10n';

/** What helps: your own app registration, a sign-in with MFA, or your admin (Conditional Access). */
export type EntraNextStep = 'ownAppRegistration' | 'signInWithMfa' | 'setUpMfa' | 'askAdmin';

export interface EntraRefusal {
  code: number;
  /** One plain sentence and the next step. */
  message: string;
  next: EntraNextStep;
}

/** Where an MFA method is registered (Microsoft's short link to My Sign-Ins security info). */
export const MFA_SETUP_URL = 'https://aka.ms/mfasetup';

/** The AADSTS code in an error's text, if there is one. */
export function aadstsCode(err: unknown): number | undefined {
  const text = err instanceof Error ? `${err.message} ${(err as { errorMessage?: unknown }).errorMessage ?? ''}` : typeof err === 'string' ? err : '';
  const match = /\bAADSTS(\d{5,6})\b/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function entraRefusal(err: unknown): EntraRefusal | undefined {
  const code = aadstsCode(err);
  switch (code) {
    case 65002: return {
      code, next: 'ownAppRegistration',
      message: l10n.t('Your organization does not let VS Code\'s own app sign in to Partner Center (AADSTS65002: the app is not pre-authorised for the Partner Center API). Use your own app registration instead.'),
    };
    case 65001: return {
      code, next: 'ownAppRegistration',
      message: l10n.t('Nobody has consented to this app using Partner Center in your tenant (AADSTS65001). Use your own app registration and have an admin grant consent to it.'),
    };
    case 700016: return {
      code, next: 'ownAppRegistration',
      message: l10n.t('Your tenant does not know this app registration (AADSTS700016: unknown client ID). Check the client ID and tenant, or set up your own app registration.'),
    };
    case 53003: return {
      code, next: 'askAdmin',
      message: l10n.t('Your organization\'s Conditional Access policies blocked this sign-in (AADSTS53003). Ask your Entra admin which policy applies (Copy Details has the error for them), or sign in from a device and network the policy allows.'),
    };
    case 50076: return {
      code, next: 'signInWithMfa',
      message: l10n.t('Your organization requires multi-factor authentication for this sign-in (AADSTS50076). Sign in again and complete the MFA prompt.'),
    };
    case 50079: return {
      code, next: 'setUpMfa',
      message: l10n.t('Your organization requires you to register a multi-factor authentication method first (AADSTS50079). Set it up at {0}, then sign in again.', MFA_SETUP_URL),
    };
    default: return undefined;
  }
}

/**
 * Device-code sign-in against Microsoft without `partnerCenter.clientId`: msal-node needs an app
 * registration of the partner's own, so the next step is the same guided flow as for 65001/65002.
 */
export class MissingAppRegistrationError extends Error {
  override readonly name = 'MissingAppRegistrationError';
  readonly next: EntraNextStep = 'ownAppRegistration';
  constructor() {
    super(l10n.t('Device-code sign-in needs your own app registration: set up one with the Partner Center user_impersonation permission and enter its client ID ({0}).', 'partnerCenter.clientId'));
  }
}

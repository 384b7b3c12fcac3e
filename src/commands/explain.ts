// Turns any error into one clear sentence, a next step, and details a partner can paste into a
// support ticket (status, code, description, request and correlation ids — never tokens).
import * as vscode from 'vscode';
import { entraRefusal, MFA_SETUP_URL, MissingAppRegistrationError, type EntraNextStep } from '../auth/entraErrors';
import { details, documentedError, isPartnerCenterError, MFA_CLAIMS, signInRequestFor, toUserMessage, type NextAction } from '../partnerCenter';
import { plainText } from '../partnerCenter/safeText';
import type { ExplainedError } from './wrap';

export function explainError(err: unknown): ExplainedError {
  if (isPartnerCenterError(err)) {
    const serviceSays = err.description && err.status !== undefined && (err.kind === 'validation' || err.kind === 'nce' || err.kind === 'notFound')
      ? ` ${vscode.l10n.t('Partner Center says: “{0}”', plainText(err.description))}` : '';
    const explained: ExplainedError = { kind: err.kind, userMessage: `${toUserMessage(err)}${serviceSays}`, details: details(err) };
    const signIn = signInRequestFor(err);
    if (signIn) explained.action = { title: vscode.l10n.t('Sign In'), command: 'partnerCenter.signIn', args: [signIn] };
    if (err.kind === 'forbidden') explained.action = { title: vscode.l10n.t('Switch Account'), command: 'partnerCenter.switchAccount' };
    if (err.kind === 'network') explained.action = { title: vscode.l10n.t('Proxy Settings'), command: 'workbench.action.openSettings', args: ['http.proxy'] };
    const documented = documentedError(err)?.action;
    if (documented) explained.action = documentedAction(documented, explained.action);
    return explained;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof MissingAppRegistrationError) {
    return { kind: 'appRegistrationMissing', userMessage: message, details: `${err.name}: ${message}`, action: nextStepAction(err.next) };
  }
  const refusal = entraRefusal(err);
  if (refusal) {
    const explained: ExplainedError = { kind: 'signInRefused', userMessage: refusal.message, details: `Sign-in refused by Microsoft Entra (AADSTS${refusal.code})\n${message}` };
    const action = nextStepAction(refusal.next);
    if (action) explained.action = action;
    return explained;
  }
  if (/endpoints_resolution_error|ENOTFOUND|ECONNREFUSED|certificate/i.test(message)) {
    return { kind: 'network', userMessage: vscode.l10n.t('The sign-in service could not be reached ({0}). Check your network, proxy and the partnerCenter.cloud setting.', plainText(message.split('\n')[0])), details: message };
  }
  return { kind: 'unexpected', userMessage: message || vscode.l10n.t('Something went wrong.'), details: err instanceof Error ? `${err.name}: ${err.message}` : message };
}

/** The button that is the next step for a sign-in that cannot happen (Conditional Access has none: Copy Details). */
function nextStepAction(next: EntraNextStep): ExplainedError['action'] {
  switch (next) {
    case 'ownAppRegistration': return { title: vscode.l10n.t('Use Your Own App Registration'), command: 'partnerCenter.useOwnAppRegistration' };
    case 'signInWithMfa': return { title: vscode.l10n.t('Sign In'), command: 'partnerCenter.signIn', args: [{ claims: MFA_CLAIMS }] };
    case 'setUpMfa': return { title: vscode.l10n.t('Set Up MFA'), command: 'vscode.open', args: [vscode.Uri.parse(MFA_SETUP_URL)] };
    case 'askAdmin': return undefined;
  }
}

/** The button for a documented error's next step (the sentence already names it). */
function documentedAction(action: NextAction, current: ExplainedError['action']): ExplainedError['action'] {
  switch (action) {
    case 'refresh': return { title: vscode.l10n.t('Refresh'), command: 'partnerCenter.refresh' };
    case 'switchAccount': return { title: vscode.l10n.t('Switch Account'), command: 'partnerCenter.switchAccount' };
    case 'pickReseller': return { title: vscode.l10n.t('Refresh Resellers'), command: 'partnerCenter.refreshResellers' };
    case 'signIn': return current;
  }
}

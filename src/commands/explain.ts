// Turns any error into one clear sentence, a next step, and details a partner can paste into a
// support ticket (status, code, description, request and correlation ids — never tokens).
import { details, isPartnerCenterError, toUserMessage } from '../partnerCenter';
import type { ExplainedError } from './wrap';

export function explainError(err: unknown): ExplainedError {
  if (isPartnerCenterError(err)) {
    const serviceSays = err.description && err.status !== undefined && (err.kind === 'validation' || err.kind === 'nce' || err.kind === 'notFound')
      ? ` Partner Center says: “${err.description}”` : '';
    const explained: ExplainedError = { kind: err.kind, userMessage: `${toUserMessage(err)}${serviceSays}`, details: details(err) };
    if (err.kind === 'auth' || err.kind === 'mfaRequired') explained.action = { title: 'Sign In', command: 'partnerCenter.signIn' };
    if (err.kind === 'forbidden') explained.action = { title: 'Switch Account', command: 'partnerCenter.switchAccount' };
    if (err.kind === 'network') explained.action = { title: 'Proxy Settings', command: 'workbench.action.openSettings', args: ['http.proxy'] };
    return explained;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/endpoints_resolution_error|ENOTFOUND|ECONNREFUSED|certificate/i.test(message)) {
    return { kind: 'network', userMessage: `The sign-in service could not be reached (${message.split('\n')[0]}). Check your network, proxy and the partnerCenter.cloud setting.`, details: message };
  }
  return { kind: 'unexpected', userMessage: message || 'Something went wrong.', details: err instanceof Error ? `${err.name}: ${err.message}` : message };
}

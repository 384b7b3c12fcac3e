// The host's sentences about the domain, written once (the webview page has its own string table).
// Plain Node: @vscode/l10n, loaded with the extension's bundle at activation.
import * as l10n from '@vscode/l10n';
import { changeBlocker, type ContactFields } from './rules';
import { plainText } from './safeText';

/**
 * "Contoso Ltd (MPN ID 4391507)", "you (the indirect provider), …", or "no support contact". `shown`
 * is the sink's rule for the service text (safeText.ts; plain text by default, markdownText in a document).
 */
export function describeContact(c: ContactFields | null | undefined, shown: (s: string) => string = plainText): string {
  if (c?.indirectProvider) return l10n.t('you (the indirect provider), {0} (MPN ID {1})', shown(c.name), shown(c.supportMpnId));
  return c ? l10n.t('{0} (MPN ID {1})', shown(c.name), shown(c.supportMpnId)) : l10n.t('no support contact');
}

/** Why a subscription's support contact cannot be changed, or undefined when it can. */
export function notEditableReason(s: { offerId: string; productType?: { id?: string }; status: string; rawStatus?: string }): string | undefined {
  const blocker = changeBlocker(s);
  if (blocker === 'nce') return l10n.t('New Commerce (NCE) subscription: Partner Center does not support changing its support contact through this API.');
  if (blocker === 'notActive') return l10n.t('The subscription is {0}: only active subscriptions can change their support contact.', plainText(s.rawStatus ?? s.status));
  return undefined;
}

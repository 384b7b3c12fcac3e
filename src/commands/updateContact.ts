// "Partner Center: Update Support Contact…" — the full keyboard path: customer → subscription →
// reseller → confirm (old → new) → progress → a result that names what changed.
import * as vscode from 'vscode';
import type { SupportContact } from '../partnerCenter';
import type { Session } from '../session';
import { customerName, subscriptionName } from '../partnerCenter';
import { recordSupportContactChange } from './changeRecorder';
import { newCorrelationId, pickCustomer, pickReseller, pickSubscription } from './pickers';
import { isCancellation } from './wrap';

export interface UpdateHooks {
  onDidUpdate(customerId: string, subscriptionId: string): void;
  showInTree(customerId: string, subscriptionId: string): Promise<void>;
}

function describe(c: SupportContact | null): string {
  return c ? vscode.l10n.t('{0} (MPN ID {1})', c.name, c.supportMpnId) : vscode.l10n.t('no support contact');
}

export async function updateSupportContactFlow(session: Session, hooks: UpdateHooks): Promise<void> {
  await session.client(); // signed out: fails here with "Sign In" as the next step
  const correlationId = newCorrelationId();
  const customer = await pickCustomer(session, correlationId, { step: 1, totalSteps: 3 });
  const subscription = await pickSubscription(session, customer, correlationId, { step: 2, totalSteps: 3 });
  const current = await session.call((c) => c.getSupportContact(customer.id, subscription.id, { correlationId }));
  const reseller = await pickReseller(session, correlationId, current, { step: 3, totalSteps: 3 });
  const target: SupportContact = { supportTenantId: reseller.id, supportMpnId: reseller.mpnId, name: reseller.name };
  const subName = subscriptionName(subscription);
  const update = vscode.l10n.t('Update');
  const confirm = await vscode.window.showWarningMessage(
    vscode.l10n.t('Change the support contact of "{0}"?', subName),
    { modal: true, detail: `${vscode.l10n.t('Customer: {0}', customerName(customer))}\n\n${describe(current)}\n→ ${describe(target)}` },
    update,
  );
  if (confirm !== update) throw new vscode.CancellationError();
  const requestId = newCorrelationId(); // a fresh GUID: the MS-RequestId of every attempt, kept in the change log
  const logged = { account: session.current?.label ?? '', customerId: customer.id, customerName: customerName(customer), subscriptionId: subscription.id,
    subscriptionName: subName, old: current, new: target, requestId, correlationId };
  const saved = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Updating the support contact of "{0}"…', subName), cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return session.call((c) => c.updateSupportContact(customer.id, subscription.id, target, {
        correlationId,
        signal: abort.signal,
        onRetryWait: (info) => progress.report({
          message: info.reason === 'throttled' ? vscode.l10n.t('Partner Center is throttling requests — waiting {0} s…', Math.ceil(info.seconds)) : vscode.l10n.t('Retrying in {0} s…', Math.ceil(info.seconds)),
        }),
      }, { knownSubscription: subscription, requestId }));
    },
  ).then(
    async (contact) => { await recordSupportContactChange({ ...logged, new: contact }); return contact; },
    async (err: unknown) => { if (!isCancellation(err)) await recordSupportContactChange({ ...logged, error: err }); throw err; },
  );
  hooks.onDidUpdate(customer.id, subscription.id);
  const show = vscode.l10n.t('Show in Tree');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Support contact of "{0}" ({1}) is now {2}.', subName, customerName(customer), describe(saved)), show);
  if (choice === show) await hooks.showInTree(customer.id, subscription.id);
}

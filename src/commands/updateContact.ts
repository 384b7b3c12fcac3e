// "Partner Center: Update Support Contact…" — the full keyboard path: customer → subscription →
// reseller → confirm (old → new) → the change (re-read, PUT, History) with progress → a result that
// names what changed.
import * as vscode from 'vscode';
import { showInfo, showWarning } from '../platform/notify';
import { changeSupportContact, type ChangeOutcome, type ChangeServices } from '../change';
import { customerName, describeContact, subscriptionName, type Customer, type Subscription, type SupportContact } from '../partnerCenter';
import type { Session } from '../session';
import { newCorrelationId, pickCustomer, pickReseller, pickSubscription } from './pickers';
import { withCancellableProgress } from './progress';
import { plainText } from '../partnerCenter/safeText';

export interface UpdateHooks {
  showInTree(customerId: string, subscriptionId: string): Promise<void>;
}

interface Chosen { customer: Customer; subscription: Subscription; current: SupportContact | null; contact: SupportContact }

export async function updateSupportContactFlow(session: Session, changes: ChangeServices, hooks: UpdateHooks): Promise<void> {
  await session.client(); // signed out: fails here with "Sign In" as the next step
  const correlationId = newCorrelationId();
  const chosen = await choose(session, correlationId);
  await confirm(chosen);
  const { customer, subscription, current, contact } = chosen;
  const outcome = await withCancellableProgress(vscode.l10n.t('Updating the support contact of "{0}"…', plainText(subscriptionName(subscription))), ({ signal, onRetryWait }) =>
    changeSupportContact(session, {
      target: { customerId: customer.id, subscriptionId: subscription.id, customerName: customerName(customer), subscriptionName: subscriptionName(subscription), knownSubscription: subscription },
      contact, expected: current,
    }, { account: session.current?.label ?? '', source: 'single', changeLog: changes.changeLog, events: changes.events, ctx: { correlationId, signal, onRetryWait } }));
  await showOutcome(chosen, outcome, hooks);
}

async function choose(session: Session, correlationId: string): Promise<Chosen> {
  const customer = await pickCustomer(session, correlationId, { step: 1, totalSteps: 3 });
  const subscription = await pickSubscription(session, customer, correlationId, { step: 2, totalSteps: 3 });
  const current = await session.call((c) => c.getSupportContact(customer.id, subscription.id, { correlationId }));
  const reseller = await pickReseller(session, correlationId, current, { step: 3, totalSteps: 3 });
  return { customer, subscription, current, contact: { supportTenantId: reseller.id, supportMpnId: reseller.mpnId, name: reseller.name } };
}

async function confirm({ customer, subscription, current, contact }: Chosen): Promise<void> {
  const update = vscode.l10n.t('Update');
  const answer = await showWarning(
    vscode.l10n.t('Change the support contact of "{0}"?', plainText(subscriptionName(subscription))),
    { modal: true, detail: `${vscode.l10n.t('Customer: {0}', plainText(customerName(customer)))}\n\n${describeContact(current)}\n→ ${describeContact(contact)}` },
    update,
  );
  if (answer !== update) throw new vscode.CancellationError();
}

async function showOutcome({ customer, subscription, current }: Chosen, outcome: ChangeOutcome, hooks: UpdateHooks): Promise<void> {
  const subName = subscriptionName(subscription);
  if (outcome.status === 'conflict' || outcome.status === 'stopped') {
    void showWarning(vscode.l10n.t('Nothing was changed: the support contact of "{0}" changed while you chose (it was {1}, it is now {2}). Run the command again to change it.',
      plainText(subName), describeContact(current), describeContact(outcome.current)));
    return;
  }
  const now = outcome.status === 'changed' ? outcome.contact : outcome.current;
  const show = vscode.l10n.t('Show in Tree');
  const text = outcome.status === 'changed' && !outcome.confirmed
    ? vscode.l10n.t('Partner Center accepted the change but did not confirm what it stored; the support contact of "{0}" ({1}) now shows {2}.', plainText(subName), plainText(customerName(customer)), describeContact(now))
    : vscode.l10n.t('Support contact of "{0}" ({1}) is now {2}.', plainText(subName), plainText(customerName(customer)), describeContact(now));
  const choice = await showInfo(text, show);
  if (choice === show) await hooks.showInTree(customer.id, subscription.id);
}

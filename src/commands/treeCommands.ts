// Commands of the Customers view, one function each: refresh, search, paging, retry, copy id, open
// in the dashboard, show a support contact. What a command was invoked on comes from ./args.
import * as vscode from 'vscode';
import { plainText } from '../partnerCenter/safeText';
import { showInfo } from '../platform/notify';
import type { CustomerSearchField } from '../partnerCenter';
import type { Session } from '../session';
import { customerName, describeContact, subscriptionName } from '../partnerCenter';
import type { CustomersView } from '../tree/view';
import { customerNodeArg, customerNodesFromArgs } from './args';
import { newCorrelationId, pickCustomer, pickSubscription } from './pickers';
import { registerCommand } from './wrap';

const DASHBOARD = 'https://partner.microsoft.com/dashboard/v2/customers';

export function registerTreeCommands(context: vscode.ExtensionContext, session: Session, tree: CustomersView): void {
  registerCommand(context, 'partnerCenter.refresh', (node?: unknown) => refresh(session, tree, node));
  registerCommand(context, 'partnerCenter.loadMore', () => tree.provider.loadMore());
  registerCommand(context, 'partnerCenter.retryNode', (kind?: unknown, key?: unknown) => tree.provider.retry(kind, key));
  registerCommand(context, 'partnerCenter.searchCustomers', () => searchCustomers(session, tree));
  registerCommand(context, 'partnerCenter.clearSearch', () => clearSearch(tree));
  registerCommand(context, 'partnerCenter.copyId', (node?: unknown, selection?: unknown) => copyId(tree, node, selection));
  registerCommand(context, 'partnerCenter.openInDashboard', (node?: unknown) => openInDashboard(session, tree, node));
  registerCommand(context, 'partnerCenter.showSupportContact', (node?: unknown) => showSupportContact(session, tree, node));
}

/** One row and below, or everything (then the reseller list is read again too). */
function refresh(session: Session, tree: CustomersView, arg: unknown): void {
  const node = customerNodeArg(arg);
  tree.provider.refresh(node);
  if (!node) void session.client().then((c) => c.listIndirectResellers({}, { refresh: true })).catch(() => undefined);
}

async function searchCustomers(session: Session, tree: CustomersView): Promise<void> {
  await session.client();
  const fields: (vscode.QuickPickItem & { field: CustomerSearchField })[] = [
    { label: vscode.l10n.t('Company name'), description: vscode.l10n.t('starts with'), field: 'CompanyName' },
    { label: vscode.l10n.t('Domain'), description: vscode.l10n.t('starts with'), field: 'Domain' },
  ];
  const field = await vscode.window.showQuickPick(fields, { title: vscode.l10n.t('Search customers by'), placeHolder: vscode.l10n.t('Company name or domain') });
  if (!field) return;
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Search customers: {0} starts with…', plainText(field.label.toLowerCase())),
    value: tree.provider.searchText ?? '',
    prompt: vscode.l10n.t('Partner Center searches on the server; case is ignored.'),
    validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter the first letters to search for.') : v.length > 256 ? vscode.l10n.t('Use 256 characters or fewer.') : undefined),
  });
  if (text === undefined) return;
  tree.provider.setSearch({ text: text.trim(), field: field.field });
  tree.describe();
}

function clearSearch(tree: CustomersView): void {
  tree.provider.setSearch(undefined);
  tree.describe();
}

async function copyId(tree: CustomersView, node: unknown, selection: unknown): Promise<void> {
  const nodes = customerNodesFromArgs(node, selection, tree.view.selection);
  const ids = nodes.map((n) => n.subscription?.id ?? n.customer?.id).filter((id): id is string => !!id);
  if (ids.length === 0) throw new Error(vscode.l10n.t('Select a customer or subscription in the Customers view first.'));
  await vscode.env.clipboard.writeText(ids.join('\n'));
  const what = nodes[0]?.subscription ? 'subscription' : 'customer';
  void showInfo(ids.length !== 1 ? vscode.l10n.t('Copied {0} IDs.', ids.length) : what === 'subscription' ? vscode.l10n.t('Copied subscription ID {0}', plainText(ids[0])) : vscode.l10n.t('Copied customer ID {0}', plainText(ids[0])));
}

async function openInDashboard(session: Session, tree: CustomersView, node: unknown): Promise<void> {
  let customerId = (customerNodeArg(node) ?? tree.view.selection[0])?.customerId;
  if (!customerId) customerId = (await pickCustomer(session, newCorrelationId())).id;
  await vscode.env.openExternal(vscode.Uri.parse(`${DASHBOARD}/${encodeURIComponent(customerId)}/subscriptions`));
}

/** A subscription row: reveal it; from the palette: pick one, say its contact, offer to show it in the tree. */
async function showSupportContact(session: Session, tree: CustomersView, arg: unknown): Promise<void> {
  const node = customerNodeArg(arg);
  if (node?.subscription && node.customerId) {
    await tree.reveal(node.customerId, node.subscription.id);
    return;
  }
  const correlationId = newCorrelationId();
  const customer = await pickCustomer(session, correlationId, { step: 1, totalSteps: 2 });
  const subscription = await pickSubscription(session, customer, correlationId, { step: 2, totalSteps: 2 });
  const contact = await session.call((c) => c.getSupportContact(customer.id, subscription.id, { correlationId }));
  // One owner for the contact's words (text.ts): the indirect provider itself reads "you (the indirect provider), …".
  const text = contact
    ? vscode.l10n.t('"{0}" ({1}): support contact {2}, tenant {3}.', plainText(subscriptionName(subscription)), plainText(customerName(customer)), describeContact(contact), plainText(contact.supportTenantId))
    : vscode.l10n.t('"{0}" ({1}) has no support contact.', plainText(subscriptionName(subscription)), plainText(customerName(customer)));
  const show = vscode.l10n.t('Show in Tree');
  if ((await showInfo(text, show)) === show) await tree.reveal(customer.id, subscription.id, customerName(customer));
}

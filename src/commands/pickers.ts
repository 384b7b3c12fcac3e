// Quick picks shared by the palette flows: customers (server-side search as you type), a customer's
// subscriptions (NCE and inactive ones shown with the reason, not selectable), the partner's resellers.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { showWarning } from '../platform/notify';
import { customerName, notEditableReason, toUserMessage, type Customer, type ResellerRelationship, type Subscription } from '../partnerCenter';
import { pickerText as p } from '../partnerCenter/safeText';
import type { Session } from '../session';
import { blockedText, customerRow, noMatchRow, resellerRow, subscriptionRow, type PickerRow } from './pickerItems';

interface Item<T> extends vscode.QuickPickItem, PickerRow {
  value?: T;
}

function cancelled(): vscode.CancellationError {
  return new vscode.CancellationError();
}

type LoadItems<T> = (text: string, signal: AbortSignal) => Promise<Item<T>[]>;
interface PickOptions { searchAsYouType?: boolean; step?: number; totalSteps?: number }

/** A quick pick whose items come from the service; resolves with the accepted value. */
function pick<T>(title: string, placeholder: string, load: LoadItems<T>, options: PickOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const qp = vscode.window.createQuickPick<Item<T>>();
    Object.assign(qp, { title, placeholder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true, step: options.step, totalSteps: options.totalSteps });
    const loader = itemLoader(qp, load);
    const typing = options.searchAsYouType ? searchAsYouType(qp, loader) : undefined;
    let settled = false;
    qp.onDidAccept(() => {
      const chosen = acceptable(qp.selectedItems[0]);
      if (!chosen) return;
      settled = true;
      resolve(chosen.value as T);
      qp.hide();
    });
    qp.onDidHide(() => {
      loader.cancel();
      typing?.cancel();
      qp.dispose();
      if (!settled) reject(cancelled());
    });
    qp.show();
    loader.run('');
  });
}

interface ItemLoader { run(text: string): void; cancel(): void }

/** Loads the items for a text into the pick; a newer load (or hiding the pick) cancels the one before. */
function itemLoader<T>(qp: vscode.QuickPick<Item<T>>, load: LoadItems<T>): ItemLoader {
  let abort = new AbortController();
  const show = (signal: AbortSignal, items: Item<T>[]): void => {
    if (signal.aborted) return;
    qp.items = items;
    qp.busy = false;
  };
  return {
    run(text) {
      abort.abort();
      abort = new AbortController();
      const signal = abort.signal;
      qp.busy = true;
      load(text, signal).then(
        (items) => show(signal, items.length ? items : [{ ...noMatchRow(text), alwaysShow: true }]),
        (err: unknown) => show(signal, [{ label: `$(error) ${vscode.l10n.t('Could not load from Partner Center')}`, detail: p(toUserMessage(err)), blockedReason: 'error', alwaysShow: true }]),
      );
    },
    cancel: () => abort.abort(),
  };
}

/**
 * Server-side search: the service filters, 250 ms after the last key; items come back with
 * alwaysShow so VS Code's own filtering on the label does not hide a match on the domain.
 */
function searchAsYouType<T>(qp: vscode.QuickPick<Item<T>>, loader: ItemLoader): { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  qp.onDidChangeValue((text) => {
    clearTimeout(timer);
    timer = setTimeout(() => loader.run(text.trim()), 250);
  });
  return { cancel: () => clearTimeout(timer) };
}

/** The accepted item when it can be chosen; a blocked one (NCE, inactive) says why instead. */
function acceptable<T>(chosen: Item<T> | undefined): Item<T> | undefined {
  if (!chosen?.blockedReason) return chosen;
  if (chosen.blockedReason !== 'empty' && chosen.blockedReason !== 'error') void showWarning(blockedText(chosen));
  return undefined;
}

export function pickCustomer(session: Session, correlationId: string, steps?: { step: number; totalSteps: number }): Promise<Customer> {
  return pick<Customer>(vscode.l10n.t('Choose a customer'), vscode.l10n.t('Type to search customers by company name (or domain)'), async (text, signal) => {
    const client = await session.client();
    const ctx = { correlationId, signal };
    const pages = text ? client.searchCustomers(text, 'CompanyName', { pageSize: 50 }, ctx) : client.listCustomers({ pageSize: 50 }, ctx);
    let page = (await pages.next()).value;
    let customers = page ? page.items : [];
    if (text && customers.length === 0) {
      page = (await client.searchCustomers(text, 'Domain', { pageSize: 50 }, ctx).next()).value;
      customers = page ? page.items : [];
    }
    await pages.return(undefined);
    return customers.map((c) => ({ ...customerRow(c), value: c, alwaysShow: true }));
  }, { searchAsYouType: true, ...steps });
}

export function pickSubscription(session: Session, customer: Customer, correlationId: string, steps?: { step: number; totalSteps: number }): Promise<Subscription> {
  return pick<Subscription>(vscode.l10n.t('Choose a subscription of {0}', p(customerName(customer))), vscode.l10n.t('Subscriptions whose support contact can be changed'), async (_text, signal) => {
    const subs = await session.call((client) => client.listSubscriptions(customer.id, { correlationId, signal }));
    const editable = subs.filter((s) => !notEditableReason(s));
    const blocked = subs.filter((s) => notEditableReason(s));
    const toItem = (s: Subscription): Item<Subscription> => ({ ...subscriptionRow(s), value: s });
    return [
      ...editable.map(toItem),
      ...(blocked.length ? [{ label: vscode.l10n.t('Not supported by the API'), kind: vscode.QuickPickItemKind.Separator } as Item<Subscription>] : []),
      ...blocked.map(toItem),
    ];
  }, steps);
}

export function pickReseller(session: Session, correlationId: string, current: { supportTenantId: string } | null, steps?: { step: number; totalSteps: number }): Promise<ResellerRelationship> {
  return pick<ResellerRelationship>(vscode.l10n.t('Choose the new support contact'), vscode.l10n.t('Your active indirect resellers (name, MPN ID, tenant ID)'), async (_text, signal) => {
    const resellers = await session.call((client) => client.listIndirectResellers({ correlationId, signal }));
    return resellers.filter((r) => r.active).map((r) => ({ ...resellerRow(r, current), value: r }));
  }, steps);
}

export function newCorrelationId(): string {
  return randomUUID();
}

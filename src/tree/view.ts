// The Customers view: the tree view itself, its description (account · cloud · search) and message.
import * as vscode from 'vscode';
import { plainText } from '../partnerCenter/safeText';
import type { SupportContactEvents } from '../change';
import type { Session } from '../session';
import { CustomersProvider, type PcNode } from './customersProvider';
import { readSettings } from '../platform/config';
import { nodeIds } from './ids';

export class CustomersView implements vscode.Disposable {
  readonly provider: CustomersProvider;
  readonly view: vscode.TreeView<PcNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly session: Session, events: SupportContactEvents) {
    this.provider = new CustomersProvider(session, () => readSettings().pageSize);
    this.view = vscode.window.createTreeView('partnerCenter.customers', { treeDataProvider: this.provider, showCollapseAll: true, canSelectMany: true });
    this.provider.onMessage = (m) => (this.view.message = m);
    this.disposables.push(this.view, this.provider, session.onDidChange(() => {
      this.provider.reset();
      this.provider.refresh();
      this.describe();
    }));
    // After every change (editor, palette, Undo, bulk): that subscription's contact is read again.
    this.disposables.push(events.onDidChangeSupportContact((e) => this.provider.contactChanged(e.customerId, e.subscriptionId)));
    this.describe();
    // Restore a previous sign-in only once the view is actually shown.
    if (this.view.visible) void session.restore();
    this.disposables.push(this.view.onDidChangeVisibility((e) => e.visible && void session.restore()));
  }

  describe(): void {
    const account = this.session.current;
    const search = this.provider.searchText;
    this.view.description = account ? [plainText(account.label), search !== undefined ? `search: "${plainText(search)}"` : undefined].filter(Boolean).join(' · ') : undefined;
    void vscode.commands.executeCommand('setContext', 'partnerCenter.searching', search !== undefined);
  }

  /** Reveals (and selects) a subscription, loading its customer through a search when needed. */
  async reveal(customerId: string, subscriptionId: string, customerName?: string): Promise<void> {
    let customer = this.provider.findNode(nodeIds.customer(customerId));
    if (!customer && customerName) {
      this.provider.setSearch({ text: customerName, field: 'CompanyName' });
      this.describe();
      await this.provider.getChildren();
      customer = this.provider.findNode(nodeIds.customer(customerId));
    }
    if (!customer) throw new Error(vscode.l10n.t('That customer is not loaded in the Customers view. Search for it, then try again.'));
    await this.view.reveal(customer, { expand: true, focus: false, select: false });
    await this.provider.getChildren(customer);
    const sub = this.provider.findNode(nodeIds.subscription(customerId, subscriptionId));
    if (sub) await this.view.reveal(sub, { expand: true, focus: true, select: true });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

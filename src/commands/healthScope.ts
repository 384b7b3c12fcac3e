// "Run Support-Contact Health Check" asks what to read: resume the stopped scan, everything again,
// the customers read more than a day or a week ago, one reseller's customers, or one customer (quick
// picks over the stored inventory, their service text escaped by pickerItems; no request).
import * as vscode from 'vscode';
import type { LoadedInventory, ScanScope } from '../health/store';
import { inventoryCustomerRow, inventoryResellerRow } from './pickerItems';

const DAY_MS = 86_400_000;

type Choice = vscode.QuickPickItem & { scope?: ScanScope | 'resume' | 'reseller' | 'customer' };

/** What to scan. undefined: resume the stopped scan; null: the user closed the picker. */
export async function pickHealthScope(inv: LoadedInventory): Promise<ScanScope | undefined | null> {
  if (inv.customers.size === 0 && (!inv.scan || inv.scan.complete)) return { kind: 'all' };
  const picked = await vscode.window.showQuickPick(scopeChoices(inv), { title: vscode.l10n.t('Support-contact health check'), placeHolder: vscode.l10n.t('What should be read from Partner Center?') });
  if (!picked?.scope) return null;
  if (picked.scope === 'resume') return undefined;
  if (picked.scope === 'reseller') {
    const r = await vscode.window.showQuickPick(inv.resellers.map((x) => ({ ...inventoryResellerRow(x), reseller: x })), {
      title: vscode.l10n.t('Refresh the customers of which reseller?'), matchOnDescription: true, matchOnDetail: true,
    });
    return r ? { kind: 'reseller', resellerTenantId: r.reseller.id, resellerName: r.reseller.name } : null;
  }
  if (picked.scope === 'customer') {
    const c = await vscode.window.showQuickPick([...inv.customers.values()].map((x) => ({ ...inventoryCustomerRow(x), id: x.id })), {
      title: vscode.l10n.t('Refresh which customer?'), matchOnDescription: true,
    });
    return c ? { kind: 'customer', customerId: c.id } : null;
  }
  return picked.scope;
}

function scopeChoices(inv: LoadedInventory): Choice[] {
  const items: Choice[] = [];
  if (inv.scan && !inv.scan.complete) {
    items.push({ label: `$(debug-continue) ${vscode.l10n.t('Resume the stopped scan')}`, description: vscode.l10n.t('{0} customers read so far', inv.scan.done.size), scope: 'resume' });
  }
  items.push(
    { label: `$(refresh) ${vscode.l10n.t('Scan everything again')}`, description: vscode.l10n.t('{0} customers in the stored inventory', inv.customers.size), scope: { kind: 'all' } },
    { label: vscode.l10n.t('Refresh customers read more than a day ago'), scope: { kind: 'olderThan', before: new Date(Date.now() - DAY_MS).toISOString() } },
    { label: vscode.l10n.t('Refresh customers read more than a week ago'), scope: { kind: 'olderThan', before: new Date(Date.now() - 7 * DAY_MS).toISOString() } },
    { label: vscode.l10n.t('Refresh one reseller\'s customers…'), scope: 'reseller' },
    { label: vscode.l10n.t('Refresh one customer…'), scope: 'customer' },
  );
  return items;
}

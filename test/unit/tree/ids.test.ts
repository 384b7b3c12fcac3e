// Node ids and context values come from src/tree/ids.ts, and the context values are the ones
// package.json's `viewItem` menus match: which context-menu commands a row offers is what a user sees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Customer, ResellerRelationship, Subscription } from '../../../src/partnerCenter';
import { ContextValues, nodeIds, resellerNodeIds } from '../../../src/tree/ids';
import { contactView, customerView, emptyView, errorView, loadMoreView, clearSearchView, subscriptionView } from '../../../src/tree/nodes';
import { messageView, resellerCustomerView, resellerSubscriptionView, resellerView } from '../../../src/tree/resellerNodes';

const customer: Customer = { id: 'CCCC-1', companyProfile: { companyName: 'Fabrikam', domain: 'fabrikam.example' } };
const legacy: Subscription = { id: 'SSSS-1', offerId: '91fd106f-4b2c-4938-95ac-f54f74e9a239', friendlyName: 'Office 365 E1', status: 'active' };
const nce: Subscription = { ...legacy, offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971' };
const suspended: Subscription = { ...legacy, status: 'suspended' };
const reseller: ResellerRelationship = { id: 'RRRR-1', name: 'Wingtip', state: 'Active', active: true, mpnId: '4391507' };
const contact = { supportTenantId: 'RRRR-1', supportMpnId: '4391507', name: 'Wingtip' };

test('ids are built in one place, lower-cased, so a row keeps its id across refreshes and casing', () => {
  assert.equal(nodeIds.customer('CCCC-1'), 'customer:cccc-1');
  assert.equal(nodeIds.subscription('CCCC-1', 'SSSS-1'), 'subscription:cccc-1/ssss-1');
  assert.equal(nodeIds.contact(nodeIds.subscription('c', 's')), 'subscription:c/s/contact');
  assert.equal(resellerNodeIds.customer('RRRR-1', 'CCCC-1'), 'reseller:rrrr-1/customer:cccc-1');
  assert.equal(resellerNodeIds.subscription('R', 'C', 'S'), 'reseller:r/subscription:c/s');
  assert.equal(resellerNodeIds.served('R'), 'message:count:r');
  assert.notEqual(resellerNodeIds.noCustomers('R'), resellerNodeIds.served('R'));
  assert.notEqual(resellerNodeIds.noResellers(), resellerNodeIds.noCustomers('none'));
});

test('every row builder uses the id and context value ids.ts names for it', () => {
  const sub = subscriptionView('CCCC-1', legacy);
  const rows: [string, { id: string; contextValue: string }, string, string][] = [
    ['customer', customerView(customer), nodeIds.customer('cccc-1'), ContextValues.customer],
    ['legacy subscription', sub, nodeIds.subscription('cccc-1', 'ssss-1'), ContextValues.subscriptionLegacy],
    ['NCE subscription', subscriptionView('c', nce), nodeIds.subscription('c', legacy.id), ContextValues.subscriptionNce],
    ['suspended subscription', subscriptionView('c', suspended), nodeIds.subscription('c', legacy.id), ContextValues.subscriptionInactive],
    ['contact', contactView(sub.id, contact), nodeIds.contact(sub.id), ContextValues.contact],
    ['no contact', contactView(sub.id, null), nodeIds.contact(sub.id), ContextValues.contactNone],
    ['provider contact', contactView(sub.id, { ...contact, indirectProvider: true }), nodeIds.contact(sub.id), ContextValues.contactProvider],
    ['load more', loadMoreView(3), nodeIds.loadMore(), ContextValues.loadMore],
    ['clear search', clearSearchView('fab', 1, false), nodeIds.clearSearch(), ContextValues.clearSearch],
    ['empty', emptyView('k', 'None'), nodeIds.empty('k'), ContextValues.empty],
    ['error', errorView('k', 'x', { message: 'm' }, []), nodeIds.error('k'), ContextValues.error],
    ['reseller', resellerView(reseller), resellerNodeIds.reseller('rrrr-1'), ContextValues.reseller],
    ['inactive reseller', resellerView({ ...reseller, active: false }), resellerNodeIds.reseller('rrrr-1'), ContextValues.resellerInactive],
    ['reseller customer', resellerCustomerView(reseller, customer), resellerNodeIds.customer('rrrr-1', 'cccc-1'), ContextValues.resellerCustomer],
    ['reseller subscription', resellerSubscriptionView(reseller, 'CCCC-1', legacy, contact), resellerNodeIds.subscription('rrrr-1', 'cccc-1', 'ssss-1'), ContextValues.resellerSubscription],
    ['reseller message', messageView(resellerNodeIds.served('R'), '3 customers served'), 'message:count:r', ContextValues.resellerMessage],
  ];
  for (const [what, row, id, contextValue] of rows) {
    assert.equal(row.id, id, `${what}: id`);
    assert.equal(row.contextValue, contextValue, `${what}: context value`);
  }
});

/** package.json's view/item/context menus, evaluated for one view and context value (only the forms the manifest uses). */
function menuCommands(view: string, viewItem: string): string[] {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when: string; group?: string }[]> } };
  const matches = (clause: string): boolean => {
    const m = /^(view|viewItem) (==|=~) (.+)$/.exec(clause.trim());
    assert.ok(m, `a when clause this test does not understand: ${clause}`);
    const value = m[1] === 'view' ? view : viewItem;
    if (m[2] === '==') return value === m[3];
    const re = /^\/(.*)\/$/.exec(m[3]);
    assert.ok(re, `not a regex: ${m[3]}`);
    return new RegExp(re[1]).test(value);
  };
  const items = manifest.contributes.menus['view/item/context'].filter((i) => i.group !== 'inline');
  return [...new Set(items.filter((i) => i.when.split('&&').every(matches)).map((i) => i.command.replace(/^partnerCenter\./, '')))].sort();
}

test('the context menus each row offers (package.json `viewItem` clauses match the context values)', () => {
  const customers = (cv: string) => menuCommands('partnerCenter.customers', cv);
  const resellers = (cv: string) => menuCommands('partnerCenter.resellers', cv);
  const history = (cv: string) => menuCommands('partnerCenter.history', cv);
  assert.deepEqual(customers(ContextValues.customer), ['copyId', 'exportCsv', 'openInDashboard', 'reassignSupportContact', 'refresh']);
  assert.deepEqual(customers(ContextValues.subscriptionLegacy), ['copyId', 'editSupportContact', 'exportCsv', 'openInDashboard', 'reassignSupportContact', 'refresh']);
  for (const blocked of [ContextValues.subscriptionNce, ContextValues.subscriptionInactive]) {
    assert.deepEqual(customers(blocked), ['copyId', 'exportCsv', 'openInDashboard', 'refresh'], `${blocked}: no edit, no reassign`);
  }
  for (const c of [ContextValues.contact, ContextValues.contactNone, ContextValues.contactProvider]) assert.deepEqual(customers(c), ['reassignSupportContact'], c);
  for (const none of [ContextValues.loadMore, ContextValues.clearSearch, ContextValues.error, ContextValues.empty]) assert.deepEqual(customers(none), [], none);
  for (const r of [ContextValues.reseller, ContextValues.resellerInactive, ContextValues.resellerCustomer, ContextValues.resellerSubscription]) {
    assert.deepEqual(resellers(r), ['exportCsv', 'reassignSupportContact'], r);
  }
  for (const none of [ContextValues.resellerMessage, ContextValues.resellerError]) assert.deepEqual(resellers(none), [], none);
  assert.deepEqual(history(ContextValues.historyEntryUndoable), ['history.copyDetails', 'history.undo']);
  assert.deepEqual(history(ContextValues.historyEntry), ['history.copyDetails']);
  for (const group of [ContextValues.historyRun, ContextValues.historyDay]) assert.deepEqual(history(group), ['history.exportCsv'], group);
});

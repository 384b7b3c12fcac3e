// commands/args.ts: what a command was invoked on, from the arguments VS Code passes (a clicked row and
// the view's selection, a row's own arguments, or nothing from the palette).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  customerNodeArg, customerNodesFromArgs, historyRowArg, isHistoryRow, isPcNode, isResellerNode, resellerNodeArg, selected, treeNodesFromArgs,
} from '../../../src/commands/args';
import type { ResellerRelationship } from '../../../src/partnerCenter';
import type { PcNode } from '../../../src/tree/customersProvider';
import { customerView, subscriptionView } from '../../../src/tree/nodes';
import { messageView, resellerView, type ResellerNode } from '../../../src/tree/resellerNodes';

// The shapes the trees hand VS Code: a PcNode (class instance: view, parent, customer…), a ResellerNode, a HistoryRow.
const pc = (id: string, parent?: PcNode): PcNode => ({ view: customerView({ id, companyProfile: { companyName: id } }), parent, customerId: id, subscriptionId: undefined } as unknown as PcNode);
const customerA = pc('a');
const customerB = pc('b');
const customerC = pc('c');
const subRow = { view: subscriptionView('a', { id: 's', offerId: 'o', status: 'active' }), parent: customerA } as unknown as PcNode;
const r: ResellerRelationship = { id: 'r', name: 'Wingtip', state: 'Active', active: true, mpnId: '1' };
const resellerRow: ResellerNode = { kind: 'reseller', reseller: r, view: resellerView(r) };
const rootMessage: ResellerNode = { kind: 'message', view: messageView('message:none', 'No indirect resellers') };
const historyRow = { kind: 'entry', id: 'history:entry:1', entry: {}, undoable: true };

test('each tree\'s rows are told apart, and nothing else passes for one', () => {
  for (const n of [customerA, subRow]) assert.ok(isPcNode(n) && !isResellerNode(n) && !isHistoryRow(n));
  for (const n of [resellerRow, rootMessage]) assert.ok(isResellerNode(n) && !isPcNode(n) && !isHistoryRow(n));
  assert.ok(isHistoryRow(historyRow) && !isPcNode(historyRow) && !isResellerNode(historyRow));
  for (const junk of [undefined, null, 'customer:a', 42, [], {}, { view: {} }, { kind: 'reseller' }, { kind: 'bogus', view: {} }, vscodeUriLike()]) {
    assert.ok(!isPcNode(junk) && !isResellerNode(junk) && !isHistoryRow(junk), JSON.stringify(junk));
  }
});

function vscodeUriLike(): unknown {
  return { scheme: 'file', path: '/tmp/x.csv' };
}

test('a context-menu command acts on the whole selection when the clicked row is in it, else on the clicked row', () => {
  assert.deepEqual(selected(customerA, [customerA, customerB], isPcNode), [customerA, customerB]);
  assert.deepEqual(selected(customerC, [customerA, customerB], isPcNode), [customerC], 'clicked outside the selection');
  assert.deepEqual(selected(customerA, undefined, isPcNode), [customerA], 'an inline action: no selection');
  assert.deepEqual(selected(customerA, [customerA, resellerRow], isPcNode), [customerA], 'a selection of another kind of row is not used');
  assert.deepEqual(selected(customerA, [], isPcNode), [customerA]);
});

test('Customers-tree commands: the clicked rows, else the view\'s selection (palette)', () => {
  assert.deepEqual(customerNodesFromArgs(customerA, [customerA, subRow], []), [customerA, subRow]);
  assert.deepEqual(customerNodesFromArgs(undefined, undefined, [customerB]), [customerB]);
  assert.deepEqual(customerNodesFromArgs(resellerRow, undefined, [customerB]), [customerB], 'a Resellers row is not a Customers row');
  assert.equal(customerNodeArg(subRow), subRow);
  assert.equal(customerNodeArg('subscription:a/s'), undefined, 'an id string is not a row');
});

test('bulk commands: which tree the rows are from', () => {
  assert.deepEqual(treeNodesFromArgs(resellerRow, [resellerRow]), { tree: 'resellers', nodes: [resellerRow] });
  assert.deepEqual(treeNodesFromArgs(subRow, [customerA, subRow]), { tree: 'customers', nodes: [customerA, subRow] });
  assert.equal(treeNodesFromArgs(undefined, undefined), undefined, 'the palette');
  assert.equal(treeNodesFromArgs(historyRow, undefined), undefined);
});

test('the Resellers view\'s refresh gets the row that failed (or nothing: everything); the History view its row', () => {
  assert.equal(resellerNodeArg(resellerRow), resellerRow);
  assert.equal(resellerNodeArg(undefined), undefined);
  assert.equal(resellerNodeArg('reseller:r'), undefined, 'an id is not parsed');
  assert.equal(historyRowArg(historyRow), historyRow);
  assert.equal(historyRowArg(customerA), undefined);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanItem } from '../../../src/bulk';
import { journalRows, pace, planRow, stateUpdate } from '../../../src/webview/reassignModel';
import { parseReassignMessage } from '../../../src/webview/reassignValidate';
import type { PlanRow } from '../../../src/webview/shared/reassignProtocol';
import { buildLines, estimateSeconds, etaSeconds, totals } from '../../../src/webview/shared/reassignView';

const target = { supportTenantId: '11111111-1111-1111-1111-111111111111', supportMpnId: '4814515', name: 'Tailspin <b>Toys</b>' };
const item = (n: number, customer: string, over: Partial<PlanItem> = {}): PlanItem => ({
  customerId: `c-${customer}`, customerName: customer, subscriptionId: `s${n}`, subscriptionName: `Sub ${n}`, current: null, target, action: 'change', reasonText: '', ...over,
});

const items = [
  item(0, 'Fabrikam'), item(1, 'Contoso', { action: 'skip', reason: 'nce' }), item(2, 'Fabrikam', { subscriptionName: 'Alpha' }), item(3, 'Contoso'),
];
const rows = (): PlanRow[] => items.map(planRow);

test('the table groups by customer with counts, sorts by a column, filters by text and by what it shows', () => {
  const r = rows();
  const lines = buildLines(r, new Set([3]), { query: '', show: 'all', sort: 'customer', descending: false });
  // Customers by name; inside a group, the plan's order.
  assert.deepEqual(lines.map((l) => (l.kind === 'group' ? `[${l.customer} ${l.total}/${l.toChange}/${l.leftOut}]` : l.i)), ['[Contoso 2/0/1]', 1, 3, '[Fabrikam 2/2/0]', 0, 2]);
  const bySub = buildLines(r, new Set(), { query: '', show: 'all', sort: 'subscription', descending: false });
  assert.deepEqual(bySub.filter((l) => l.kind === 'row').map((l) => l.kind === 'row' && l.i), [2, 0, 1, 3]); // groups in the plan's order; Alpha before Sub 0 within Fabrikam
  assert.deepEqual(buildLines(r, new Set(), { query: 'alpha', show: 'all', sort: 'customer', descending: false }).map((l) => l.kind), ['group', 'row']);
  assert.deepEqual(buildLines(r, new Set([3]), { query: '', show: 'excluded', sort: 'customer', descending: false }).flatMap((l) => (l.kind === 'row' ? [l.i] : [])), [3]);
  assert.deepEqual(buildLines(r, new Set(), { query: '', show: 'skip', sort: 'customer', descending: false }).flatMap((l) => (l.kind === 'row' ? [l.i] : [])), [1]);
  assert.deepEqual(totals(r, new Set([3])), { toChange: 2, skipped: 1, leftOut: 1 });
});

test('rows carry service text as text, and the engine\'s events become the row states the panel shows', () => {
  const r = planRow(items[0], 0);
  assert.equal(r.next, 'Tailspin <b>Toys</b> (MPN ID 4814515)'); // rendered with textContent: no escaping artefacts
  assert.equal(planRow(items[1], 1).detail, 'NCE');
  assert.deepEqual(stateUpdate({ status: 'reading' }, items[0]), { state: 'reading', detail: '' });
  assert.deepEqual(stateUpdate({ status: 'skipped', requestId: 'r', reason: 'changedSincePreview', reasonText: 'Changed since the preview: now X' }, items[0]),
    { state: 'skipped', detail: 'Changed since the preview: now X' });
  assert.deepEqual(stateUpdate({ status: 'failed', requestId: 'r1', error: { kind: 'server', message: 'Server error', requestId: 'r2' } }, items[0]),
    { state: 'failed', detail: 'Server error', requestId: 'r2' });
  const resumed = journalRows(items, [{ status: 'changed', requestId: 'a' }, { status: 'skipped', requestId: 'b' }, { status: 'started', requestId: 'c' }, { status: 'pending', requestId: 'd' }]);
  assert.deepEqual(resumed.map((x) => x.state), ['changed', 'skip', 'queued', 'queued']);
});

test('the estimate is requests × pace after the burst; the ETA follows the pace so far', () => {
  const p = pace({ ratePerMinute: 480, burst: 10 });
  assert.equal(p.secondsPerChange, 0.25);
  assert.equal(p.burstChanges, 5);
  assert.equal(estimateSeconds(105, p.secondsPerChange, p.burstChanges), 25);
  assert.equal(estimateSeconds(3, p.secondsPerChange, p.burstChanges), 0);
  assert.equal(etaSeconds(10, 30, 5000, 1), 10);
  assert.equal(etaSeconds(0, 30, 0, 0.25), 7.5);
});

test('the panel accepts only the protocol\'s messages, with row indices inside the plan', () => {
  assert.deepEqual(parseReassignMessage({ type: 'exclude', indices: [0, 2], excluded: true }, 3), { type: 'exclude', indices: [0, 2], excluded: true });
  assert.deepEqual(parseReassignMessage({ type: 'apply', count: 2 }, 3), { type: 'apply', count: 2 });
  assert.deepEqual(parseReassignMessage({ type: 'pause' }, 3), { type: 'pause' });
  for (const bad of [
    { type: 'exclude', indices: [3], excluded: true }, { type: 'exclude', indices: [1.5], excluded: true }, { type: 'exclude', indices: '0', excluded: true },
    { type: 'exclude', indices: [0], excluded: 'yes' }, { type: 'apply', count: -1 }, { type: 'apply' }, { type: 'pause', extra: 1 },
    { type: 'showInTree', i: 7 }, { type: 'metrics', firstRenderMs: Number.NaN, updateMs: 0, rows: 1, updates: 0 }, { type: 'nope' }, null, 'pause',
    Object.create({ type: 'pause' }) as unknown,
  ]) assert.equal(parseReassignMessage(bad, 3), undefined, JSON.stringify(bad));
  const getter = { get type() { throw new Error('boom'); } };
  assert.equal(parseReassignMessage(getter, 3), undefined);
});

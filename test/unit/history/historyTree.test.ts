import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeLogEntry } from '../../../src/history/changeLog';
import { entriesOf, filterText, groupHistory, historyRowView, localDay, resellersIn } from '../../../src/history/historyTree';

const contoso = { supportTenantId: 'AAAAAAAA-0000-0000-0000-000000000001', supportMpnId: '100', name: 'Contoso' };
const fabrikam = { supportTenantId: 'bbbbbbbb-0000-0000-0000-000000000002', supportMpnId: '200', name: '<b>Fabrikam</b> & Sons' };
let n = 0;
const entry = (time: string, over: Partial<ChangeLogEntry> = {}): ChangeLogEntry => ({
  time, account: 'admin@partner.example', customerId: `c${++n}`, customerName: `Customer ${n}`, subscriptionId: `s${n}`, subscriptionName: `Sub ${n}`,
  old: contoso, new: fabrikam, requestId: `r${n}`, outcome: 'changed', source: 'single', ...over,
});

// Local noon, so the day does not depend on the machine's time zone.
const at = (day: number, hour = 12) => new Date(2026, 10, day, hour).toISOString();

test('history groups by day (newest first), a bulk run under one row, single changes and undos on their own', () => {
  const entries = [ // newest first, as ChangeLog.read gives them
    entry(at(25, 15), { source: 'undo', old: fabrikam, new: contoso }),
    entry(at(25, 14), { source: 'bulk', runId: 'run-1' }),
    entry(at(25, 13), { source: 'bulk', runId: 'run-1', outcome: 'failed', error: { kind: 'server', message: '503' } }),
    entry(at(25, 12), { source: 'bulk', runId: 'run-1' }),
    entry(at(24)),
  ];
  const days = groupHistory(entries);
  assert.deepEqual(days.map((d) => d.day), [localDay(at(25)), localDay(at(24))]);
  const [today, before] = days;
  assert.deepEqual(today.children.map((c) => c.kind), ['entry', 'run']);
  const run = today.children[1];
  assert.ok(run.kind === 'run');
  assert.equal(run.entries.length, 3);
  assert.equal(run.changed, 2);
  assert.equal(run.failed, 1);
  assert.equal(today.count, 4);
  assert.equal(before.children.length, 1);
  assert.equal(entriesOf(today).length, 4);

  const now = new Date(2026, 10, 25, 18);
  assert.equal(historyRowView(today, now).label, 'Today');
  assert.equal(historyRowView(before, now).label, 'Yesterday');
  assert.match(historyRowView(run, now).label, /Bulk run → <b>Fabrikam<\/b> & Sons/); // plain text, shown as is
  assert.match(historyRowView(run, now).description, /2 changed, 1 failed · admin@partner\.example/);
  const undo = historyRowView(today.children[0], now);
  assert.match(undo.label, /^Sub \d+ — Customer \d+$/);
  assert.equal(undo.description, '<b>Fabrikam</b> & Sons → Contoso · undone · admin@partner.example');
  assert.match(undo.accessibilityLabel, /to Contoso, undone, by admin@partner\.example/);
});

test('the filter keeps a customer, a reseller (old or new contact) or an outcome; undo is offered only where it can work', () => {
  const entries = [
    entry(at(25), { customerName: 'Northwind Traders', old: null }),
    entry(at(25), { customerName: 'Adventure Works', outcome: 'failed' }),
    entry(at(25), { customerName: 'Adventure Works', old: fabrikam, new: contoso }),
  ];
  const count = (f: Parameters<typeof groupHistory>[1]) => groupHistory(entries, f).reduce((s, d) => s + d.count, 0);
  assert.equal(count({ customer: 'adventure' }), 2);
  assert.equal(count({ outcome: 'failed' }), 1);
  assert.equal(count({ reseller: { id: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Contoso' } }), 2); // tenant ids compared case-insensitively
  assert.equal(count({ customer: 'adventure', outcome: 'changed' }), 1);
  assert.equal(count({ customer: 'nobody' }), 0);
  assert.equal(filterText({ customer: 'adv', outcome: 'failed' }), 'customer “adv” · failed');
  assert.deepEqual(resellersIn(entries).map((r) => r.name), ['<b>Fabrikam</b> & Sons', 'Contoso']);
  const rows = groupHistory(entries)[0].children;
  // No old contact (cannot be removed) and a failed change: no Undo.
  assert.deepEqual(rows.map((r) => r.kind === 'entry' && r.undoable), [false, false, true]);
});

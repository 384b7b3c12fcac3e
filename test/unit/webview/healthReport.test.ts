// The Health Check Report as a user would notice it: the findings table groups, sorts, filters and
// counts the selection; the host accepts only messages about findings it sent; the snapshot carries
// the summary's counts and each finding's suggested contact; the exports keep every finding and
// guard spreadsheet formulas.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from '../../../src/bulk/csv';
import { findingsCsv, findingsJson, inventoryCsv } from '../../../src/health/export';
import type { InventoryCustomer, InventoryReseller } from '../../../src/health/inventory';
import { applyContactChange } from '../../../src/health/inventory';
import { summarize } from '../../../src/health/summary';
import { findingKey, reportSnapshot } from '../../../src/webview/healthReportModel';
import { parseReportMessage } from '../../../src/webview/healthValidate';
import { buildReportLines, selectionCounts, topBars } from '../../../src/webview/shared/healthView';

const guid = (n: number) => `${String(n).padStart(8, '0')}-1111-4111-8111-111111111111`;
const resellers: InventoryReseller[] = [
  { id: guid(1), name: 'Tailspin Toys', mpnId: '100', state: 'Active', active: true },
  { id: guid(2), name: 'Wingtip Toys', mpnId: '200', state: 'Active', active: true },
  { id: guid(3), name: 'Old Reseller', mpnId: '300', state: 'Terminated', active: false },
];
const contactOf = (r: InventoryReseller) => ({ supportTenantId: r.id, supportMpnId: r.mpnId, name: r.name });
const customer = (n: number, name: string, subs: InventoryCustomer['subscriptions']): InventoryCustomer => ({ id: guid(100 + n), name, read: `2026-12-0${n}T08:00:00.000Z`, subscriptions: subs });
const sub = (n: number, over: Partial<InventoryCustomer['subscriptions'][number]>): InventoryCustomer['subscriptions'][number] => ({
  id: guid(200 + n), name: `Sub ${n}`, offerId: 'O', status: 'active', nce: false, ...over,
});
const customers = [
  customer(1, 'Fabrikam', [sub(1, { partnerId: '100', contact: contactOf(resellers[1]) }), sub(2, { partnerId: '100', contact: contactOf(resellers[0]) }), sub(3, { contact: null })]),
  customer(2, '=Contoso', [sub(4, { contact: contactOf(resellers[2]) }), sub(5, { nce: true }), sub(6, { partnerId: '200', contact: contactOf(resellers[0]) })]),
];
const inventory = () => ({ customers: structuredClone(customers), resellers });

test('the snapshot has the summary\'s counts, one row per finding with its suggested contact, and the rule bars', () => {
  const s = summarize(inventory());
  const m = reportSnapshot(s, { account: 'admin@x', lastScan: '', scanning: false, progress: '', canFix: true }, new Set(['notCustomersReseller']));
  assert.equal(m.totals.findings, 4);
  assert.equal(m.totals.nce, 1);
  assert.equal(m.totals.healthy, 1);
  assert.equal(m.rows.length, 4);
  const byKey = new Map(m.rows.map((r) => [r.key, r]));
  const wrong = byKey.get(findingKey(guid(101), guid(201)));
  assert.equal(wrong?.ruleTitle, 'Not the partner of record');
  assert.equal(wrong?.suggestion, 'Tailspin Toys (MPN ID 100)');
  assert.equal(wrong?.fixable, true);
  assert.equal(wrong?.read, '2026-12-01T08:00:00.000Z');
  assert.equal(byKey.get(findingKey(guid(101), guid(203)))?.fixable, false, 'no reseller to suggest: the partner chooses');
  assert.deepEqual(m.byRule.map((b) => b.id), ['noDesignatedReseller', 'resellerNotInList', 'resellerNotActive', 'notPartnerOfRecord'], 'a switched-off rule is not offered');
});

test('the table groups by customer or by the current contact, filters, sorts and counts the selection', () => {
  const rows = reportSnapshot(summarize(inventory()), { account: '', lastScan: '', scanning: false, progress: '', canFix: true }, new Set()).rows;
  assert.deepEqual(rows.map((r) => `${r.customer} ${r.subscription}`), ['=Contoso Sub 4', '=Contoso Sub 6', 'Fabrikam Sub 1', 'Fabrikam Sub 3'], 'the rows come in the table\'s default order');
  const sel = new Set([rows.find((r) => r.customer === 'Fabrikam')?.key ?? '']);
  const byCustomer = buildReportLines(rows, sel, { query: '', rule: '', sort: 'customer', descending: false, groupBy: 'customer' });
  assert.deepEqual(byCustomer.filter((l) => l.kind === 'group').map((l) => l.kind === 'group' && `${l.label} ${l.total}/${l.selected}`), ['=Contoso 2/0', 'Fabrikam 2/1']);
  const byReseller = buildReportLines(rows, sel, { query: '', rule: '', sort: 'customer', descending: false, groupBy: 'reseller' });
  assert.deepEqual(byReseller.filter((l) => l.kind === 'group').map((l) => l.kind === 'group' && l.label), ['No support contact', 'Old Reseller', 'Tailspin Toys', 'Wingtip Toys']);
  const onlyRule = buildReportLines(rows, sel, { query: '', rule: 'notPartnerOfRecord', sort: 'customer', descending: false, groupBy: 'customer' });
  assert.equal(onlyRule.filter((l) => l.kind === 'row').length, 2);
  const text = buildReportLines(rows, sel, { query: 'wingtip', rule: '', sort: 'customer', descending: false, groupBy: 'customer' });
  assert.equal(text.filter((l) => l.kind === 'row').length, 2, 'the current contact, and the sentence (sold by Wingtip)');
  const byRead = buildReportLines(rows, sel, { query: '', rule: '', sort: 'read', descending: true, groupBy: 'reseller' });
  assert.ok(byRead.length === 8);
  const all = new Set(rows.map((r) => r.key));
  assert.deepEqual(selectionCounts(rows, all), { fixable: 2, notFixable: 2 }, 'no partner of record or customer reseller: nothing to suggest');
});

test('the chart keeps the largest bars and sums the rest', () => {
  const bars = [{ label: 'a', count: 5 }, { label: 'b', count: 1 }, { label: 'c', count: 3 }, { label: 'd', count: 2 }, { label: 'z', count: 0 }];
  assert.deepEqual(topBars(bars, 3, 'others'), [{ label: 'a', count: 5 }, { label: 'c', count: 3 }, { label: 'others', count: 3 }]);
  assert.deepEqual(topBars(bars, 4, 'others').map((b) => b.label), ['a', 'c', 'd', 'b']);
});

test('the host accepts only messages about the findings it sent', () => {
  const known = new Set(['c/s1', 'c/s2']);
  const has = (k: string) => known.has(k);
  assert.deepEqual(parseReportMessage({ type: 'fix', keys: ['c/s1'] }, has), { type: 'fix', keys: ['c/s1'] });
  assert.equal(parseReportMessage({ type: 'fix', keys: ['c/s3'] }, has), undefined, 'a finding the host did not send');
  assert.equal(parseReportMessage({ type: 'fix', keys: ['c/s1', 'c/s1'] }, has), undefined, 'twice');
  assert.equal(parseReportMessage({ type: 'fix', keys: [] }, has), undefined);
  assert.equal(parseReportMessage({ type: 'fix', keys: 'c/s1' }, has), undefined);
  assert.deepEqual(parseReportMessage({ type: 'export', what: 'inventory', format: 'json' }, has), { type: 'export', what: 'inventory', format: 'json' });
  assert.equal(parseReportMessage({ type: 'export', what: 'secrets', format: 'json' }, has), undefined);
  assert.equal(parseReportMessage({ type: 'runScan', extra: 1 }, has), undefined);
  assert.equal(parseReportMessage({ type: 'showInTree', key: 'c/s9' }, has), undefined);
  assert.equal(parseReportMessage({ type: 'metrics', firstRenderMs: -5, rows: 1 }, has), undefined);
  const getter = { type: 'ready', get extra() { throw new Error('x'); } };
  assert.equal(parseReportMessage(getter, has), undefined);
});

test('exports: every finding and every subscription, formulas guarded', () => {
  const inv = inventory();
  const s = summarize(inv);
  const rows = parseCsv(findingsCsv(s.findings));
  assert.equal(rows.length, 1 + s.findings.length);
  assert.ok(rows.slice(1).every((r) => !r[0].startsWith('=')), 'a name starting with = is not a formula');
  assert.equal(JSON.parse(findingsJson(s.findings)).length, s.findings.length);
  const all = parseCsv(inventoryCsv(inv.customers));
  assert.equal(all.length, 1 + 6);
  assert.deepEqual(all[0].slice(-3), ['Contact read', 'Error', 'Read']);
});

test('a contact changed through the extension updates the stored subscription, so its finding goes', () => {
  const inv = inventory();
  const map = new Map(inv.customers.map((c) => [c.id.toLowerCase(), c]));
  const before = summarize({ customers: map, resellers }).findings.length;
  assert.ok(applyContactChange(map, guid(101).toUpperCase(), guid(201), contactOf(resellers[0])));
  assert.equal(summarize({ customers: map, resellers }).findings.length, before - 1);
  assert.equal(applyContactChange(map, guid(101), guid(299), null), false);
});

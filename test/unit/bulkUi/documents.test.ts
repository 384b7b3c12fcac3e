import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BulkResult, PlanItem, ReassignmentPlan } from '../../../src/bulk';
import { cell, previewMarkdown, progressText, reportMarkdown, resultSummary, skippedText, summarizePlan } from '../../../src/commands/bulkDocuments';
import type { ResellerRelationship, Subscription } from '../../../src/partnerCenter';
import { resellerView, sortResellers, supportedBy } from '../../../src/tree/resellerNodes';

const target = { supportTenantId: '11111111-1111-1111-1111-111111111111', supportMpnId: '4814515', name: 'Tailspin Toys' };
const item = (n: number, over: Partial<PlanItem>): PlanItem => ({
  customerId: `c${n}`, customerName: `Customer ${n}`, subscriptionId: `s${n}`, subscriptionName: `Sub ${n}`,
  current: null, target, action: 'change', reasonText: '', ...over,
});

test('a Markdown cell stays one line and cannot break the table', () => {
  assert.equal(cell('a | b\nc'), 'a \\| b c');
  assert.equal(cell(''), ' ');
  // Markup, links and images in service data stay text, in the editor and in Markdown preview.
  assert.equal(cell('<b>Fabrikam</b> & Sons'), '\\<b\\>Fabrikam\\</b\\> \\& Sons');
  // A bare link is escaped too (a preview or the editor would link it by itself).
  assert.equal(cell('![x](https://e.example/p.png) [y](command:z)'), '\\!\\[x\\](https\\:/\\/e.example/p.png) \\[y\\](command\\:z)');
});

test('the preview counts changes and skips by reason, changes listed first', () => {
  const plan: ReassignmentPlan = {
    created: '2026-11-25T00:00:00Z', target,
    items: [
      item(1, { action: 'skip', reason: 'nce', reasonText: 'New Commerce' }),
      item(2, {}),
      item(3, { action: 'skip', reason: 'alreadySet', reasonText: 'already Tailspin Toys', current: target }),
      item(4, { customerName: 'Pipe | Co' }),
    ],
  };
  const s = summarizePlan(plan);
  assert.deepEqual(s, { change: 2, skip: 2, byReason: { nce: 1, alreadySet: 1 } });
  assert.equal(skippedText(s), '2 skipped (already set 1, NCE 1)');
  const md = previewMarkdown(plan, { source: 'test' });
  const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
  assert.deepEqual(rows.map((r) => r.split(' | ')[0]), ['| 2', '| 4', '| 3', '| 1']);
  assert.ok(md.includes('Pipe \\| Co'), 'a pipe in a company name must be escaped');
});

test('reseller view: active resellers first, then by name; the contact match ignores GUID case', () => {
  const r = (name: string, active: boolean, id = name): ResellerRelationship => ({ id, name, state: active ? 'Active' : 'Inactive', active, mpnId: '1' });
  assert.deepEqual(sortResellers([r('b', false), r('c', true), r('a', true)]).map((x) => x.name), ['a', 'c', 'b']);
  const reseller = r('Tailspin', true, 'ABCDEF12-0000-0000-0000-000000000001');
  const subs: Subscription[] = [
    { id: 'S1', offerId: '91fd106f-4b2c-4938-95ac-f54f74e9a239', status: 'active' },
    { id: 'S2', offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', status: 'active' },
  ];
  const contact = { supportTenantId: 'abcdef12-0000-0000-0000-000000000001', supportMpnId: '1', name: 'Tailspin' };
  const found = supportedBy(reseller, subs, new Map([['s1', contact], ['s2', contact]]));
  assert.deepEqual(found.map((f) => f.subscription.id), ['S1'], 'NCE subscriptions are never listed; case must not matter');
  assert.match(resellerView(reseller, 4).description ?? '', /4 customers/);
});

const someone = { supportTenantId: '22222222-2222-2222-2222-222222222222', supportMpnId: '5550001', name: 'Someone Else' };
const previewed = { supportTenantId: '33333333-3333-3333-3333-333333333333', supportMpnId: '5550002', name: 'Old Reseller' };
function result(over: Partial<BulkResult>): BulkResult {
  return {
    runId: 'run-1', journalFile: 'j', account: 'admin@contoso.example', target, complete: true, cancelled: false,
    counts: { done: 0, changed: 0, skipped: 0, failed: 0, total: 0, changeItems: 0 }, changed: [], skipped: [], failed: [], notRun: [], ...over,
  };
}

test('progress counts run-time skips as handled: the bar reaches its end and says how many were skipped', () => {
  // 10 items, 3 skipped by the preview, 7 to change: 4 changed, 2 skipped when re-read, 1 failed.
  assert.equal(progressText({ done: 3 + 7, changed: 4, skipped: 3 + 2, failed: 1, total: 10, changeItems: 7 }), '7 of 7 · 4 changed · 2 skipped · 1 failed');
  assert.equal(progressText({ done: 3 + 2, changed: 2, skipped: 3, failed: 0, total: 10, changeItems: 7 }), '2 of 7 · 2 changed');
});

test('the summary and the report name what changed since the preview, and keep the ids of a 5xx that may have been applied', () => {
  const stale = { index: 0, item: item(1, { current: previewed }), reason: 'changedSincePreview' as const, reasonText: 'Changed since the preview: now Someone Else (5550001), the preview showed Old Reseller (5550002).', current: someone };
  const r = result({
    counts: { done: 4, changed: 1, skipped: 1, failed: 2, total: 4, changeItems: 4 },
    changed: [{ index: 3, item: item(4, { current: previewed }), contact: target, previous: { ...previewed, name: 'Old Reseller (renamed)' }, requestId: 'put-4' }],
    skipped: [stale],
    failed: [
      { index: 1, item: item(2, {}), requestId: 'put-2', stage: 'put', error: { kind: 'service', status: 503, message: 'Partner Center had a problem (503)', requestId: 'put-2', correlationId: 'corr-9' } },
      { index: 2, item: item(3, {}), requestId: 'put-3', stage: 'put', error: { kind: 'validation', status: 409, message: 'The request was rejected (409)', requestId: 'put-3', correlationId: 'corr-9' } },
    ],
  });
  assert.equal(resultSummary(r), 'Support contact → Tailspin Toys: 1 changed, 1 skipped, 2 failed. 1 subscription changed since the preview and was left as it is.');
  assert.equal(resultSummary({ ...r, skipped: [stale, { ...stale, index: 5 }] }).endsWith('2 subscriptions changed since the preview and were left as they are.'), true);
  const md = reportMarkdown(r);
  assert.match(md, /1 of these may have been applied although Partner Center reported a failure/);
  const row = (id: string) => md.split('\n').find((l) => l.startsWith('|') && l.includes(id)) ?? '';
  assert.match(row('put-2'), /service 503: .*\| unknown: may have been applied \| put-2 \| corr-9 \|/);
  assert.match(row('put-3'), /\| not applied \| put-3 \| corr-9 \|/);
  assert.ok(md.includes('Changed since the preview: now Someone Else'), 'the skip reason is not in the report');
  // "Before" is the contact read just before the PUT, not the preview's.
  assert.match(row('put-4'), /Old Reseller \(renamed\)/);
});

test('the exported report escapes the target reseller\'s name in its summary line too (no link, no markup)', () => {
  const hostile = { ...target, name: '[Sign in again](command:workbench.action.terminal.sendSequence) <b>x</b>' };
  const md = reportMarkdown(result({ target: hostile }));
  const summary = md.split('\n').find((l) => l.startsWith('Support contact →')) ?? '';
  assert.ok(summary.includes('\\[Sign in again\\](command\\:workbench.action.terminal.sendSequence) \\<b\\>x\\</b\\>'), summary);
  assert.ok(!/(^|[^\\])\[Sign in again\]\(/.test(md), 'a link survived in the report');
});

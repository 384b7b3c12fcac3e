import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanItem, ReassignmentPlan } from '../../../src/bulk';
import { cell, previewMarkdown, skippedText, summarizePlan } from '../../../src/commands/bulkDocuments';
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
  assert.equal(cell('![x](https://e.example/p.png) [y](command:z)'), '\\!\\[x\\](https://e.example/p.png) \\[y\\](command:z)');
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

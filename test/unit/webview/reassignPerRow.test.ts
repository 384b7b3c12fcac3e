// The Reassignment panel with per-row targets (health-check fixes): the header, the tab title, the
// page's heading and confirmation, and the host's sentences say "each row's own" instead of naming
// the first row's reseller as if it were everyone's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BulkResult, PlanItem } from '../../../src/bulk';
import { panelTitle, reportMarkdown, resultSummary, targetName } from '../../../src/commands/bulkDocuments';
import { panelHeader, planRow } from '../../../src/webview/reassignModel';
import { reassignStringTable } from '../../../src/webview/reassignStringTable';
import type { InitMessage } from '../../../src/webview/shared/reassignProtocol';
import { startReassignPage } from './pageDom';

const tailspin = { supportTenantId: 'tid-tailspin', supportMpnId: '111', name: 'Tailspin Toys' };
const wingtip = { supportTenantId: 'tid-wingtip', supportMpnId: '222', name: 'Wingtip Toys' };
const item = (n: number, target: PlanItem['target']): PlanItem => ({
  customerId: `c${n}`, customerName: `Customer ${n}`, subscriptionId: `s${n}`, subscriptionName: `Sub ${n}`, current: null, target, action: 'change', reasonText: '',
});
const paced = { secondsPerChange: 0.25, burstChanges: 5 };

test('one new contact: the header, title and sentences name it', () => {
  const items = [item(0, tailspin), item(1, { ...tailspin, supportTenantId: 'TID-TAILSPIN' })];
  const h = panelHeader('a@b.example', items, tailspin, 'Contoso', paced);
  assert.equal(h.targets, 1);
  assert.equal(panelTitle(h), 'Reassign → Tailspin Toys');
  assert.equal(targetName(items, tailspin), 'Tailspin Toys');
});

test('rows with different new contacts: the header counts them and every text is in the per-row form', () => {
  const items = [item(0, tailspin), item(1, wingtip), item(2, tailspin)];
  const h = panelHeader('a@b.example', items, tailspin, 'Health check: 3 findings', paced);
  assert.equal(h.targets, 2);
  assert.equal(panelTitle(h), 'Reassign → each row\'s own contact (2 resellers)');
  assert.equal(targetName(items, tailspin), 'each row\'s own contact (2 resellers)');

  const result: BulkResult = {
    runId: 'r1', journalFile: 'j', account: 'a@b.example', target: tailspin, complete: true, cancelled: false,
    counts: { total: 3, changeItems: 3, done: 3, changed: 3, skipped: 0, failed: 0 },
    changed: items.map((it, index) => ({ index, item: it, contact: it.target, previous: null, requestId: `q${index}` })), skipped: [], failed: [], notRun: [],
  };
  assert.match(resultSummary(result), /^Support contact → each row's own contact \(2 resellers\): 3 changed/);
  const report = reportMarkdown(result);
  assert.ok(!report.includes('New support contact: Tailspin'), 'the report names the first row\'s reseller as everyone\'s');
  assert.match(report, /New support contacts: each row's own \(2 resellers/);

  const page = startReassignPage(JSON.stringify(reassignStringTable()));
  const init: InitMessage = { type: 'init', header: h, rows: items.map(planRow), excluded: [], phase: 'plan', resumed: false };
  page.receive(init);
  assert.equal(page.document.getElementById('heading')?.textContent, 'Reassign support contacts → each row\'s own new contact');
  const meta = page.document.documentElement.querySelectorAll('p').map((p) => p.textContent).join('\n');
  assert.match(meta, /New support contacts: each row's own, in the New contact column \(2 resellers\)/);
  assert.ok(!meta.includes('Tailspin'), 'the header names the first row\'s reseller');
  page.document.getElementById('apply')?.click();
  const question = page.document.documentElement.querySelectorAll('p').find((p) => p.getAttribute('class') === 'question');
  assert.equal(question?.textContent, 'Change the support contact of 3 subscription(s), each to the new contact in its row?');
});

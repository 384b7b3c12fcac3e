// The Reassignment panel's page, run under Node in the small DOM (pageDom.ts): service names with a
// right-to-left override cannot reorder what follows. Raw names (customer, subscription, the new
// contact in the header and the confirmation) are each in their own <bdi>; the host's plain text
// (the contacts and states in the grid, the source) carries its own U+2068 … U+2069 and gets no
// second isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlanItem } from '../../../src/bulk';
import { plainText } from '../../../src/partnerCenter/safeText';
import { planRow } from '../../../src/webview/reassignModel';
import { reassignStringTable } from '../../../src/webview/reassignStringTable';
import type { InitMessage } from '../../../src/webview/shared/reassignProtocol';
import { FakeElement, FakeText, startReassignPage } from './pageDom';

const evil = (s: string) => `${s}\u202eexe.txt`;

test('Reassignment page: each name with U+202E is isolated once — a <bdi> around a raw name, or the host\'s U+2068 … U+2069, never both', () => {
  const target = { supportTenantId: '11111111-1111-4111-8111-111111111111', supportMpnId: '4814515', name: evil('Tailspin') };
  const current = { supportTenantId: '22222222-2222-4222-8222-222222222222', supportMpnId: '4391507', name: evil('Bellows') };
  const items: PlanItem[] = [0, 1].map((n) => ({
    customerId: `c${n}`, customerName: evil(`Fabrikam ${n}`), subscriptionId: `s${n}`, subscriptionName: evil(`Office ${n}`), current, target, action: 'change', reasonText: '',
  }));
  const rawNames = [target.name, ...items.flatMap((i) => [i.customerName ?? '', i.subscriptionName])];
  const init: InitMessage = {
    type: 'init', rows: items.map(planRow), excluded: [], phase: 'plan', resumed: false,
    header: { account: 'a@b.example', target: target.name, targetMpnId: target.supportMpnId, targetTenantId: target.supportTenantId, source: plainText(evil('Contoso')), targets: 1, secondsPerChange: 0.25, burstChanges: 5 },
  };
  const page = startReassignPage(JSON.stringify(reassignStringTable()));
  page.receive(init);
  const root = page.document.documentElement;

  const check = (): void => {
    let seen = 0;
    const walk = (n: FakeElement, inBdi: FakeElement | undefined): void => {
      for (const c of n.childNodes) {
        if (c instanceof FakeElement) { walk(c, c.tagName === 'bdi' ? c : inBdi); continue; }
        if (!(c instanceof FakeText) || !c.data.includes('\u202e')) continue;
        seen++;
        const hostIsolated = /\u2068[^\u2069]*\u202e[^\u2069]*\u2069/.test(c.data);
        if (inBdi) {
          assert.ok(!hostIsolated, `isolated twice: ${JSON.stringify(c.data)}`);
          assert.equal(inBdi.textContent, c.data, `the <bdi> holds more than the name: ${JSON.stringify(inBdi.textContent)}`);
          assert.ok(rawNames.includes(c.data), `${JSON.stringify(c.data)} is not one of the names`);
        } else {
          assert.ok(hostIsolated, `not isolated: ${JSON.stringify(c.data)}`);
        }
      }
    };
    walk(root, undefined);
    assert.ok(seen > 0);
  };
  check();
  const bdis = root.querySelectorAll('bdi').map((b) => b.textContent);
  for (const n of rawNames) assert.ok(bdis.includes(n), `${JSON.stringify(n)} is not in a <bdi>`);
  const heading = page.document.getElementById('heading');
  assert.equal(heading?.textContent, `Reassign support contact → ${target.name}`);
  assert.ok(heading?.querySelectorAll('bdi').some((b) => b.textContent === target.name));
  // The confirmation names the new contact inside its sentence.
  const apply = page.document.getElementById('apply');
  assert.ok(apply);
  apply.click();
  const question = root.querySelectorAll('p').find((p) => p.getAttribute('class') === 'question');
  assert.ok(question && question.querySelectorAll('bdi').some((b) => b.textContent === target.name), 'the confirmation does not isolate the name');
  check();
});

test('Reassignment page: the estimate reads "under 1 s" for a plan within the throttle\'s burst, else the paced seconds', () => {
  const target = { supportTenantId: '11111111-1111-4111-8111-111111111111', supportMpnId: '4814515', name: 'Tailspin' };
  const estimateFor = (n: number): string => {
    const items: PlanItem[] = Array.from({ length: n }, (_, i) => ({
      customerId: `c${i}`, customerName: `Fabrikam ${i}`, subscriptionId: `s${i}`, subscriptionName: `Office ${i}`, current: null, target, action: 'change', reasonText: '',
    }));
    const page = startReassignPage(JSON.stringify(reassignStringTable()));
    page.receive({
      type: 'init', rows: items.map(planRow), excluded: [], phase: 'plan', resumed: false,
      header: { account: 'a@b.example', target: target.name, targetMpnId: target.supportMpnId, targetTenantId: target.supportTenantId, source: 'Contoso', targets: n, secondsPerChange: 0.25, burstChanges: 5 },
    } satisfies InitMessage);
    return page.document.getElementById('estimate')?.textContent ?? '';
  };
  assert.match(estimateFor(2), /^Estimated duration: under 1 s \(/);
  assert.match(estimateFor(105), /^Estimated duration: 25 s \(/);
});

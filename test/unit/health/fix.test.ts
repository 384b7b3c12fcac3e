// "Fix selected…": the report's findings become bulk plan targets, each with its own suggested
// reseller and no stored contact (the plan reads every contact again); findings with no suggestion
// come back apart so the caller can say they were left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixTargets } from '../../../src/health/fix';
import type { Finding } from '../../../src/health/rules';

const finding = (n: number, target?: Finding['target']): Finding => ({
  rule: target ? 'notPartnerOfRecord' : 'noDesignatedReseller', customerId: `c${n}`, customerName: `Customer ${n}`, subscriptionId: `s${n}`, subscriptionName: `Sub ${n}`,
  sentence: '', fix: '', ...(target ? { target } : {}), evidence: { contact: null, isProvider: false }, read: '2026-01-01T00:00:00.000Z',
});

test('each finding with a suggested contact becomes a plan target with that reseller and no known contact; the others are returned to name', () => {
  const tailspin = { supportTenantId: 'tid-tailspin', supportMpnId: '111', name: 'Tailspin Toys' };
  const wingtip = { supportTenantId: 'tid-wingtip', supportMpnId: '222', name: 'Wingtip Toys' };
  const { targets, needsChoice } = fixTargets([finding(1, tailspin), finding(2), finding(3, wingtip)]);
  assert.deepEqual(targets, [
    { customerId: 'c1', customerName: 'Customer 1', subscriptionId: 's1', reseller: { id: 'tid-tailspin', mpnId: '111' } },
    { customerId: 'c3', customerName: 'Customer 3', subscriptionId: 's3', reseller: { id: 'tid-wingtip', mpnId: '222' } },
  ]);
  assert.ok(targets.every((t) => !('knownContact' in t)), 'a stored contact would skip the re-read');
  assert.deepEqual(needsChoice.map((f) => f.subscriptionId), ['s2']);
});

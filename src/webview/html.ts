// The editor page's HTML: a strict CSP (nothing by default, the one script by a fresh crypto nonce,
// styles only from the webview's own source), a loading skeleton, the page's string table as inert
// JSON, and no service data — the page script fills everything in with textContent. No vscode
// import: the URIs, the language and the strings are passed in.
import { randomBytes } from 'node:crypto';
import { PAGE_STRING_KEYS, PAGE_STRINGS_ELEMENT_ID, type PageStrings } from './shared/pageStrings';

export interface EditorHtmlInput {
  /** webview.cspSource */
  cspSource: string;
  /** A fresh nonce per render (makeNonce()). */
  nonce: string;
  /** webview.asWebviewUri(...) of dist/webview/editor.js and media/editor.css, as strings. */
  scriptUri: string;
  styleUri: string;
  /** Shown until the data arrives (e.g. the subscription name when known); escaped. */
  title: string;
  /** The page's strings in the display language (pageStringTable()). */
  strings: PageStrings;
  /** VS Code's display language (vscode.env.language), e.g. `de` or `zh-cn`; `en` when absent or malformed. */
  lang?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The string table as JSON that is inert inside `<script type="application/json">`: `<`, `>`, `&`,
 * U+2028 and U+2029 are written as `\u003c`-style escapes, so no translation can close the element or start
 * markup, and JSON.parse gives back exactly the original strings.
 */
export function serializePageStrings(strings: PageStrings): string {
  return serializeStringTable(PAGE_STRING_KEYS, strings);
}

/** Any page's string table, inert inside `<script type="application/json">` (see serializePageStrings). */
export function serializeStringTable<K extends string>(keys: readonly K[], strings: Record<K, string>): string {
  const table: Record<string, string> = {};
  for (const key of keys) table[key] = strings[key];
  return JSON.stringify(table).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const languageTag = (lang: string | undefined): string => (lang && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : 'en');

export function buildEditorHtml(input: EditorHtmlInput): string {
  const { styleUri, ...rest } = input;
  return buildPageHtml({ ...rest, styleUris: [styleUri], stringsJson: serializePageStrings(input.strings), loadingText: input.strings.loadingSubscription });
}

/** A page's HTML (the editor's, the reassignment panel's): CSP, stylesheets (in this order), skeleton, its string table, its one script. */
export function buildPageHtml(input: Omit<EditorHtmlInput, 'strings' | 'styleUri'> & { styleUris: readonly string[]; stringsJson: string; loadingText: string }): string {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(input.nonce)) throw new Error('The nonce must be 16+ URL-safe characters.');
  // Attributes are double-quoted: escaping & < > " is enough, and keeps the CSP's 'quotes' readable.
  const attr = (v: string) => v.replace(/[&<>"]/g, (c) => entities[c]);
  const title = escapeHtml(input.title);
  return `<!DOCTYPE html>
<html lang="${languageTag(input.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${input.styleUris.map((uri) => `<link rel="stylesheet" href="${attr(uri)}">`).join('\n')}
<title>${title}</title>
</head>
<body>
<main id="app" aria-busy="true">
  <h1 id="heading">${title}</h1>
  <div id="skeleton" class="skeleton" aria-hidden="true">
    <div class="skeleton-line wide"></div>
    <div class="skeleton-line"></div>
    <div class="skeleton-line"></div>
    <div class="skeleton-block"></div>
  </div>
  <p id="loading" role="status">${escapeHtml(input.loadingText)}</p>
</main>
<script type="application/json" id="${PAGE_STRINGS_ELEMENT_ID}">${input.stringsJson}</script>
<script nonce="${attr(input.nonce)}" src="${attr(input.scriptUri)}"></script>
</body>
</html>`;
}

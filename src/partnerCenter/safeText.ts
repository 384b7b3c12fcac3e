// Service text (company, subscription and reseller names, error descriptions and codes) on its way to
// a person: one function per place it is shown, so a name can never become a link, markup, an icon or
// a right-to-left override that reorders what follows. Plain Node (no vscode): builders use it under
// test, and the VS Code layer's sinks (platform/notify.ts) apply the sink rule once more to the whole
// message.

/** Line breaks (C0, NEL, LS, PS) and tabs: a name is one line. */
const lineBreaks = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** The other C0/C1 controls and DEL: never shown, made visible as U+FFFD. */
const controls = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/** What asks for isolation: explicit bidi formatting, marks, zero-width and other invisible characters. */
const needsIsolation = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e\u034f\u115f\u1160\u3164\uffa0\ufff9-\ufffb]|[\u0000-\u001f\u007f-\u009f]/;
/** Explicit bidi embeddings, overrides and isolates. */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/;

export const FSI = '\u2068';
export const PDI = '\u2069';

/**
 * One line of plain text, safe to put into any message: line breaks and tabs become spaces, other
 * control characters U+FFFD, and a value with bidi overrides, zero-width or control characters is
 * wrapped in a first-strong isolate (U+2068 … U+2069) so it cannot reorder the text around it.
 */
export function plainText(value: string | undefined | null): string {
  const text = String(value ?? '');
  const oneLine = text.replace(lineBreaks, ' ');
  const line = balanced(oneLine.replace(controls, '\ufffd'), false);
  return needsIsolation.test(outsideIsolates(oneLine)) ? `${FSI}${line}${PDI}` : line;
}

/**
 * The same rule for text that stays multi-line (a tooltip, a modal dialog's detail): each line
 * through plainText().
 */
export function plainLines(value: string | undefined | null): string {
  return String(value ?? '').split(/\r\n|[\n\r\u0085\u2028\u2029]/).map(plainText).join('\n');
}

/**
 * A notification's (or a modal dialog's, or a progress title's) whole text. VS Code turns
 * `[label](command:…)`, `[label](https://…)` and `[label](file:…)` into links there and runs command
 * links on click; no such link survives (`](` becomes `] (`). Explicit bidi controls outside an
 * isolate made by plainText() become U+FFFD, so text that skipped plainText() still cannot reorder
 * what follows.
 */
export function notificationText(message: string): string {
  return balanced(message.replace(/\]\s*\(/g, '] ('), true);
}

/**
 * Service text in a quick pick's label, description or detail: plain text whose `$(name)` does not
 * render as an icon (`\$(` is VS Code's own escape).
 */
export function pickerText(value: string | undefined | null): string {
  return plainText(value).replace(/\$\(/g, '\\$(');
}

/**
 * Service text in a Markdown document (the bulk preview and report): one line, and every character
 * that could start markup, a link (also a bare `https://`, `//host` or `a@b` that a preview links by
 * itself), an image, code, math, a table cell or an entity is backslash-escaped.
 */
export function markdownText(value: string | undefined | null): string {
  return plainText(value)
    .replace(/[\\`*_[\]!|<>&~$]/g, (c) => `\\${c}`)
    .replace(/([A-Za-z0-9.+-]):(?=\S)/g, '$1\\:')
    .replace(/@/g, '\\@')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/\/(?=\/)/g, '/\\')
    .replace(/^[#=+-]/, '\\$&');
}


/** The text outside balanced isolates (what is inside one cannot reorder anything around it), so plainText() is idempotent. */
function outsideIsolates(text: string): string {
  let rest = balanced(text, false);
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/[\u2066-\u2068][^\u2066-\u2069]*\u2069/g, '');
  }
  return rest;
}

/**
 * Isolate initiators (U+2066–U+2068) and PDIs (U+2069) that do not pair up become U+FFFD, so no
 * isolate can be closed early or left open; with `outside`, so do embeddings and overrides
 * (U+202A–U+202E) outside every isolate (inside one, the isolate's PDI ends them).
 */
function balanced(text: string, outside: boolean): string {
  if (!bidiControls.test(text)) return text;
  const chars = Array.from(text);
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c >= '\u2066' && c <= '\u2068') open.push(i);
    else if (c === PDI && open.pop() === undefined) chars[i] = '\ufffd';
  }
  for (const i of open) chars[i] = '\ufffd';
  if (outside) {
    let depth = 0;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c >= '\u2066' && c <= '\u2068') depth++;
      else if (c === PDI) depth--;
      else if (depth === 0 && c >= '\u202a' && c <= '\u202e') chars[i] = '\ufffd';
    }
  }
  return chars.join('');
}

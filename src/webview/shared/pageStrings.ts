// The editor page's string table: which strings the page shows, and how a template is filled in.
// The host builds the table in the display language (pageStringTable.ts) and embeds it in the page's
// HTML (html.ts); the page reads it before its first paint (page/l10n.ts). Shared by the host and the
// page: no `vscode`, DOM or Node imports here.

/** Every string the page shows. Add a key here, then its English text in pageStringTable.ts. */
export const PAGE_STRING_KEYS = [
  // html.ts: shown until the host answers
  'loadingSubscription',
  // the summary
  'summaryLabel', 'customer', 'customerWithDomain', 'subscription', 'offer', 'status',
  'statusWithLicencesOne', 'statusWithLicencesOther', 'type', 'typeNce', 'typeLegacy', 'currentContact',
  // a contact
  'none', 'contactMeta', 'indirectProvider',
  // the NCE note
  'nceNoteTitle', 'nceNoteBody',
  // the form
  'formLabel', 'newContact', 'enterManually',
  'tenantIdLabel', 'mpnIdLabel', 'mpnIdPlaceholder', 'nameLabel', 'namePlaceholder',
  'tenantIdInvalid', 'mpnIdInvalid', 'nameInvalid',
  'hintFillFields', 'hintChooseReseller', 'hintNoMatch', 'hintUnchanged', 'hintMatches',
  'save', 'cancel', 'close', 'retry', 'copyDetails',
  // the reseller picker
  'resellerLabel', 'resellerPlaceholder', 'resellerListLabel', 'resellerCountOne', 'resellerCountOther', 'noResellerMatches',
  // status texts
  'loading', 'saving', 'saved', 'savedUnconfirmed', 'keptTheirs',
  // errors
  'loadErrorHeading', 'loadErrorTitle', 'saveErrorTitle', 'saveUnconfirmedTitle', 'httpStatus', 'errorCode', 'serviceSaid', 'requestId', 'correlationId',
  // the conflict panel
  'conflictTitle', 'conflictOld', 'conflictNew', 'conflictTheirs', 'conflictQuestion', 'overwrite', 'keepTheirs',
  // after a save
  'savedLabel', 'unconfirmedLabel',
] as const;

export type PageStringKey = (typeof PAGE_STRING_KEYS)[number];

/** Key → text in the display language; placeholders are `{0}`, `{1}`, … as in vscode.l10n. */
export type PageStrings = Record<PageStringKey, string>;

/** The id of the `<script type="application/json">` element that carries the table. */
export const PAGE_STRINGS_ELEMENT_ID = 'pc-l10n';

/** Fills `{0}`, `{1}`, … with args (a placeholder without an argument stays as it is). One pass: args are not re-read. */
export function formatPageString(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => args[Number(index)] ?? match);
}

/**
 * The same fill, as pieces: the template's own text and the args as given (a page passes a service
 * name as a `<bdi>` node, so the name is isolated and the template's words stay outside it).
 */
export function pageStringParts<T>(template: string, args: readonly T[]): (string | T)[] {
  const parts: (string | T)[] = [];
  let at = 0;
  for (const m of template.matchAll(/\{(\d+)\}/g)) {
    const arg = args[Number(m[1])];
    if (arg === undefined) continue;
    if (m.index > at) parts.push(template.slice(at, m.index));
    parts.push(arg);
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push(template.slice(at));
  return parts;
}

/** The table from untrusted JSON text: known keys with string values only; anything else is dropped. */
export function parsePageStrings(json: string | null | undefined): Partial<PageStrings> {
  return parseStringTable(PAGE_STRING_KEYS, json);
}

/** Any page's table (the editor's, the reassignment panel's) from untrusted JSON text: `keys` with string values only. */
export function parseStringTable<K extends string>(keys: readonly K[], json: string | null | undefined): Partial<Record<K, string>> {
  let value: unknown;
  try { value = JSON.parse(json ?? ''); } catch { return {}; }
  if (typeof value !== 'object' || value === null) return {};
  const table: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const text: unknown = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof text === 'string') table[key] = text;
  }
  return table;
}

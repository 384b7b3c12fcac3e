// CSV export: RFC 4180 (CRLF line ends; fields with `"`, `,`, `;`, CR or LF quoted, quotes doubled)
// plus a defence against formula injection: a cell starting with = + - @ (also after leading spaces,
// tabs or no-break spaces), or with a tab or line break, gets a leading `'` so a spreadsheet shows it
// as text. Spreadsheets in locales whose list separator is `;` (Excel
// in much of Europe) split a line on `;` and honour quotes only at the start of such a piece, so a
// `;` or a line break inside a cell can start a new cell or row there (a tab, for a reader splitting
// on tabs): when what follows it would start a formula, a `'` is put right after it as well. `parseCsv` reads the
// output back (with either separator), for tests and for anyone checking an export.
// Plain Node: no vscode import.

import type { SupportContact } from '../partnerCenter';
import type { ChangeLogEntry } from '../history/changeLog';
import type { BulkResult } from './engine';
import type { ReassignmentPlan } from './plan';

/** Blanks a spreadsheet may skip before a formula: spaces, tabs, no-break and other Unicode spaces, a BOM. */
const blanks = '[\\s\\u00a0\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
/** A cell that starts a formula, also after leading blanks, or starts with a tab or line break. */
const formulaStart = new RegExp(`^(?:${blanks}*[=+\\-@]|[\\t\\r\\n])`);
/**
 * A `;`, tab or line break followed (after blanks or quotes) by a formula character: where a
 * spreadsheet splitting on `;` or tabs could start a formula cell.
 */
const formulaAfterSplit = new RegExp(`(;|\\t|\\r\\n|\\r|\\n)(?=(?:${blanks}|")*[=+\\-@])`, 'g');

export function escapeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  text = text.replace(formulaAfterSplit, "$1'");
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Reads CSV text into rows of cells: quotes are honoured at the start of a cell only (as spreadsheets
 * do), `""` inside quotes is one quote, CRLF, CR or LF end a row, a leading BOM is dropped.
 * `separator: ';'` reads it the way a spreadsheet in a `;` locale would.
 */
export function parseCsv(text: string, options: { separator?: string } = {}): string[][] {
  const sep = options.separator ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let atCellStart = true;
  let inRow = false;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    const ch = text[i];
    inRow = true;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') quoted = false; else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && atCellStart) { quoted = true; atCellStart = false; i++; continue; }
    if (ch === sep) { row.push(cell); cell = ''; atCellStart = true; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(cell); rows.push(row);
      row = []; cell = ''; atCellStart = true; inRow = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch; atCellStart = false; i++;
  }
  if (inRow) { row.push(cell); rows.push(row); }
  return rows;
}

/** Rows to CSV text; every line ends with CRLF. `bom` helps Excel read non-Latin names as UTF-8. */
export function toCsv(rows: readonly (readonly unknown[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => `${row.map(escapeCell).join(',')}\r\n`).join('');
  return options.bom ? `\uFEFF${body}` : body;
}

const contactCells = (c: SupportContact | null | undefined): string[] => (c ? [c.name, c.supportMpnId, c.supportTenantId] : ['', '', '']);

export interface SubscriptionContactRow {
  customerId: string;
  customerName?: string;
  subscriptionId: string;
  subscriptionName?: string;
  offerId?: string;
  status?: string;
  nce?: boolean;
  contact: SupportContact | null;
}

export function subscriptionsCsv(rows: readonly SubscriptionContactRow[], options: { bom?: boolean } = {}): string {
  const header = ['Customer', 'Customer ID', 'Subscription', 'Subscription ID', 'Offer ID', 'Status', 'NCE',
    'Support contact', 'Support contact MPN ID', 'Support contact tenant ID'];
  return toCsv([header, ...rows.map((r) => [
    r.customerName, r.customerId, r.subscriptionName, r.subscriptionId, r.offerId, r.status, r.nce === undefined ? '' : r.nce ? 'yes' : 'no',
    ...contactCells(r.contact),
  ])], options);
}

export function changeLogCsv(entries: readonly ChangeLogEntry[], options: { bom?: boolean } = {}): string {
  const header = ['Time', 'Account', 'Customer', 'Customer ID', 'Subscription', 'Subscription ID',
    'Old contact', 'Old MPN ID', 'Old tenant ID', 'New contact', 'New MPN ID', 'New tenant ID',
    'Outcome', 'Error', 'MS-RequestId', 'MS-CorrelationId', 'Source'];
  return toCsv([header, ...entries.map((e) => [
    e.time, e.account, e.customerName, e.customerId, e.subscriptionName, e.subscriptionId,
    ...contactCells(e.old), ...contactCells(e.new), e.outcome, e.error?.message, e.requestId, e.correlationId, e.source,
  ])], options);
}

/** The preview (dry run) as CSV. */
export function planCsv(plan: ReassignmentPlan, options: { bom?: boolean } = {}): string {
  const header = ['Customer', 'Customer ID', 'Subscription', 'Subscription ID', 'Current contact', 'Current MPN ID', 'Current tenant ID',
    'New contact', 'New MPN ID', 'New tenant ID', 'Action', 'Reason', 'Details'];
  return toCsv([header, ...plan.items.map((i) => [
    i.customerName, i.customerId, i.subscriptionName, i.subscriptionId, ...contactCells(i.current), ...contactCells(i.target), i.action, i.reason, i.reasonText,
  ])], options);
}

/** A run's summary as CSV: one row per item with its outcome and, for failures, the error and request id. */
export function resultCsv(result: BulkResult, options: { bom?: boolean } = {}): string {
  const header = ['Customer', 'Customer ID', 'Subscription', 'Subscription ID', 'Outcome', 'Reason', 'Error kind', 'Message', 'MS-RequestId', 'MS-CorrelationId'];
  const rows: unknown[][] = [];
  for (const c of result.changed) rows.push([c.item.customerName, c.item.customerId, c.item.subscriptionName, c.item.subscriptionId, 'changed', '', '', '', c.requestId, '']);
  for (const s of result.skipped) rows.push([s.item.customerName, s.item.customerId, s.item.subscriptionName, s.item.subscriptionId, 'skipped', s.reason, '', s.reasonText, '', '']);
  for (const f of result.failed) {
    rows.push([f.item.customerName, f.item.customerId, f.item.subscriptionName, f.item.subscriptionId, 'failed', '', f.error.kind, f.error.message, f.error.requestId ?? f.requestId, f.error.correlationId]);
  }
  for (const n of result.notRun) rows.push([n.item.customerName, n.item.customerId, n.item.subscriptionName, n.item.subscriptionId, 'not run', '', '', '', n.requestId, '']);
  return toCsv([header, ...rows], options);
}

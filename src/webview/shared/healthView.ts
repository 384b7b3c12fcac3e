// What the Health Check Report's findings table shows, as plain data: the rows filtered (text and a
// rule), sorted by a column, grouped by customer or by the contact's reseller, and the selection's
// counts. Shared by the page and the unit tests: no `vscode`, DOM or Node imports here.
import type { FindingRow } from './healthProtocol';

export type ReportSortKey = 'customer' | 'subscription' | 'current' | 'rule' | 'suggestion' | 'read';
export type ReportGroupBy = 'customer' | 'reseller';

export interface ReportViewOptions { query: string; rule: string; sort: ReportSortKey; descending: boolean; groupBy: ReportGroupBy }

export interface ReportGroupLine { kind: 'group'; key: string; label: string; total: number; selected: number; rows: number[] }
export interface ReportRowLine { kind: 'row'; i: number }
export type ReportLine = ReportGroupLine | ReportRowLine;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Each row's text the filter searches, lower-cased once per row (rows are replaced, not changed, by a new snapshot). */
const haystacks = new WeakMap<FindingRow, string>();

function matches(r: FindingRow, q: string): boolean {
  if (!q) return true;
  let text = haystacks.get(r);
  if (text === undefined) {
    text = `${r.customer}\n${r.subscription}\n${r.current}\n${r.sentence}\n${r.suggestion}\n${r.ruleTitle}\n${r.customerId}\n${r.subscriptionId}`.toLowerCase();
    haystacks.set(r, text);
  }
  return text.includes(q);
}

function compare(a: FindingRow, b: FindingRow, key: ReportSortKey): number {
  if (key === 'rule') return collator.compare(a.ruleTitle, b.ruleTitle);
  return collator.compare(a[key], b[key]);
}

/** The table's lines: a group line per customer or reseller (label order) followed by its rows in the chosen order. */
export function buildReportLines(rows: readonly FindingRow[], selected: ReadonlySet<string>, o: ReportViewOptions): ReportLine[] {
  const q = o.query.trim().toLowerCase();
  const groups = new Map<string, { label: string; rows: FindingRow[] }>();
  for (const r of rows) {
    if ((o.rule && r.rule !== o.rule) || !matches(r, q)) continue;
    const key = o.groupBy === 'customer' ? r.customerId.toLowerCase() : r.reseller.toLowerCase();
    const g = groups.get(key);
    if (g) g.rows.push(r); else groups.set(key, { label: o.groupBy === 'customer' ? r.customer : r.reseller, rows: [r] });
  }
  const dir = o.descending ? -1 : 1;
  const ordered = [...groups.entries()].sort(([ka, a], [kb, b]) => (o.sort === 'customer' ? dir : 1) * (collator.compare(a.label, b.label) || ka.localeCompare(kb)));
  const lines: ReportLine[] = [];
  for (const [key, g] of ordered) {
    const inGroup = [...g.rows].sort((a, b) => dir * (compare(a, b, o.sort === 'customer' ? 'subscription' : o.sort) || a.i - b.i));
    const members = inGroup.map((r) => r.i);
    lines.push({ kind: 'group', key, label: g.label, total: inGroup.length, selected: inGroup.filter((r) => selected.has(r.key)).length, rows: members });
    for (const r of inGroup) lines.push({ kind: 'row', i: r.i });
  }
  return lines;
}

/** The selected rows that "Fix selected…" can reassign (a suggested contact) and those it cannot. */
export function selectionCounts(rows: readonly FindingRow[], selected: ReadonlySet<string>): { fixable: number; notFixable: number } {
  let fixable = 0;
  let notFixable = 0;
  for (const r of rows) {
    if (!selected.has(r.key)) continue;
    if (r.fixable) fixable++; else notFixable++;
  }
  return { fixable, notFixable };
}

/** The chart's bars: the largest `max - 1` and the rest summed under `otherLabel` (only when more than `max`). */
export function topBars<B extends { label: string; count: number }>(bars: readonly B[], max: number, otherLabel: string): { label: string; count: number }[] {
  const sorted = [...bars].filter((b) => b.count > 0).sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
  if (sorted.length <= max) return sorted;
  const rest = sorted.slice(max - 1).reduce((n, b) => n + b.count, 0);
  return [...sorted.slice(0, max - 1), { label: otherLabel, count: rest }];
}

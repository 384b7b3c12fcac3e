// What the Reassignment panel's table shows, as plain data: the rows filtered (text and a "show"
// choice), sorted by a column, grouped by customer with counts, and the totals line. Shared by the
// page and the unit tests: no `vscode`, DOM or Node imports here.
import type { PlanRow, RowState } from './reassignProtocol';

export type SortKey = 'customer' | 'subscription' | 'current' | 'next' | 'state';
export type ShowFilter = 'all' | 'change' | 'skip' | 'excluded' | 'changed' | 'failed' | 'skipped';

export interface ViewOptions { query: string; show: ShowFilter; sort: SortKey; descending: boolean }

export interface GroupLine { kind: 'group'; customerId: string; customer: string; total: number; toChange: number; leftOut: number; changeable: number[] }
export interface RowLine { kind: 'row'; i: number }
export type Line = GroupLine | RowLine;

export interface Totals { toChange: number; skipped: number; leftOut: number }

/** A row the user may leave out: one the plan means to change (before the run). */
export const isChangeable = (r: PlanRow): boolean => r.state === 'change';

const PLAN_SKIP: readonly RowState[] = ['skip'];

function shown(r: PlanRow, excluded: ReadonlySet<number>, show: ShowFilter): boolean {
  switch (show) {
    case 'all': return true;
    case 'change': return !excluded.has(r.i) && (r.state === 'change' || r.state === 'queued' || r.state === 'reading');
    case 'skip': return PLAN_SKIP.includes(r.state);
    case 'excluded': return excluded.has(r.i);
    case 'changed': return r.state === 'changed';
    case 'failed': return r.state === 'failed' || r.state === 'notRun';
    case 'skipped': return r.state === 'skipped';
  }
}

function matches(r: PlanRow, q: string): boolean {
  if (!q) return true;
  return `${r.customer}\n${r.subscription}\n${r.current}\n${r.next}\n${r.customerId}\n${r.subscriptionId}`.toLowerCase().includes(q);
}

const STATE_ORDER: readonly RowState[] = ['failed', 'notRun', 'reading', 'queued', 'change', 'changed', 'skipped', 'skip'];
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareRows(a: PlanRow, b: PlanRow, key: SortKey): number {
  if (key === 'state') return STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state);
  if (key === 'customer') return a.i - b.i;
  return collator.compare(a[key], b[key]);
}

/** The table's lines: a group line per customer (name order, or the plan's order) followed by its rows. */
export function buildLines(rows: readonly PlanRow[], excluded: ReadonlySet<number>, o: ViewOptions): Line[] {
  const q = o.query.trim().toLowerCase();
  const groups = new Map<string, { first: PlanRow; rows: PlanRow[] }>();
  for (const r of rows) {
    if (!shown(r, excluded, o.show) || !matches(r, q)) continue;
    const k = r.customerId.toLowerCase();
    const g = groups.get(k);
    if (g) g.rows.push(r); else groups.set(k, { first: r, rows: [r] });
  }
  const dir = o.descending ? -1 : 1;
  const ordered = [...groups.values()];
  if (o.sort === 'customer') ordered.sort((a, b) => dir * (collator.compare(a.first.customer, b.first.customer) || a.first.i - b.first.i));
  const lines: Line[] = [];
  for (const g of ordered) {
    const inGroup = o.sort === 'customer' ? g.rows : [...g.rows].sort((a, b) => dir * compareRows(a, b, o.sort) || a.i - b.i);
    const changeable = inGroup.filter(isChangeable).map((r) => r.i);
    const leftOut = changeable.filter((i) => excluded.has(i)).length;
    lines.push({ kind: 'group', customerId: g.first.customerId, customer: g.first.customer, total: inGroup.length, toChange: changeable.length - leftOut, leftOut, changeable });
    for (const r of inGroup) lines.push({ kind: 'row', i: r.i });
  }
  return lines;
}

/** "136 to change · 339 skipped · 3 left out", over the whole plan (not the filter). */
export function totals(rows: readonly PlanRow[], excluded: ReadonlySet<number>): Totals {
  let toChange = 0;
  let skipped = 0;
  for (const r of rows) {
    if (excluded.has(r.i)) continue;
    if (r.state === 'skip') skipped++; else toChange++;
  }
  return { toChange, skipped, leftOut: excluded.size };
}

/** Seconds as "42 s" or "3 min 5 s" parts: [minutes, seconds] (minutes 0 for under a minute). */
export function durationParts(seconds: number): [number, number] {
  const s = Math.max(0, Math.round(seconds));
  return [Math.floor(s / 60), s % 60];
}

/** What the throttle allows for `changes` changes: the burst goes at once, the rest at the pace. */
export function estimateSeconds(changes: number, secondsPerChange: number, burstChanges: number): number {
  return Math.max(0, changes - burstChanges) * secondsPerChange;
}

/** Remaining seconds from the pace so far (or the throttle's estimate before the first outcome). */
export function etaSeconds(handled: number, total: number, elapsedMs: number, fallbackPerChange: number): number {
  const left = Math.max(0, total - handled);
  const per = handled > 0 ? elapsedMs / 1000 / handled : fallbackPerChange;
  return left * per;
}

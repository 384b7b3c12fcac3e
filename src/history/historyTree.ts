// What the "Support Contact History" view shows, as plain data: the change log grouped by day
// (newest first), inside a day a bulk run's entries under one run row and single changes and undos
// on their own, each row "subscription — customer", "old → new · outcome · who". The filter
// (customer, reseller, outcome) is applied here too. No vscode import: unit-tested under plain Node.
import * as l10n from '@vscode/l10n';
import type { SupportContact } from '../partnerCenter';
import { plainText } from '../partnerCenter/safeText';
import { undoPlan, type ChangeLogEntry } from './changeLog';

export type HistoryOutcome = 'changed' | 'failed' | 'undo';

export interface HistoryFilter {
  /** Text in the customer's name or id (case-insensitive). */
  customer?: string;
  /** A reseller, by tenant id: entries whose old or new contact is it. */
  reseller?: { id: string; name: string };
  outcome?: HistoryOutcome;
}

export interface HistoryEntryRow { kind: 'entry'; id: string; entry: ChangeLogEntry; undoable: boolean }
export interface HistoryRunRow { kind: 'run'; id: string; runId: string; target: SupportContact; account: string; entries: HistoryEntryRow[]; changed: number; failed: number }
export interface HistoryDayRow { kind: 'day'; id: string; day: string; children: (HistoryRunRow | HistoryEntryRow)[]; count: number }
export type HistoryRow = HistoryDayRow | HistoryRunRow | HistoryEntryRow;

const contact = (c: SupportContact | null | undefined): string => (c ? plainText(c.name || c.supportMpnId) : l10n.t('no support contact'));

export function entryOutcome(e: ChangeLogEntry): HistoryOutcome {
  if (e.outcome === 'failed') return 'failed';
  return e.source === 'undo' ? 'undo' : 'changed';
}

export function outcomeLabel(o: HistoryOutcome): string {
  switch (o) {
    case 'changed': return l10n.t('changed');
    case 'failed': return l10n.t('failed');
    case 'undo': return l10n.t('undone');
  }
}

const sameTenant = (c: SupportContact | null | undefined, id: string): boolean => !!c && c.supportTenantId.toLowerCase() === id.toLowerCase();

export function matchesFilter(e: ChangeLogEntry, f: HistoryFilter): boolean {
  if (f.outcome && entryOutcome(e) !== f.outcome) return false;
  if (f.reseller && !sameTenant(e.old, f.reseller.id) && !sameTenant(e.new, f.reseller.id)) return false;
  if (f.customer) {
    const q = f.customer.trim().toLowerCase();
    if (q && !`${e.customerName ?? ''}\n${e.customerId}`.toLowerCase().includes(q)) return false;
  }
  return true;
}

export function isFiltered(f: HistoryFilter): boolean {
  return !!(f.customer?.trim() || f.reseller || f.outcome);
}

/** "customer “fab” · reseller Contoso · failed" */
export function filterText(f: HistoryFilter): string {
  const parts: string[] = [];
  if (f.customer?.trim()) parts.push(l10n.t('customer “{0}”', plainText(f.customer.trim())));
  if (f.reseller) parts.push(l10n.t('reseller {0}', plainText(f.reseller.name)));
  if (f.outcome) parts.push(outcomeLabel(f.outcome));
  return parts.join(' · ');
}

/** The resellers that appear in the entries (old or new contact), by name, for the filter's choices. */
export function resellersIn(entries: readonly ChangeLogEntry[]): { id: string; name: string; mpnId: string }[] {
  const seen = new Map<string, { id: string; name: string; mpnId: string }>();
  for (const e of entries) {
    for (const c of [e.old, e.new]) if (c && !seen.has(c.supportTenantId.toLowerCase())) seen.set(c.supportTenantId.toLowerCase(), { id: c.supportTenantId, name: c.name || c.supportMpnId, mpnId: c.supportMpnId });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The local calendar day of an ISO time, `YYYY-MM-DD`. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const entryId = (e: ChangeLogEntry): string => `history:entry:${e.requestId}:${e.time}:${e.outcome}`;

/** Entries newest first (as ChangeLog.read gives them) → day rows, newest day first. */
export function groupHistory(entries: readonly ChangeLogEntry[], filter: HistoryFilter = {}): HistoryDayRow[] {
  const days = new Map<string, HistoryDayRow>();
  const runs = new Map<string, HistoryRunRow>();
  for (const entry of entries) {
    if (!matchesFilter(entry, filter)) continue;
    const dayKey = localDay(entry.time);
    let day = days.get(dayKey);
    if (!day) days.set(dayKey, (day = { kind: 'day', id: `history:day:${dayKey}`, day: dayKey, children: [], count: 0 }));
    day.count++;
    const row: HistoryEntryRow = { kind: 'entry', id: entryId(entry), entry, undoable: undoPlan(entry).ok };
    if (entry.source !== 'bulk' || !entry.runId) { day.children.push(row); continue; }
    const runKey = `${dayKey}/${entry.runId}`;
    let run = runs.get(runKey);
    if (!run) {
      run = { kind: 'run', id: `history:run:${runKey}`, runId: entry.runId, target: entry.new, account: entry.account, entries: [], changed: 0, failed: 0 };
      runs.set(runKey, run);
      day.children.push(run);
    }
    run.entries.push(row);
    if (entry.outcome === 'changed') run.changed++; else run.failed++;
  }
  return [...days.values()];
}

export interface HistoryRowView { label: string; description: string; tooltip: string; accessibilityLabel: string }

function dayLabel(day: string, today: string, yesterday: string): string {
  if (day === today) return l10n.t('Today');
  if (day === yesterday) return l10n.t('Yesterday');
  return day;
}

/** How a row reads. `now` decides "Today" and "Yesterday". */
export function historyRowView(row: HistoryRow, now = new Date()): HistoryRowView {
  if (row.kind === 'day') {
    const label = dayLabel(row.day, localDay(now.toISOString()), localDay(new Date(now.getTime() - 86_400_000).toISOString()));
    const description = row.count === 1 ? l10n.t('1 change') : l10n.t('{0} changes', row.count);
    return { label, description, tooltip: `${row.day} · ${description}`, accessibilityLabel: `${label}, ${description}` };
  }
  if (row.kind === 'run') {
    const time = row.entries.at(-1)?.entry.time ?? '';
    const label = l10n.t('Bulk run → {0}', contact(row.target));
    const description = row.failed ? l10n.t('{0} changed, {1} failed · {2}', row.changed, row.failed, plainText(row.account)) : l10n.t('{0} changed · {1}', row.changed, plainText(row.account));
    return { label, description, tooltip: [label, description, l10n.t('Started {0}', plainText(time)), l10n.t('Run {0}', plainText(row.runId))].join('\n'), accessibilityLabel: `${label}, ${description}` };
  }
  const e = row.entry;
  const outcome = entryOutcome(e);
  const label = `${plainText(e.subscriptionName ?? e.subscriptionId)} — ${plainText(e.customerName ?? e.customerId)}`;
  const description = `${contact(e.old)} → ${contact(e.new)} · ${outcomeLabel(outcome)} · ${plainText(e.account)}`;
  const tooltip = [
    label, `${contact(e.old)} → ${contact(e.new)}`,
    `${outcomeLabel(outcome)}${e.error ? `: ${plainText(e.error.message)}` : ''}`,
    l10n.t('{0} by {1}', plainText(e.time), plainText(e.account)), `MS-RequestId ${plainText(e.requestId)}`,
  ].join('\n');
  return { label, description, tooltip, accessibilityLabel: l10n.t('{0}, {1} to {2}, {3}, by {4}', plainText(label), contact(e.old), contact(e.new), outcomeLabel(outcome), plainText(e.account)) };
}

/** The entries under a row (for Export CSV of a run or a day). */
export function entriesOf(row: HistoryRow): ChangeLogEntry[] {
  if (row.kind === 'entry') return [row.entry];
  if (row.kind === 'run') return row.entries.map((r) => r.entry);
  return row.children.flatMap(entriesOf);
}

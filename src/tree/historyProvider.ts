// The "Support Contact History" view: the local change log as a tree (day → bulk run → change, single
// changes on their own; see src/history/historyTree.ts), with a filter shown in the view's
// description. It reads the log again (debounced) whenever a change is recorded.
import * as vscode from 'vscode';
import { ContextValues } from './ids';
import { shownView } from './nodes';
import type { ChangeLog, ChangeLogEntry } from '../history/changeLog';
import {
  filterText, groupHistory, historyRowView, isFiltered, type HistoryDayRow, type HistoryFilter, type HistoryRow,
} from '../history/historyTree';

/** How many entries the view reads (newest first); the CSV export reads them all. */
export const HISTORY_VIEW_LIMIT = 5_000;
const REFRESH_DEBOUNCE_MS = 250;

export class HistoryProvider implements vscode.TreeDataProvider<HistoryRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryRow | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private days: Promise<HistoryDayRow[]> | undefined;
  private entries: ChangeLogEntry[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  filter: HistoryFilter = {};
  /** Told after each read whether a filter hides every entry, and how many lines of the log could not be read. */
  onLoaded: (nothingMatches: boolean, unreadable: number) => void = () => undefined;

  constructor(private readonly changeLog: ChangeLog) {}

  /** Reads the log again; many calls in a burst (a bulk run) make one read. */
  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.days = undefined;
      this.changed.fire(undefined);
    }, REFRESH_DEBOUNCE_MS);
  }

  setFilter(filter: HistoryFilter): void {
    this.filter = filter;
    this.days = undefined;
    this.changed.fire(undefined);
  }

  /** The entries the view last read (unfiltered, newest first). */
  loadedEntries(): readonly ChangeLogEntry[] {
    return this.entries;
  }

  private load(): Promise<HistoryDayRow[]> {
    this.days ??= this.changeLog.scan(HISTORY_VIEW_LIMIT).then(({ entries, unreadable }) => {
      this.entries = entries;
      const days = groupHistory(entries, this.filter);
      this.onLoaded(days.length === 0 && entries.length > 0, unreadable);
      return days;
    });
    return this.days;
  }

  async getChildren(row?: HistoryRow): Promise<HistoryRow[]> {
    if (!row) return this.load();
    if (row.kind === 'day') return row.children;
    if (row.kind === 'run') return row.entries;
    return [];
  }

  getTreeItem(row: HistoryRow): vscode.TreeItem {
    const v = shownView(historyRowView(row));
    const collapsible = row.kind === 'entry' ? vscode.TreeItemCollapsibleState.None
      : row.kind === 'day' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(v.label, collapsible);
    item.id = row.id;
    item.description = v.description;
    item.tooltip = v.tooltip; // a plain string: never rendered as Markdown
    if (v.accessibilityLabel) item.accessibilityInformation = { label: v.accessibilityLabel };
    if (row.kind === 'day') {
      item.contextValue = ContextValues.historyDay;
      item.iconPath = new vscode.ThemeIcon('calendar');
    } else if (row.kind === 'run') {
      item.contextValue = ContextValues.historyRun;
      item.iconPath = new vscode.ThemeIcon(row.failed ? 'warning' : 'layers', row.failed ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
    } else {
      const e = row.entry;
      item.contextValue = row.undoable ? ContextValues.historyEntryUndoable : ContextValues.historyEntry;
      item.iconPath = e.outcome === 'failed' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
        : new vscode.ThemeIcon(e.source === 'undo' ? 'discard' : 'check');
    }
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

export class HistoryView implements vscode.Disposable {
  readonly provider: HistoryProvider;
  readonly view: vscode.TreeView<HistoryRow>;
  private readonly disposables: vscode.Disposable[] = [];

  /** `changes`: the one source of "a support contact changed" the view listens to. */
  constructor(changeLog: ChangeLog, changes: (listener: () => void) => { dispose(): void }) {
    this.provider = new HistoryProvider(changeLog);
    this.view = vscode.window.createTreeView('partnerCenter.history', { treeDataProvider: this.provider, showCollapseAll: true });
    this.provider.onLoaded = (none, unreadable) => { this.view.message = viewMessage(none, unreadable); };
    this.disposables.push(this.view, this.provider, changes(() => this.provider.refresh()));
    this.describe();
  }

  setFilter(filter: HistoryFilter): void {
    this.provider.setFilter(filter);
    this.describe();
  }

  private describe(): void {
    const filtered = isFiltered(this.provider.filter);
    this.view.description = filtered ? filterText(this.provider.filter) : undefined;
    void vscode.commands.executeCommand('setContext', 'partnerCenter.historyFiltered', filtered);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The view's message: a filter that hides everything, and lines of the log that are not changes (damaged, torn by a crash). */
function viewMessage(nothingMatches: boolean, unreadable: number): string | undefined {
  const parts = [
    ...(nothingMatches ? [vscode.l10n.t('No changes match the filter.')] : []),
    ...(unreadable === 1 ? [vscode.l10n.t('1 line of the change log could not be read and is not shown; every readable change is.')]
      : unreadable > 1 ? [vscode.l10n.t('{0} lines of the change log could not be read and are not shown; every readable change is.', unreadable)] : []),
  ];
  return parts.length > 0 ? parts.join(' ') : undefined;
}

// The Reassignment panel's table on the shared grouped grid (page/groupedGrid.ts): one tab stop;
// ↑/↓/Home/End/PageUp/PageDown move the active row (announced through aria-activedescendant), Space includes or leaves out the active row or customer group,
// Enter shows the active subscription in the Customers tree. Text goes in with textContent only.
import type { PlanRow } from '../shared/reassignProtocol';
import type { GroupLine, Line } from '../shared/reassignView';
import { el } from './dom';
import { GroupedGrid, groupLine, nameCells } from './groupedGrid';
import { t } from './reassignL10n';
import { gridCheckbox } from './virtualGrid';

export interface GridHost {
  row(i: number): PlanRow;
  excluded(): ReadonlySet<number>;
  /** Rows may be left out only before the run. */
  editable(): boolean;
  onToggle(indices: number[], exclude: boolean): void;
  onShowInTree(i: number): void;
  onActivate(): void;
}

export function stateText(r: PlanRow, excluded: boolean): string {
  if (excluded) return t('stateLeftOut');
  switch (r.state) {
    case 'change': return t('stateChange');
    case 'skip': return t('stateSkip', r.detail);
    case 'queued': return t('stateQueued');
    case 'reading': return t('stateReading');
    case 'changed': return t('stateChanged');
    case 'skipped': return t('stateSkipped', r.detail);
    case 'failed': return r.requestId ? t('stateFailedId', r.detail, r.requestId) : t('stateFailed', r.detail);
    case 'notRun': return t('stateNotRun');
  }
}

export class Grid extends GroupedGrid<GroupLine> {
  /** Row index → its line. */
  private lineOf = new Map<number, number>();

  constructor(private readonly host: GridHost) {
    super(() => host.onActivate(), t('gridLabel'), t('noRows'));
  }

  setLines(lines: Line[]): void {
    this.lineOf = new Map(lines.flatMap((l, n) => (l.kind === 'row' ? [[l.i, n] as [number, number]] : [])));
    this.showLines(lines);
  }

  /** Re-draws just the given rows where they are in view (a batch of live updates). */
  updateRows(indices: Iterable<number>): void {
    const lines: number[] = [];
    for (const i of indices) {
      const n = this.lineOf.get(i);
      if (n !== undefined) lines.push(n);
    }
    this.redrawLines(lines);
  }

  protected groupElement(g: GroupLine): HTMLElement {
    const editable = this.host.editable() && g.changeable.length > 0;
    const box = gridCheckbox(t('includeGroup', g.customer), g.toChange > 0, !editable, (on) => this.host.onToggle(g.changeable, !on));
    box.indeterminate = g.leftOut > 0 && g.toChange > 0;
    return groupLine(box, g.customer, t('group', g.customer, g.total, g.toChange, g.leftOut));
  }

  protected rowElement(i: number): HTMLElement {
    const r = this.host.row(i);
    const out = this.host.excluded().has(i);
    const action = stateText(r, out);
    const name = t('rowName', r.subscription, r.customer, r.current, r.next, action);
    const box = gridCheckbox(t('includeRow', `${r.subscription} — ${r.customer}`), r.state !== 'skip' && !out,
      !(this.host.editable() && r.state === 'change'), (on) => this.host.onToggle([i], !on));
    return el('div', { class: `line row state-${out ? 'excluded' : r.state}`, role: 'row', 'aria-label': name, 'data-key': `${r.customerId}/${r.subscriptionId}`.toLowerCase() },
      ...nameCells(box, r.customer, r.subscription, t('showInTree'), () => this.host.onShowInTree(i)),
      // The contacts and the state are the host's plain text: a name in them is already isolated
      // (U+2068 … U+2069, describeContact), so no second <bdi>; each cell is its own box anyway.
      el('span', { class: 'cell current', role: 'gridcell' }, r.current),
      el('span', { class: 'cell next', role: 'gridcell' }, r.next),
      el('span', { class: 'cell state', role: 'gridcell', title: action }, action));
  }

  protected onKey(line: Line, key: ' ' | 'Enter'): void {
    if (key === 'Enter' && line.kind === 'row') { this.host.onShowInTree(line.i); return; }
    if (!this.host.editable()) return;
    if (line.kind === 'group') { if (line.changeable.length) this.host.onToggle(line.changeable, line.toChange > 0); return; }
    if (this.host.row(line.i).state === 'change') this.host.onToggle([line.i], !this.host.excluded().has(line.i));
  }
}

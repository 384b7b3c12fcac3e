// The Health Check Report's findings table on the shared virtualised grid (page/virtualGrid.ts):
// a group line per customer or current contact, a row per finding with its checkbox, evidence,
// suggested contact and the date it was read. Space selects the active row or group; Enter shows
// the subscription in the Customers tree. Text goes in with textContent only.
import type { FindingRow } from '../shared/healthProtocol';
import type { ReportLine } from '../shared/healthView';
import { el } from './dom';
import { t } from './healthL10n';
import { VirtualGrid, gridCheckbox } from './virtualGrid';

export interface FindingsHost {
  row(i: number): FindingRow;
  selected(): ReadonlySet<string>;
  onSelect(keys: string[], selected: boolean): void;
  onShowInTree(key: string): void;
  onActivate(): void;
}

/** The date part of an ISO time ("2026-12-02"), or the text as it is. */
export const day = (iso: string): string => (/^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : iso);

export class FindingsTable {
  private readonly grid: VirtualGrid;
  private lines: ReportLine[] = [];

  constructor(private readonly host: FindingsHost) {
    this.grid = new VirtualGrid({
      lineElement: (n) => this.lineElement(n),
      onKey: (n, key) => this.onKey(n, key),
      onActivate: () => host.onActivate(),
    }, t('gridLabel'), t('noRows'));
  }

  get element(): HTMLElement {
    return this.grid.element;
  }

  setLines(lines: ReportLine[], emptyText: string): void {
    this.lines = lines;
    this.grid.setCount(lines.length, emptyText);
  }

  render(): void {
    this.grid.render();
  }

  private keysOf(g: Extract<ReportLine, { kind: 'group' }>): string[] {
    return g.rows.map((i) => this.host.row(i).key);
  }

  private lineElement(n: number): HTMLElement {
    const line = this.lines[n];
    return line.kind === 'group' ? this.groupElement(line) : this.rowElement(line.i);
  }

  private groupElement(g: Extract<ReportLine, { kind: 'group' }>): HTMLElement {
    const box = gridCheckbox(t('includeGroup', g.label), g.selected > 0, false, (on) => this.host.onSelect(this.keysOf(g), on));
    box.indeterminate = g.selected > 0 && g.selected < g.total;
    const text = g.total === 1 ? t('groupOne', g.label, g.selected) : t('group', g.label, g.total, g.selected);
    return el('div', { class: 'line group', role: 'row', 'aria-label': text },
      el('span', { class: 'cell check', role: 'gridcell' }, box),
      el('span', { class: 'cell groupname', role: 'gridcell' }, el('bdi', {}, g.label)),
      el('span', { class: 'cell groupcounts', role: 'gridcell' }, text.slice(g.label.length)));
  }

  private rowElement(i: number): HTMLElement {
    const r = this.host.row(i);
    const on = this.host.selected().has(r.key);
    const box = gridCheckbox(t('includeRow', `${r.subscription} — ${r.customer}`), on, false, (checked) => this.host.onSelect([r.key], checked));
    const show = el('button', { class: 'link', tabindex: '-1', type: 'button', title: t('showInTree'), 'aria-label': t('showInTree') }, '↗');
    show.addEventListener('click', () => this.host.onShowInTree(r.key));
    const read = day(r.read);
    return el('div', { class: `line row rule-${r.rule}${on ? ' selected' : ''}`, role: 'row', 'aria-label': t('rowName', r.subscription, r.customer, r.sentence, r.suggestion, read), 'data-key': r.key },
      el('span', { class: 'cell check', role: 'gridcell' }, box),
      el('span', { class: 'cell customer', role: 'gridcell' }, el('bdi', {}, r.customer)),
      el('span', { class: 'cell subscription', role: 'gridcell' }, el('bdi', {}, r.subscription), show),
      el('span', { class: 'cell current', role: 'gridcell' }, el('bdi', {}, r.current)),
      el('span', { class: 'cell finding', role: 'gridcell', title: r.sentence }, el('bdi', {}, r.ruleTitle)),
      el('span', { class: `cell suggestion${r.fixable ? '' : ' choose'}`, role: 'gridcell', title: r.suggestion }, el('bdi', {}, r.suggestion)),
      el('span', { class: 'cell read', role: 'gridcell', title: r.read }, read));
  }

  private onKey(n: number, key: ' ' | 'Enter'): void {
    const line = this.lines[n];
    if (line.kind === 'group') {
      if (key === ' ') this.host.onSelect(this.keysOf(line), line.selected < line.total);
      return;
    }
    const r = this.host.row(line.i);
    if (key === 'Enter') this.host.onShowInTree(r.key);
    else this.host.onSelect([r.key], !this.host.selected().has(r.key));
  }
}

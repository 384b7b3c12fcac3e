// The Health Check Report's findings table on the shared grouped grid (page/groupedGrid.ts):
// a group line per customer or current contact, a row per finding with its checkbox, evidence,
// suggested contact and the date it was read. Space selects the active row or group; Enter shows
// the subscription in the Customers tree. Text goes in with textContent only.
import type { FindingRow } from '../shared/healthProtocol';
import type { ReportGroupLine, ReportLine } from '../shared/healthView';
import { el } from './dom';
import { GroupedGrid, groupLine, nameCells } from './groupedGrid';
import { t } from './healthL10n';
import { gridCheckbox } from './virtualGrid';

export interface FindingsHost {
  row(i: number): FindingRow;
  selected(): ReadonlySet<string>;
  onSelect(keys: string[], selected: boolean): void;
  onShowInTree(key: string): void;
  onActivate(): void;
}

/** The date part of an ISO time ("2026-12-02"), or the text as it is. */
export const day = (iso: string): string => (/^\d{4}-\d{2}-\d{2}T/.test(iso) ? iso.slice(0, 10) : iso);

export class FindingsTable extends GroupedGrid<ReportGroupLine> {
  constructor(private readonly host: FindingsHost) {
    super(() => host.onActivate(), t('gridLabel'), t('noRows'));
  }

  setLines(lines: ReportLine[], emptyText: string): void {
    this.showLines(lines, emptyText);
  }

  private keysOf(g: ReportGroupLine): string[] {
    return g.rows.map((i) => this.host.row(i).key);
  }

  protected groupElement(g: ReportGroupLine): HTMLElement {
    const box = gridCheckbox(t('includeGroup', g.label), g.selected > 0, false, (on) => this.host.onSelect(this.keysOf(g), on));
    box.indeterminate = g.selected > 0 && g.selected < g.total;
    return groupLine(box, g.label, g.total === 1 ? t('groupOne', g.label, g.selected) : t('group', g.label, g.total, g.selected));
  }

  protected rowElement(i: number): HTMLElement {
    const r = this.host.row(i);
    const on = this.host.selected().has(r.key);
    const box = gridCheckbox(t('includeRow', `${r.subscription} — ${r.customer}`), on, false, (checked) => this.host.onSelect([r.key], checked));
    const read = day(r.read);
    return el('div', { class: `line row rule-${r.rule}${on ? ' selected' : ''}`, role: 'row', 'aria-label': t('rowName', r.subscription, r.customer, r.sentence, r.suggestion, read), 'data-key': r.key },
      ...nameCells(box, r.customer, r.subscription, t('showInTree'), () => this.host.onShowInTree(r.key)),
      el('span', { class: 'cell current', role: 'gridcell' }, el('bdi', {}, r.current)),
      el('span', { class: 'cell finding', role: 'gridcell', title: r.sentence }, el('bdi', {}, r.ruleTitle)),
      el('span', { class: `cell suggestion${r.fixable ? '' : ' choose'}`, role: 'gridcell', title: r.suggestion }, el('bdi', {}, r.suggestion)),
      el('span', { class: 'cell read', role: 'gridcell', title: r.read }, read));
  }

  protected onKey(line: ReportLine, key: ' ' | 'Enter'): void {
    if (line.kind === 'group') {
      if (key === ' ') this.host.onSelect(this.keysOf(line), line.selected < line.total);
      return;
    }
    const r = this.host.row(line.i);
    if (key === 'Enter') this.host.onShowInTree(r.key);
    else this.host.onSelect([r.key], !this.host.selected().has(r.key));
  }
}

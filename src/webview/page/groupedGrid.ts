// What the Reassignment panel's table and the Health Check Report's findings table share on the
// virtualised grid (virtualGrid.ts): a line is a group heading or a row (an index into the page's
// rows); a subclass draws each kind and answers Space and Enter. The group heading and a row's first
// cells (checkbox, customer, subscription with its link to the tree) are drawn here for both.
import { el } from './dom';
import { VirtualGrid } from './virtualGrid';

export type GroupedLine<G extends { kind: 'group' }> = G | { kind: 'row'; i: number };

export abstract class GroupedGrid<G extends { kind: 'group' }> {
  private readonly grid: VirtualGrid;
  private lines: GroupedLine<G>[] = [];

  /** `onActivate`: a mouse press made a line the active one. */
  constructor(onActivate: () => void, label: string, emptyText: string) {
    this.grid = new VirtualGrid({
      lineElement: (n) => this.lineElement(this.lines[n]),
      onKey: (n, key) => this.onKey(this.lines[n], key),
      onActivate: () => onActivate(),
    }, label, emptyText);
  }

  get element(): HTMLElement {
    return this.grid.element;
  }

  /** Renders the lines in view now. */
  render(): void {
    this.grid.render();
  }

  /** New lines (a new filter, sort or data); `emptyText` is shown when there are none. */
  protected showLines(lines: GroupedLine<G>[], emptyText?: string): void {
    this.lines = lines;
    this.grid.setCount(lines.length, emptyText);
  }

  /** Re-draws just these lines where they are in view. */
  protected redrawLines(lines: number[]): void {
    this.grid.updateLines(lines);
  }

  protected abstract groupElement(g: G): HTMLElement;
  protected abstract rowElement(i: number): HTMLElement;
  /** Space or Enter on the active line. */
  protected abstract onKey(line: GroupedLine<G>, key: ' ' | 'Enter'): void;

  private lineElement(line: GroupedLine<G>): HTMLElement {
    return line.kind === 'row' ? this.rowElement(line.i) : this.groupElement(line as G);
  }
}

/** A group heading: its checkbox, its name (a <bdi>), and `text` (its accessible name, the name first) after the name. */
export function groupLine(box: HTMLInputElement, name: string, text: string): HTMLElement {
  return el('div', { class: 'line group', role: 'row', 'aria-label': text },
    el('span', { class: 'cell check', role: 'gridcell' }, box),
    el('span', { class: 'cell groupname', role: 'gridcell' }, el('bdi', {}, name)),
    el('span', { class: 'cell groupcounts', role: 'gridcell' }, text.slice(name.length)));
}

/** A row's first cells: its checkbox, the customer, and the subscription with its "show in the tree" link. */
export function nameCells(box: HTMLInputElement, customer: string, subscription: string, showLabel: string, onShow: () => void): HTMLElement[] {
  const show = el('button', { class: 'link', tabindex: '-1', type: 'button', title: showLabel, 'aria-label': showLabel }, '↗');
  show.addEventListener('click', onShow);
  return [
    el('span', { class: 'cell check', role: 'gridcell' }, box),
    el('span', { class: 'cell customer', role: 'gridcell' }, el('bdi', {}, customer)),
    el('span', { class: 'cell subscription', role: 'gridcell' }, el('bdi', {}, subscription), show),
  ];
}

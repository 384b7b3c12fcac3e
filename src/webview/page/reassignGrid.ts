// The Reassignment panel's table: a virtualised grid (only the rows in view are in the DOM, so 10,000
// rows stay responsive). One tab stop; ↑/↓/Home/End/PageUp/PageDown move the active row (announced
// through aria-activedescendant), Space includes or leaves out the active row or customer group,
// Enter shows the active subscription in the Customers tree. Text goes in with textContent only.
import type { PlanRow } from '../shared/reassignProtocol';
import type { Line } from '../shared/reassignView';
import { el } from './dom';
import { t } from './reassignL10n';

export const ROW_HEIGHT = 26;
const OVERSCAN = 8;

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

export class Grid {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly empty: HTMLElement;
  private lines: Line[] = [];
  /** Row index → its line, and the line elements in the DOM now. */
  private lineOf = new Map<number, number>();
  private readonly rendered = new Map<number, HTMLElement>();
  private active = 0;
  private frame = 0;

  constructor(private readonly host: GridHost) {
    this.spacer = el('div', { class: 'spacer' });
    this.viewport = el('div', { class: 'viewport', role: 'grid', tabindex: '0', 'aria-label': t('gridLabel'), 'aria-multiselectable': 'false' }, this.spacer);
    this.empty = el('p', { class: 'empty', hidden: true }, t('noRows'));
    this.element = el('div', { class: 'grid' }, this.viewport, this.empty);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('focus', () => this.render());
    window.addEventListener('resize', () => this.schedule());
  }

  setLines(lines: Line[]): void {
    this.lines = lines;
    this.lineOf = new Map(lines.flatMap((l, n) => (l.kind === 'row' ? [[l.i, n] as [number, number]] : [])));
    this.active = Math.min(this.active, Math.max(0, lines.length - 1));
    this.spacer.style.height = `${lines.length * ROW_HEIGHT}px`; // CSSOM: allowed by the style-src CSP
    this.viewport.setAttribute('aria-rowcount', String(lines.length));
    this.empty.hidden = lines.length > 0;
    this.render();
  }

  /** Renders the rows in view now (after updates, or a scroll on the next frame). */
  render(): void {
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || ROW_HEIGHT * 20;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.lines.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const nodes: HTMLElement[] = [];
    this.rendered.clear();
    for (let n = first; n < last; n++) {
      const node = this.lineElement(n);
      this.rendered.set(n, node);
      nodes.push(node);
    }
    this.spacer.replaceChildren(...nodes);
    const focused = this.lines.length ? `line-${this.active}` : '';
    if (focused) this.viewport.setAttribute('aria-activedescendant', focused); else this.viewport.removeAttribute('aria-activedescendant');
  }

  /** Re-draws just the given rows where they are in view (a batch of live updates). */
  updateRows(indices: Iterable<number>): void {
    for (const i of indices) {
      const n = this.lineOf.get(i);
      const old = n === undefined ? undefined : this.rendered.get(n);
      if (n === undefined || !old) continue;
      const node = this.lineElement(n);
      old.replaceWith(node);
      this.rendered.set(n, node);
    }
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  private lineElement(n: number): HTMLElement {
    const line = this.lines[n];
    const node = line.kind === 'group' ? this.groupElement(line) : this.rowElement(line.i);
    node.id = `line-${n}`;
    node.setAttribute('aria-rowindex', String(n + 1));
    node.style.top = `${n * ROW_HEIGHT}px`;
    if (n === this.active) node.classList.add('active');
    node.addEventListener('mousedown', () => { this.active = n; this.host.onActivate(); });
    return node;
  }

  private checkbox(label: string, checked: boolean, disabled: boolean, onChange: (checked: boolean) => void): HTMLInputElement {
    const box = el('input', { type: 'checkbox', tabindex: '-1', 'aria-label': label, disabled });
    box.checked = checked;
    box.addEventListener('change', () => onChange(box.checked));
    return box;
  }

  private groupElement(g: Extract<Line, { kind: 'group' }>): HTMLElement {
    const editable = this.host.editable() && g.changeable.length > 0;
    const box = this.checkbox(t('includeGroup', g.customer), g.toChange > 0, !editable, (on) => this.host.onToggle(g.changeable, !on));
    box.indeterminate = g.leftOut > 0 && g.toChange > 0;
    const text = t('group', g.customer, g.total, g.toChange, g.leftOut);
    return el('div', { class: 'line group', role: 'row', 'aria-label': text },
      el('span', { class: 'cell check', role: 'gridcell' }, box),
      el('span', { class: 'cell groupname', role: 'gridcell' }, el('bdi', {}, g.customer)),
      el('span', { class: 'cell groupcounts', role: 'gridcell' }, text.slice(g.customer.length)));
  }

  private rowElement(i: number): HTMLElement {
    const r = this.host.row(i);
    const out = this.host.excluded().has(i);
    const action = stateText(r, out);
    const name = t('rowName', r.subscription, r.customer, r.current, r.next, action);
    const box = this.checkbox(t('includeRow', `${r.subscription} — ${r.customer}`), r.state !== 'skip' && !out,
      !(this.host.editable() && r.state === 'change'), (on) => this.host.onToggle([i], !on));
    const show = el('button', { class: 'link', tabindex: '-1', type: 'button', title: t('showInTree'), 'aria-label': t('showInTree') }, '↗');
    show.addEventListener('click', () => this.host.onShowInTree(i));
    return el('div', { class: `line row state-${out ? 'excluded' : r.state}`, role: 'row', 'aria-label': name, 'data-key': `${r.customerId}/${r.subscriptionId}`.toLowerCase() },
      el('span', { class: 'cell check', role: 'gridcell' }, box),
      el('span', { class: 'cell customer', role: 'gridcell' }, el('bdi', {}, r.customer)),
      el('span', { class: 'cell subscription', role: 'gridcell' }, el('bdi', {}, r.subscription), show),
      // The contacts and the state are the host's plain text: a name in them is already isolated
      // (U+2068 … U+2069, describeContact), so no second <bdi>; each cell is its own box anyway.
      el('span', { class: 'cell current', role: 'gridcell' }, r.current),
      el('span', { class: 'cell next', role: 'gridcell' }, r.next),
      el('span', { class: 'cell state', role: 'gridcell', title: action }, action));
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      e.preventDefault();
      this.moveTo(this.active + moves[e.key]);
      return;
    }
    const line = this.lines[this.active];
    if (!line || (e.key !== ' ' && e.key !== 'Enter')) return;
    e.preventDefault();
    if (e.key === 'Enter' && line.kind === 'row') { this.host.onShowInTree(line.i); return; }
    if (!this.host.editable()) return;
    if (line.kind === 'group') { if (line.changeable.length) this.host.onToggle(line.changeable, line.toChange > 0); return; }
    if (this.host.row(line.i).state === 'change') this.host.onToggle([line.i], !this.host.excluded().has(line.i));
  }

  private moveTo(n: number): void {
    this.active = Math.max(0, Math.min(this.lines.length - 1, n));
    const top = this.active * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
    this.render();
  }
}

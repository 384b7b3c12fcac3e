// A virtualised grid (only the lines in view are in the DOM, so 50,000 rows stay responsive), shared
// by the Reassignment panel and the Health Check Report. One tab stop; ↑/↓/Home/End/PageUp/PageDown
// move the active line (announced through aria-activedescendant); Space and Enter go to the host.
// The host draws each line (text with textContent only); this class places, scrolls and re-draws them.
import { el } from './dom';

export const ROW_HEIGHT = 26;
const OVERSCAN = 8;

export interface VirtualGridHost {
  /** The element of line n (the grid sets its id, row index, position and active class). */
  lineElement(n: number): HTMLElement;
  /** Space or Enter on the active line. */
  onKey(n: number, key: ' ' | 'Enter'): void;
  /** A mouse press made line n the active one. */
  onActivate(n: number): void;
}

export class VirtualGrid {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly empty: HTMLElement;
  private count = 0;
  private readonly rendered = new Map<number, HTMLElement>();
  private active = 0;
  private frame = 0;

  constructor(private readonly host: VirtualGridHost, label: string, emptyText: string) {
    this.spacer = el('div', { class: 'spacer' });
    this.viewport = el('div', { class: 'viewport', role: 'grid', tabindex: '0', 'aria-label': label, 'aria-multiselectable': 'false' }, this.spacer);
    this.empty = el('p', { class: 'empty', hidden: true }, emptyText);
    this.element = el('div', { class: 'grid' }, this.viewport, this.empty);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('focus', () => this.render());
    window.addEventListener('resize', () => this.schedule());
  }

  /** The number of lines changed (a new filter, sort or data): re-draws what is in view. */
  setCount(count: number, emptyText?: string): void {
    this.count = count;
    this.active = Math.min(this.active, Math.max(0, count - 1));
    this.spacer.style.height = `${count * ROW_HEIGHT}px`; // CSSOM: allowed by the style-src CSP
    this.viewport.setAttribute('aria-rowcount', String(count));
    if (emptyText !== undefined) this.empty.textContent = emptyText;
    this.empty.hidden = count > 0;
    this.render();
  }

  /** Renders the lines in view now (after updates, or a scroll on the next frame). */
  render(): void {
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || ROW_HEIGHT * 20;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.count, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const nodes: HTMLElement[] = [];
    this.rendered.clear();
    for (let n = first; n < last; n++) {
      const node = this.place(n);
      this.rendered.set(n, node);
      nodes.push(node);
    }
    this.spacer.replaceChildren(...nodes);
    if (this.count) this.viewport.setAttribute('aria-activedescendant', `line-${this.active}`); else this.viewport.removeAttribute('aria-activedescendant');
  }

  /** Re-draws just the given lines where they are in view (a batch of live updates). */
  updateLines(lines: Iterable<number>): void {
    for (const n of lines) {
      const old = this.rendered.get(n);
      if (!old) continue;
      const node = this.place(n);
      old.replaceWith(node);
      this.rendered.set(n, node);
    }
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  private place(n: number): HTMLElement {
    const node = this.host.lineElement(n);
    node.id = `line-${n}`;
    node.setAttribute('aria-rowindex', String(n + 1));
    node.style.top = `${n * ROW_HEIGHT}px`;
    if (n === this.active) node.classList.add('active');
    node.addEventListener('mousedown', () => { this.active = n; this.host.onActivate(n); });
    return node;
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      e.preventDefault();
      this.moveTo(this.active + moves[e.key]);
      return;
    }
    if (this.active >= this.count || (e.key !== ' ' && e.key !== 'Enter')) return;
    e.preventDefault();
    this.host.onKey(this.active, e.key);
  }

  private moveTo(n: number): void {
    this.active = Math.max(0, Math.min(this.count - 1, n));
    const top = this.active * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
    this.render();
  }
}

/** A checkbox for a grid cell (outside the tab order: Space on the active line toggles it). */
export function gridCheckbox(label: string, checked: boolean, disabled: boolean, onChange: (checked: boolean) => void): HTMLInputElement {
  const box = el('input', { type: 'checkbox', tabindex: '-1', 'aria-label': label, disabled });
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  return box;
}

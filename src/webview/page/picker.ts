// A searchable reseller picker: a combobox input with a listbox (ARIA 1.2 pattern). Type to filter by
// name, PartnerID or tenant ID; Arrow keys move, Enter chooses, Escape closes (or clears).
import type { ResellerView } from '../shared/protocol';
import { el, fill, serviceName } from './dom';
import { count, pluralKey, t } from './l10n';

export interface PickerOptions {
  resellers: ResellerView[];
  query: string;
  onQuery(query: string): void;
  onChoose(reseller: ResellerView): void;
}

export class ResellerPicker {
  readonly root: HTMLDivElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private shown: ResellerView[] = [];
  private active = -1;

  constructor(private readonly o: PickerOptions) {
    this.input = el('input', {
      id: 'reseller', type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'reseller-list',
      'aria-describedby': 'reseller-hint', placeholder: t('resellerPlaceholder'),
    });
    this.input.value = o.query;
    this.list = el('ul', { id: 'reseller-list', role: 'listbox', 'aria-label': t('resellerListLabel'), class: 'listbox', hidden: true });
    const active = o.resellers.filter((r) => r.active).length;
    this.root = el('div', { class: 'field picker' },
      el('label', { for: 'reseller' }, t('resellerLabel')),
      this.input,
      el('div', { id: 'reseller-hint', class: 'hint' }, t(pluralKey(active, 'resellerCountOne', 'resellerCountOther'), count(active))),
      this.list);
    this.input.addEventListener('input', () => { this.o.onQuery(this.input.value); this.open(); });
    this.input.addEventListener('focus', () => this.open());
    this.input.addEventListener('click', () => this.open());
    this.input.addEventListener('blur', () => this.close());
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    // mousedown (not click) so the input keeps focus while choosing.
    this.list.addEventListener('mousedown', (e) => {
      const item = (e.target as Element | null)?.closest('li[data-index]');
      if (!item) return;
      e.preventDefault();
      this.choose(Number(item.getAttribute('data-index')));
    });
  }

  setDisabled(disabled: boolean): void {
    this.input.disabled = disabled;
    if (disabled) this.close();
  }

  /** Shows the chosen reseller's name without filtering. */
  setText(text: string): void {
    this.input.value = text;
  }

  private matches(): ResellerView[] {
    const q = this.input.value.trim().toLowerCase();
    const active = this.o.resellers.filter((r) => r.active);
    if (q === '') return active;
    return active.filter((r) => r.name.toLowerCase().includes(q) || r.mpnId.includes(q) || r.id.toLowerCase().includes(q));
  }

  open(): void {
    if (this.input.disabled) return;
    this.shown = this.matches();
    this.active = this.shown.length > 0 ? Math.max(0, Math.min(this.active, this.shown.length - 1)) : -1;
    fill(this.list, ...(this.shown.length === 0
      ? [el('li', { class: 'empty', role: 'option', 'aria-disabled': 'true' }, t('noResellerMatches'))]
      : this.shown.map((r, i) => el('li', { id: `reseller-option-${i}`, role: 'option', 'data-index': String(i), 'aria-selected': 'false' },
        serviceName(r.name, { class: 'option-name' }),
        el('span', { class: 'option-meta' }, t('contactMeta', r.mpnId, r.id))))));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private highlight(): void {
    this.list.querySelectorAll('li[data-index]').forEach((li, i) => {
      li.setAttribute('aria-selected', String(i === this.active));
      li.classList.toggle('active', i === this.active);
    });
    if (this.active >= 0) {
      this.input.setAttribute('aria-activedescendant', `reseller-option-${this.active}`);
      document.getElementById(`reseller-option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private choose(index: number): void {
    const r = this.shown[index];
    if (!r) return;
    this.input.value = r.name;
    this.o.onQuery(r.name);
    this.close();
    this.o.onChoose(r);
  }

  private onKey(e: KeyboardEvent): void {
    const isOpen = !this.list.hidden;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        if (!isOpen) { this.open(); return; }
        if (this.shown.length === 0) return;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        this.active = (this.active + step + this.shown.length) % this.shown.length;
        this.highlight();
        return;
      }
      case 'Home': case 'End':
        if (!isOpen || this.shown.length === 0) return;
        e.preventDefault();
        this.active = e.key === 'Home' ? 0 : this.shown.length - 1;
        this.highlight();
        return;
      case 'Enter':
        if (isOpen && this.active >= 0) { e.preventDefault(); this.choose(this.active); }
        return;
      case 'Escape':
        if (isOpen) { e.preventDefault(); e.stopPropagation(); this.close(); } else if (this.input.value !== '') {
          e.preventDefault(); this.input.value = ''; this.o.onQuery('');
        }
        return;
      case 'Tab':
        this.close();
        return;
    }
  }
}

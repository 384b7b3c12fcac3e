// Read-only pieces of the editor page: the summary, a contact, the NCE note, the conflict and error
// panels. Service strings only ever go through textContent (via el()).
import type { ContactView, EditorData, ErrorView } from '../protocol';
import { el } from './dom';

export function contactLines(c: ContactView | null): HTMLElement {
  if (!c) return el('span', { class: 'muted' }, 'None');
  return el('span', { class: 'contact' },
    el('span', { class: 'contact-name' }, c.name),
    el('span', { class: 'contact-meta' }, `PartnerID ${c.supportMpnId} · Tenant ${c.supportTenantId}`));
}

function row(term: string, value: Node | string, id?: string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', id ? { id } : {}, value)];
}

export function summary(d: EditorData): HTMLElement {
  const s = d.subscription;
  const kind = s.nce ? 'New Commerce (NCE)' : 'Legacy (license-based)';
  const customer = d.customer.domain ? `${d.customer.companyName} (${d.customer.domain})` : d.customer.companyName;
  return el('section', { class: 'summary', 'aria-label': 'Subscription' },
    el('dl', {},
      ...row('Customer', customer),
      ...row('Subscription', s.name),
      ...row('Offer', s.offerName || s.offerId),
      ...row('Status', s.status + (s.quantity === undefined ? '' : ` · ${s.quantity} licences`)),
      ...row('Type', kind),
      ...row('Current support contact', contactLines(d.contact), 'current-contact')));
}

export function nceNote(): HTMLElement {
  return el('div', { id: 'nce-note', class: 'note', role: 'note' },
    el('strong', {}, 'This is a New Commerce (NCE) subscription.'),
    ' ',
    'The Partner Center API does not support a support contact on New Commerce subscriptions, so there is nothing to save here. ',
    'Support contacts can be changed only on traditional (legacy, license-based) subscriptions.');
}

export function errorPanel(title: string, e: ErrorView, actions: HTMLElement[]): HTMLElement {
  const facts: string[] = [];
  if (e.status !== undefined) facts.push(`HTTP ${e.status}`);
  if (e.code !== undefined) facts.push(`code ${e.code}`);
  return el('div', { class: 'error-panel' },
    el('p', { class: 'error-title' }, title),
    el('p', { class: 'error-message' }, e.message),
    e.description ? el('p', { class: 'error-description' }, `Partner Center said: ${e.description}`) : null,
    facts.length ? el('p', { class: 'error-facts' }, facts.join(' · ')) : null,
    e.requestId ? el('p', { class: 'ids' }, `Request ID: ${e.requestId}`) : null,
    e.correlationId ? el('p', { class: 'ids' }, `Correlation ID: ${e.correlationId}`) : null,
    el('div', { class: 'actions' }, ...actions));
}

export function conflictPanel(original: ContactView | null, proposed: ContactView, theirs: ContactView | null, actions: HTMLElement[]): HTMLElement {
  const column = (heading: string, c: ContactView | null) => el('div', { class: 'conflict-column' }, el('h3', {}, heading), contactLines(c));
  return el('div', { id: 'conflict', class: 'conflict-panel' },
    el('p', { class: 'error-title' }, 'The support contact was changed by someone else since you opened this form.'),
    el('div', { class: 'conflict-columns' },
      column('When you opened the form (old)', original),
      column('Your choice (new)', proposed),
      column('Now in Partner Center (theirs)', theirs)),
    el('p', {}, 'Overwrite their change with yours?'),
    el('div', { class: 'actions' }, ...actions));
}

export function savedPanel(c: ContactView): HTMLElement {
  return el('section', { id: 'saved', class: 'saved-panel', 'aria-label': 'Saved support contact' },
    el('h2', {}, 'Saved support contact'), contactLines(c));
}

export function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

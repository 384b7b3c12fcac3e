// Read-only pieces of the editor page: the summary, a contact, the NCE note, the conflict and error
// panels. Service strings only ever go through textContent (via el()); the page's own words through t().
// A service name is its own <bdi> (serviceName()), also inside a sentence (tParts()).
import type { ContactView, EditorData, ErrorView } from '../shared/protocol';
import { el, serviceName } from './dom';
import { count, pluralKey, t, tParts } from './l10n';

export function contactLines(c: ContactView | null): HTMLElement {
  if (!c) return el('span', { class: 'muted' }, t('none'));
  return el('span', { class: 'contact' },
    ...(c.indirectProvider ? [el('span', { class: 'contact-name' }, t('indirectProvider'))] : []),
    serviceName(c.name, { class: c.indirectProvider ? 'contact-provider' : 'contact-name' }),
    el('span', { class: 'contact-meta' }, t('contactMeta', c.supportMpnId, c.supportTenantId)));
}

function row(term: string, value: Node | string | (Node | string)[], id?: string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', id ? { id } : {}, ...(Array.isArray(value) ? value : [value]))];
}

export function summary(d: EditorData): HTMLElement {
  const s = d.subscription;
  const kind = s.nce ? t('typeNce') : t('typeLegacy');
  const customer = d.customer.domain
    ? tParts('customerWithDomain', serviceName(d.customer.companyName), serviceName(d.customer.domain)) : serviceName(d.customer.companyName);
  const status = s.quantity === undefined ? s.status
    : t(pluralKey(s.quantity, 'statusWithLicencesOne', 'statusWithLicencesOther'), s.status, count(s.quantity));
  return el('section', { class: 'summary', 'aria-label': t('summaryLabel') },
    el('dl', {},
      ...row(t('customer'), customer),
      ...row(t('subscription'), serviceName(s.name)),
      ...row(t('offer'), serviceName(s.offerName || s.offerId)),
      ...row(t('status'), status),
      ...row(t('type'), kind),
      ...row(t('currentContact'), contactLines(d.contact), 'current-contact')));
}

export function nceNote(): HTMLElement {
  return el('div', { id: 'nce-note', class: 'note', role: 'note' },
    el('strong', {}, t('nceNoteTitle')),
    ' ',
    t('nceNoteBody'));
}

export function errorPanel(title: string, e: ErrorView, actions: HTMLElement[]): HTMLElement {
  const facts: string[] = [];
  if (e.status !== undefined) facts.push(t('httpStatus', String(e.status)));
  if (e.code !== undefined) facts.push(t('errorCode', e.code));
  return el('div', { class: 'error-panel' },
    el('p', { class: 'error-title' }, title),
    el('p', { class: 'error-message' }, e.message),
    e.description ? el('p', { class: 'error-description' }, t('serviceSaid', e.description)) : null,
    facts.length ? el('p', { class: 'error-facts' }, facts.join(' · ')) : null,
    e.requestId ? el('p', { class: 'ids' }, t('requestId', e.requestId)) : null,
    e.correlationId ? el('p', { class: 'ids' }, t('correlationId', e.correlationId)) : null,
    el('div', { class: 'actions' }, ...actions));
}

export function conflictPanel(original: ContactView | null, proposed: ContactView, theirs: ContactView | null, actions: HTMLElement[]): HTMLElement {
  const column = (heading: string, c: ContactView | null) => el('div', { class: 'conflict-column' }, el('h3', {}, heading), contactLines(c));
  return el('div', { id: 'conflict', class: 'conflict-panel' },
    el('p', { class: 'error-title' }, t('conflictTitle')),
    el('div', { class: 'conflict-columns' },
      column(t('conflictOld'), original),
      column(t('conflictNew'), proposed),
      column(t('conflictTheirs'), theirs)),
    el('p', {}, t('conflictQuestion')),
    el('div', { class: 'actions' }, ...actions));
}

/** After a save: the contact saved, or (not confirmed by Partner Center) the one a re-read shows now. */
export function savedPanel(c: ContactView, confirmed = true): HTMLElement {
  const label = confirmed ? t('savedLabel') : t('unconfirmedLabel');
  return el('section', { id: 'saved', class: 'saved-panel', 'aria-label': label },
    el('h2', {}, label), contactLines(c));
}

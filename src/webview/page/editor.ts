// The support-contact editor page (runs in the webview; bundled by esbuild to dist/webview/editor.js).
// It never talks to the network and never sees a token: it asks the host with typed requests (each
// with an id) and renders the replies. State survives hide/show and reload through setState.
import { MAX_NAME_LENGTH, fieldErrors, matchingReseller, sameContact } from '../shared/contactRules';
import type { PageStringKey } from '../shared/pageStrings';
import type { ContactView, EditorData, ErrorView, FormState, HostMessage, PageMessage, PersistedState } from '../shared/protocol';
import { button, byId, el, fill, serviceName } from './dom';
import { listen, vscode } from './host';
import { count, t, tParts } from './l10n';
import { ResellerPicker } from './picker';
import { conflictPanel, contactLines, errorPanel, nceNote, savedPanel, summary } from './views';

type FieldKey = 'tenantId' | 'mpnId' | 'name';
const FIELDS: { key: FieldKey; label: PageStringKey; placeholder: string }[] = [
  { key: 'tenantId', label: 'tenantIdLabel', placeholder: '00000000-0000-0000-0000-000000000000' }, // a GUID's shape, in every language
  { key: 'mpnId', label: 'mpnIdLabel', placeholder: t('mpnIdPlaceholder') },
  { key: 'name', label: 'nameLabel', placeholder: t('namePlaceholder') },
];
const EXAMPLE_GUID = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

let persisted: Partial<PersistedState> = restore();
let busy = false;
let lastProposed: ContactView | undefined;
const touched = new Set<FieldKey>();
interface Controls {
  picker: ResellerPicker; manual: HTMLInputElement; save: HTMLButtonElement; match: HTMLElement;
  inputs: Record<FieldKey, HTMLInputElement>; errors: Record<FieldKey, HTMLElement>;
}
let ui: Controls | undefined;

function restore(): Partial<PersistedState> {
  const s = vscode.getState();
  return typeof s === 'object' && s !== null ? (s as Partial<PersistedState>) : {};
}
const persist = (): void => vscode.setState(persisted);

function newId(): string {
  const a = new Uint32Array(2);
  crypto.getRandomValues(a);
  return `p${a[0].toString(36)}${a[1].toString(36)}`;
}
type Request = PageMessage extends infer M ? (M extends PageMessage ? Omit<M, 'id'> : never) : never;
const send = (m: Request): void => vscode.postMessage({ ...m, id: newId() });

const statusEl = (): HTMLElement | null => byId('status');
const alertEl = (): HTMLElement | null => byId('alert');
function setStatus(text: string): void { const s = statusEl(); if (s) s.textContent = text; }
function setAlert(...content: HTMLElement[]): void { const a = alertEl(); if (a) fill(a, ...content); }

function formFrom(contact: ContactView | null): FormState {
  return { manual: false, query: contact?.name ?? '', selectedId: contact?.supportTenantId ?? '',
    tenantId: contact?.supportTenantId ?? '', mpnId: contact?.supportMpnId ?? '', name: contact?.name ?? '' };
}
const formContact = (f: FormState): ContactView => ({ supportTenantId: f.tenantId.trim(), supportMpnId: f.mpnId.trim(), name: f.name.trim() });

// ---- rendering -------------------------------------------------------------------------------

function render(data: EditorData): void {
  const app = byId('app');
  if (!app) return;
  app.setAttribute('aria-busy', 'false');
  ui = undefined;
  const heading = el('h1', { id: 'heading' }, serviceName(data.subscription.name));
  if (data.subscription.nce) {
    fill(app, heading, summary(data), nceNote(),
      el('div', { class: 'actions' }, button(t('close'), () => send({ type: 'cancel' }), { class: 'secondary' })), feedbackArea());
    return;
  }
  const form = (persisted.form ??= formFrom(data.contact));
  const { root, controls } = contactForm(data, form);
  fill(app, heading, summary(data), root);
  ui = controls;
  update();
}

const feedbackArea = (): HTMLElement => el('div', { class: 'feedback' }, el('div', { id: 'status', role: 'status' }), el('div', { id: 'alert', role: 'alert' }));

/** The form: the reseller picker, the manual toggle, the three fields, the match hint, Save and Cancel. */
function contactForm(data: EditorData, form: FormState): { root: HTMLElement; controls: Controls } {
  const picker = resellerPicker(data, form);
  const manual = el('input', { id: 'manual', type: 'checkbox' });
  manual.checked = form.manual;
  manual.addEventListener('change', () => { form.manual = manual.checked; update(); });
  const { fields, inputs, errors } = fieldRows(form);
  // The webview has no allow-forms (enableForms: false): no submit events, so Save is a plain button.
  const save = button(t('save'), submit, { id: 'save' });
  const cancel = button(t('cancel'), () => send({ type: 'cancel' }), { id: 'cancel', class: 'secondary' });
  const match = el('p', { id: 'match', class: 'hint', 'aria-live': 'polite' });
  const root = el('form', { id: 'contact-form', novalidate: true, 'aria-label': t('formLabel') },
    el('h2', {}, t('newContact')),
    picker.root,
    el('div', { class: 'toggle' }, manual, el('label', { for: 'manual' }, t('enterManually'))),
    ...fields, match,
    el('div', { class: 'actions' }, save, cancel),
    feedbackArea());
  root.addEventListener('submit', (e) => e.preventDefault());
  for (const input of Object.values(inputs)) input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); submit(); } });
  return { root, controls: { picker, manual, save, match, inputs, errors } };
}

function resellerPicker(data: EditorData, form: FormState): ResellerPicker {
  return new ResellerPicker({
    resellers: data.resellers, query: form.query,
    onQuery: (q) => { form.query = q; persist(); },
    onChoose: (r) => {
      Object.assign(form, { selectedId: r.id, tenantId: r.id, mpnId: r.mpnId, name: r.name });
      touched.clear();
      update();
    },
  });
}

/** The tenant id, MPN id and name fields, each with its label and its error line. */
function fieldRows(form: FormState): { fields: HTMLElement[]; inputs: Record<FieldKey, HTMLInputElement>; errors: Record<FieldKey, HTMLElement> } {
  const inputs = {} as Record<FieldKey, HTMLInputElement>;
  const errors = {} as Record<FieldKey, HTMLElement>;
  const fields = FIELDS.map(({ key, label, placeholder }) => {
    const input = el('input', { id: key, type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder, 'aria-describedby': `${key}-error` });
    input.value = form[key];
    input.addEventListener('input', () => { form[key] = input.value; touched.add(key); update(); });
    input.addEventListener('blur', () => { touched.add(key); update(); });
    inputs[key] = input;
    errors[key] = el('div', { id: `${key}-error`, class: 'field-error', role: 'alert' });
    return el('div', { class: 'field' }, el('label', { for: key }, t(label)), input, errors[key]);
  });
  return { fields, inputs, errors };
}

/** Recomputes validation, the match check and what is enabled; persists the form. */
function update(): void {
  const data = persisted.data;
  const form = persisted.form;
  if (!ui || !data || !form) return;
  const contact = formContact(form);
  const errs = fieldErrors(contact);
  for (const { key } of FIELDS) {
    const input = ui.inputs[key];
    if (input.value !== form[key]) input.value = form[key];
    input.readOnly = !form.manual;
    input.disabled = busy;
    const show = form.manual && (touched.has(key) || form[key] !== '') ? fieldErrorText(errs[key]) : '';
    ui.errors[key].textContent = show;
    if (show) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  }
  ui.manual.disabled = busy;
  ui.picker.setDisabled(busy);
  const valid = !errs.tenantId && !errs.mpnId && !errs.name;
  const reseller = valid ? matchingReseller(contact, data.resellers) : undefined;
  const unchanged = !!reseller && sameContact({ ...contact, supportTenantId: reseller.id, supportMpnId: reseller.mpnId, name: reseller.name }, data.contact);
  let hint: (string | Node)[];
  if (!valid) hint = [form.manual ? t('hintFillFields') : t('hintChooseReseller')];
  else if (!reseller) hint = [t('hintNoMatch')];
  else if (unchanged) hint = tParts('hintUnchanged', serviceName(reseller.name));
  else hint = tParts('hintMatches', serviceName(reseller.name));
  fill(ui.match, ...hint);
  ui.match.classList.toggle('invalid', valid && !reseller);
  ui.save.disabled = busy || !reseller || unchanged;
  persist();
}

function fieldErrorText(error: ReturnType<typeof fieldErrors>[FieldKey]): string {
  switch (error) {
    case '': return '';
    case 'tenantIdInvalid': return t(error, EXAMPLE_GUID);
    case 'mpnIdInvalid': return t(error);
    case 'nameInvalid': return t(error, count(MAX_NAME_LENGTH));
  }
}

function setBusy(value: boolean): void {
  busy = value;
  byId('contact-form')?.setAttribute('aria-busy', String(value));
  update();
}

function submit(): void {
  const form = persisted.form;
  const data = persisted.data;
  if (!ui || ui.save.disabled || !form || !data) return;
  const reseller = matchingReseller(formContact(form), data.resellers);
  if (!reseller) return;
  saveContact({ supportTenantId: reseller.id, supportMpnId: reseller.mpnId, name: reseller.name });
}

function saveContact(contact: ContactView): void {
  lastProposed = contact;
  byId('saved')?.remove();
  setAlert();
  setStatus(t('saving'));
  setBusy(true);
  send({ type: 'save', contact });
}

function showCurrent(contact: ContactView | null): void {
  if (persisted.data) persisted.data.contact = contact;
  const dd = byId('current-contact');
  if (dd) fill(dd, contactLines(contact));
}

// ---- host replies ------------------------------------------------------------------------------

function showLoadError(error: ErrorView): void {
  const app = byId('app');
  if (!app) return;
  app.setAttribute('aria-busy', 'false');
  const retry = button(t('retry'), () => { setAlert(); setStatus(t('loading')); send({ type: 'reload' }); }, { id: 'retry' });
  const copy = button(t('copyDetails'), () => send({ type: 'copyDetails' }), { class: 'secondary' });
  if (!persisted.data) {
    fill(app, el('h1', { id: 'heading' }, t('loadErrorHeading')), el('div', { id: 'status', role: 'status' }), el('div', { id: 'alert', role: 'alert' }));
  }
  setStatus('');
  setAlert(errorPanel(t('loadErrorTitle'), error, [retry, copy]));
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'loading':
      if (persisted.target && !sameKey(persisted.target, m.target)) persisted = {};
      persisted.target = m.target;
      persist();
      return;
    case 'state':
      persisted.target = m.target;
      persisted.data = m.data;
      render(m.data);
      return;
    case 'loadError':
      persisted.target = m.target;
      persist();
      showLoadError(m.error);
      return;
    case 'progress':
      setStatus(m.message);
      return;
    case 'conflict': onConflict(m); return;
    case 'saved': onSaved(m); return;
    case 'saveError': onSaveError(m); return;
    case 'done':
      return;
  }
}

type Reply<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;

/** Someone else changed the contact: old, new and theirs side by side; Overwrite or Keep theirs. */
function onConflict(m: Reply<'conflict'>): void {
  setBusy(false);
  setStatus('');
  showCurrent(m.theirs);
  const overwrite = button(t('overwrite'), () => saveContact(m.proposed), { id: 'overwrite' });
  const keep = button(t('keepTheirs'), () => {
    persisted.form = formFrom(m.theirs);
    if (persisted.data) render(persisted.data);
    setStatus(t('keptTheirs'));
  }, { class: 'secondary', id: 'keep-theirs' });
  setAlert(conflictPanel(m.original, m.proposed, m.theirs, [overwrite, keep]));
  update();
}

function onSaved(m: Reply<'saved'>): void {
  showCurrent(m.contact);
  persisted.form = { ...formFrom(m.contact), manual: persisted.form?.manual ?? false };
  ui?.picker.setText(m.contact.name);
  setBusy(false);
  setAlert();
  setStatus(m.confirmed ? t('saved') : t('savedUnconfirmed'));
  byId('saved')?.remove();
  byId('contact-form')?.after(savedPanel(m.contact, m.confirmed));
}

function onSaveError(m: Reply<'saveError'>): void {
  setBusy(false);
  setStatus('');
  const retry = lastProposed ? button(t('retry'), () => lastProposed && saveContact(lastProposed), { id: 'retry' }) : null;
  const copy = button(t('copyDetails'), () => send({ type: 'copyDetails' }), { class: 'secondary' });
  // Not confirmed (accepted, re-read failed): it may have been applied, so not "was not saved".
  setAlert(errorPanel(m.error.unconfirmed ? t('saveUnconfirmedTitle') : t('saveErrorTitle'), m.error, retry ? [retry, copy] : [copy]));
}

function sameKey(a: { customerId: string; subscriptionId: string }, b: { customerId: string; subscriptionId: string }): boolean {
  return a.customerId.toLowerCase() === b.customerId.toLowerCase() && a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase();
}

listen<HostMessage>(onMessage);

// Show what we had at once (hide/show, reload), then ask the host for fresh state.
if (persisted.data) render(persisted.data);
send({ type: 'ready' });

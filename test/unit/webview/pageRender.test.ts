// The editor page, run under Node with a small DOM (pageDom.ts) through every state it can show:
// with a pseudo-localized table, every word a person or screen reader gets comes from the table
// (or is service data), and every key of the table is shown somewhere; with the English table the
// page says exactly what it always said (the integration tests find elements by that text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEditorHtml, makeNonce } from '../../../src/webview/html';
import { PAGE_STRING_KEYS, PAGE_STRINGS_ELEMENT_ID, type PageStrings } from '../../../src/webview/shared/pageStrings';
import { pageStringTable } from '../../../src/webview/pageStringTable';
import type { ContactView, EditorData, EditorTarget, ErrorView, ResellerView } from '../../../src/webview/shared/protocol';
import { assertNamesIsolated, startPage, visibleTexts, type RunningPage } from './pageDom';

const target: EditorTarget = { customerId: 'c0c0c0c0-0000-4000-8000-000000000001', subscriptionId: '5b5b5b5b-0000-4000-8000-000000000001' };
const bellows: ResellerView = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Bellows Reseller', mpnId: '4391507', active: true };
const contoso: ResellerView = { id: 'aaaaaaaa-0000-4000-8000-000000000002', name: 'Contoso Partners', mpnId: '5550001', active: true };
const dormant: ResellerView = { id: 'aaaaaaaa-0000-4000-8000-000000000003', name: 'Dormant Traders', mpnId: '5550002', active: false };
const contactOf = (r: ResellerView): ContactView => ({ supportTenantId: r.id, supportMpnId: r.mpnId, name: r.name });

const legacy: EditorData = {
  customer: { id: target.customerId, companyName: 'Fabrikam Widgets', domain: 'fabrikam.example' },
  subscription: { id: target.subscriptionId, name: 'Office 365 E3', offerName: 'Office 365 Enterprise E3', offerId: '796B6B5F-613C-4E24-A17C-EBA730D49C02', status: 'active', nce: false, quantity: 25 },
  contact: contactOf(bellows),
  resellers: [bellows, contoso, dormant],
};
const nce: EditorData = {
  customer: { id: target.customerId, companyName: 'Northwind Traders', domain: '' },
  subscription: { id: target.subscriptionId, name: 'Microsoft 365 Business Basic', offerName: '', offerId: 'CFQ7TTC0LH18:0001', status: 'active', nce: true, quantity: 1 },
  contact: null,
  resellers: [bellows],
};
const single: EditorData = {
  ...legacy,
  customer: { ...legacy.customer, domain: '' },
  subscription: { ...legacy.subscription, quantity: undefined },
  resellers: [contoso, dormant],
};
const serviceError: ErrorView = {
  kind: 'service', message: 'Partner Center had a problem answering. Retry in a moment, or copy the details for support.',
  description: 'Internal failure while reading the subscription', status: 500, code: '2000',
  requestId: 'f3a8c2de-0000-4000-8000-00000000000a', correlationId: 'f3a8c2de-0000-4000-8000-00000000000b', details: 'Kind: service',
};
/** Accepted by Partner Center (2xx) without the contact, and the re-read failed. */
const unconfirmedError: ErrorView = {
  kind: 'service', unconfirmed: true, requestId: 'f3a8c2de-0000-4000-8000-00000000000c', details: 'Kind: service',
  message: 'Partner Center accepted the change but did not say what it stored, and reading the support contact again failed. The change may have been applied: refresh to see the current support contact.',
};
const bareError: ErrorView = { kind: 'network', message: 'Partner Center could not be reached. Check your network or proxy settings and retry.', details: 'Kind: network' };

/** Strings that come from Partner Center or the host's own (already localized) messages. */
const serviceValues = new Set<string>([
  'Contoso Distribution',
  ...[legacy, nce].flatMap((d) => [d.customer.companyName, d.customer.domain, d.subscription.name, d.subscription.offerName, d.subscription.offerId, d.subscription.status]),
  ...[bellows, contoso, dormant].flatMap((r) => [r.name, r.mpnId, r.id]),
  serviceError.message, bareError.message, unconfirmedError.message,
].filter(Boolean));

const pseudoLocalized = (): PageStrings => {
  const english = pageStringTable();
  return Object.fromEntries(PAGE_STRING_KEYS.map((k) => [k, `⟪${k}|${english[k]}⟫`])) as PageStrings;
};

const unescapeHtml = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');

/** The page as the host starts it: what buildEditorHtml renders (the table's raw JSON, the loading text). */
function openPage(strings: PageStrings, lang = 'en'): RunningPage {
  const html = buildEditorHtml({ cspSource: 'https://x.example', nonce: makeNonce(), title: 'Office 365 E3', strings, lang, scriptUri: 'https://x.example/e.js', styleUri: 'https://x.example/e.css' });
  const json = new RegExp(`<script type="application/json" id="${PAGE_STRINGS_ELEMENT_ID}">([\\s\\S]*?)</script>`).exec(html)?.[1];
  const loading = /<p id="loading" role="status">([^<]*)<\/p>/.exec(html)?.[1];
  const htmlLang = /<html lang="([^"]*)">/.exec(html)?.[1];
  assert.ok(json !== undefined && loading !== undefined && htmlLang !== undefined);
  return startPage({ lang: htmlLang, tableJson: json, loadingText: unescapeHtml(loading), title: 'Office 365 E3' });
}

function type(page: RunningPage, id: string, value: string): void {
  const input = page.byId(id);
  input.value = value;
  input.dispatch('input');
}

/** Every state the page can show, one snapshot of its visible texts per step. */
function journeys(strings: PageStrings, lang = 'en'): Map<string, string[]> {
  const shots = new Map<string, string[]>();
  let page = openPage(strings, lang);
  const shot = (name: string) => shots.set(name, visibleTexts(page.document));
  const replyTo = 'p1';

  // A legacy subscription: the form, the picker, a save, a conflict, manual entry, errors.
  shot('loading');
  assert.deepEqual(page.sent.map((m) => m.type), ['ready']);
  page.receive({ type: 'loading', replyTo, target });
  page.receive({ type: 'state', replyTo, target, data: legacy });
  shot('form');
  page.byId('reseller').dispatch('focus');
  shot('picker open');
  type(page, 'reseller', 'zzz');
  shot('picker no match');
  type(page, 'reseller', '');
  shot('picker all');
  const list = page.byId('reseller-list');
  const option = list.querySelectorAll('li[data-index]').find((li) => li.textContent.includes(contoso.name));
  assert.ok(option, 'Contoso is offered');
  list.dispatch('mousedown', { target: option });
  shot('chosen');
  page.byId('save').click();
  assert.equal(page.sent.at(-1)?.type, 'save');
  shot('saving');
  page.receive({ type: 'conflict', replyTo, original: contactOf(bellows), proposed: contactOf(contoso), theirs: null });
  shot('conflict');
  page.byId('keep-theirs').click();
  shot('kept theirs');
  const manual = page.byId('manual');
  manual.checked = true;
  manual.dispatch('change');
  shot('manual empty');
  type(page, 'tenantId', 'nope');
  type(page, 'mpnId', '12a');
  page.byId('name').dispatch('blur');
  shot('manual invalid');
  type(page, 'tenantId', contoso.id);
  type(page, 'mpnId', contoso.mpnId);
  type(page, 'name', 'Someone Else');
  shot('manual no match');
  type(page, 'name', contoso.name);
  shot('manual match');
  page.byId('name').dispatch('keydown', { key: 'Enter' });
  assert.equal(page.sent.at(-1)?.type, 'save');
  page.receive({ type: 'progress', replyTo, message: serviceError.message });
  shot('progress');
  page.receive({ type: 'saved', replyTo, contact: contactOf(contoso), confirmed: true });
  shot('saved');
  // The PUT's answer did not say what was stored: the page shows what the re-read found, as such.
  page.receive({ type: 'saved', replyTo, contact: contactOf(contoso), confirmed: false });
  shot('saved unconfirmed');
  page.receive({ type: 'saveError', replyTo, error: unconfirmedError });
  shot('save unconfirmed');
  page.receive({ type: 'saveError', replyTo, error: serviceError });
  shot('save error');
  page.receive({ type: 'loadError', replyTo, target, error: serviceError });
  shot('load error');
  page.byId('retry').click();
  assert.equal(page.sent.at(-1)?.type, 'reload');
  shot('reloading');

  // A load error before anything was shown.
  page = openPage(strings, lang);
  page.receive({ type: 'loadError', replyTo, target, error: bareError });
  shot('first load error');

  // An NCE subscription: the note, no form.
  page = openPage(strings, lang);
  page.receive({ type: 'state', replyTo, target, data: nce });
  shot('nce');

  // One active reseller, no quantity, no domain.
  page = openPage(strings, lang);
  page.receive({ type: 'state', replyTo, target, data: single });
  shot('single reseller');

  // No reseller designated: the service names the indirect provider itself.
  page = openPage(strings, lang);
  page.receive({ type: 'state', replyTo, target, data: { ...single, contact: { supportTenantId: '7f3c1b0e-1111-4222-8333-444455556666', supportMpnId: '4012345', name: 'Contoso Distribution', indirectProvider: true } } });
  shot('indirect provider');
  return shots;
}

test('pseudo-localized: every word the page shows comes from the string table or from the service', () => {
  const shots = journeys(pseudoLocalized());
  const foreign: string[] = [];
  for (const [step, texts] of shots) {
    for (const text of texts) {
      const rest = text.replace(/⟪\w+\|[^⟪⟫]*⟫/g, '');
      const fine = rest === text ? serviceValues.has(text) || !/\p{L}/u.test(text) : !/\p{L}/u.test(rest);
      if (!fine) foreign.push(`${step}: ${JSON.stringify(text)}`);
      if (/\{\d+\}/.test(text)) foreign.push(`${step}: unfilled placeholder in ${JSON.stringify(text)}`);
    }
  }
  assert.deepEqual(foreign, [], 'text that does not go through t()');
});

test('pseudo-localized: every key of the table is shown in some state of the page', () => {
  const shown = new Set<string>();
  for (const texts of journeys(pseudoLocalized()).values()) for (const text of texts) for (const m of text.matchAll(/⟪(\w+)\|/g)) shown.add(m[1]);
  const unused = PAGE_STRING_KEYS.filter((k) => !shown.has(k));
  assert.deepEqual(unused, [], 'keys the page never shows: drop them or use them');
});

test('a translation with markup is shown as text, never parsed', () => {
  const strings = { ...pageStringTable(), save: '<img src=x onerror=alert(1)>Speichern', contactMeta: '</span><b>{0}</b> {1}' };
  const page = openPage(strings, 'de');
  page.receive({ type: 'state', replyTo: 'p1', target, data: legacy });
  const save = page.byId('save');
  assert.equal(save.childNodes.length, 1);
  assert.equal(save.textContent, '<img src=x onerror=alert(1)>Speichern');
  assert.ok(visibleTexts(page.document).includes(`</span><b>${bellows.mpnId}</b> ${bellows.id}`));
  assert.equal(page.document.getElementById('x'), null);
});

test('English: the page shows exactly the texts it showed before localization', () => {
  const shots = journeys(pageStringTable());
  const has = (step: string, ...texts: string[]) => {
    const shown = shots.get(step) ?? [];
    for (const t of texts) assert.ok(shown.includes(t), `${step}: ${JSON.stringify(t)} is not shown; shown: ${JSON.stringify(shown)}`);
  };
  has('loading', 'Loading the subscription and its support contact…');
  has('form', 'Subscription', 'Customer', 'Fabrikam Widgets (fabrikam.example)', 'Offer', 'Status', 'active · 25 licences', 'Type',
    'Legacy (license-based)', 'Current support contact', `PartnerID ${bellows.mpnId} · Tenant ${bellows.id}`, 'Support contact',
    'New support contact', 'Reseller', 'Search by name, PartnerID or tenant ID', 'Resellers',
    '2 active indirect resellers. Choosing one fills the fields below.', 'Enter manually', 'Support tenant ID',
    '00000000-0000-0000-0000-000000000000', 'PartnerID (MPN ID)', 'digits, e.g. 4391507', 'Name', 'the reseller name',
    'Bellows Reseller is already the support contact.', 'Save', 'Cancel');
  has('picker open', `PartnerID ${bellows.mpnId} · Tenant ${bellows.id}`);
  has('picker all', `PartnerID ${contoso.mpnId} · Tenant ${contoso.id}`, contoso.name);
  has('picker no match', 'No active reseller matches.');
  has('chosen', 'Matches your active indirect reseller Contoso Partners.');
  has('saving', 'Saving the support contact…');
  has('conflict', 'The support contact was changed by someone else since you opened this form.', 'When you opened the form (old)',
    'Your choice (new)', 'Now in Partner Center (theirs)', 'None', 'Overwrite their change with yours?', 'Overwrite with mine', 'Keep theirs');
  has('kept theirs', 'Kept the support contact that is in Partner Center.', 'Choose a reseller.');
  has('manual empty', 'Fill in the three fields correctly to continue.');
  has('manual invalid', 'Enter the reseller tenant ID as a GUID, e.g. 0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.',
    'Enter the PartnerID (MPN ID) as digits only.', 'Enter the reseller name (1 to 256 characters).');
  has('manual no match', 'These values do not match any of your active indirect resellers.');
  has('saved', 'Support contact updated', 'Saved support contact');
  has('saved unconfirmed', 'Partner Center accepted the change but did not confirm what it stored. It now shows the support contact below.',
    'Support contact Partner Center shows now', contoso.name);
  has('save unconfirmed', 'Partner Center did not confirm the change.', unconfirmedError.message, 'Retry', 'Copy details');
  const never = (step: string, ...texts: string[]) => {
    for (const t of texts) assert.ok(!(shots.get(step) ?? []).includes(t), `${step}: ${JSON.stringify(t)} is shown`);
  };
  never('saved unconfirmed', 'Support contact updated', 'Saved support contact');
  never('save unconfirmed', 'The support contact was not saved.');
  has('save error', 'The support contact was not saved.', serviceError.message, `Partner Center said: ${serviceError.description}`,
    'HTTP 500 · code 2000', `Request ID: ${serviceError.requestId}`, `Correlation ID: ${serviceError.correlationId}`, 'Retry', 'Copy details');
  has('load error', 'Could not load the subscription.');
  has('reloading', 'Loading…');
  has('first load error', 'Support contact', 'Could not load the subscription.', bareError.message, 'Retry', 'Copy details');
  has('nce', 'This is a New Commerce (NCE) subscription.', 'New Commerce (NCE)', 'Northwind Traders', 'active · 1 licence', 'None', 'Close',
    'The Partner Center API does not support a support contact on New Commerce subscriptions, so there is nothing to save here. Support contacts can be changed only on traditional (legacy, license-based) subscriptions.');
  has('single reseller', '1 active indirect reseller. Choosing it fills the fields below.', 'Fabrikam Widgets', 'active');
});

test('counts follow the display language: digits, grouping and the singular form', () => {
  const table = pageStringTable();
  const quantity = (lang: string, n: number) => {
    const strings = { ...table, statusWithLicencesOne: 'ONE {0} {1}', statusWithLicencesOther: 'OTHER {0} {1}' };
    const page = openPage(strings, lang);
    page.receive({ type: 'state', replyTo: 'p1', target, data: { ...legacy, subscription: { ...legacy.subscription, quantity: n } } });
    return visibleTexts(page.document).find((t) => /^(ONE|OTHER) /.test(t));
  };
  assert.equal(quantity('en', 1500), 'OTHER active 1,500');
  assert.equal(quantity('de', 1500), 'OTHER active 1.500');
  assert.equal(quantity('en', 1), 'ONE active 1');
  assert.equal(quantity('en', 0), 'OTHER active 0');
  assert.equal(quantity('fr', 0), 'ONE active 0', 'French uses the singular for 0');
  assert.equal(quantity('ja', 1), 'OTHER active 1', 'Japanese has no singular form');
  assert.equal(quantity('qps-ploc', 1), 'ONE active 1', 'a language Intl does not know falls back');
});

test('names with a right-to-left override (U+202E) are each isolated in their own <bdi>, once: summary, heading, contact, picker, hint, saved, conflict', () => {
  const evil = (s: string) => `${s}\u202eexe.txt`;
  const rBellows = { ...bellows, name: evil('Bellows') };
  const rContoso = { ...contoso, name: evil('Contoso') };
  const data: EditorData = {
    customer: { ...legacy.customer, companyName: evil('Fabrikam'), domain: evil('fabrikam.example') },
    subscription: { ...legacy.subscription, name: evil('Office 365 E3'), offerName: evil('Office 365 Enterprise E3') },
    contact: contactOf(rBellows), resellers: [rBellows, rContoso, dormant],
  };
  const names = [data.customer.companyName, data.customer.domain, data.subscription.name, data.subscription.offerName, rBellows.name, rContoso.name];
  const page = openPage(pageStringTable());
  page.receive({ type: 'state', replyTo: 'p1', target, data });
  const root = page.document.documentElement;
  const shown = (n: string) => root.querySelectorAll('bdi').some((b) => b.textContent === n);
  for (const n of [data.customer.companyName, data.customer.domain, data.subscription.name, data.subscription.offerName, rBellows.name]) assert.ok(shown(n), `${JSON.stringify(n)} not in a <bdi>`);
  assert.ok(visibleTexts(page.document).includes('Office 365 E3\u202eexe.txt'), 'the heading');
  assertNamesIsolated(root, names);
  // The hint names the reseller inside a sentence: the name in its <bdi>, the sentence's words outside it.
  page.byId('reseller').dispatch('focus');
  type(page, 'reseller', '');
  assertNamesIsolated(root, names);
  const list = page.byId('reseller-list');
  const option = list.querySelectorAll('li[data-index]').find((li) => li.textContent.includes('Contoso'));
  assert.ok(option);
  list.dispatch('mousedown', { target: option });
  const hint = root.querySelectorAll('bdi').find((b) => b.textContent === rContoso.name && b.parentNode?.textContent.startsWith('Matches your active indirect reseller'));
  assert.ok(hint, 'the hint\'s reseller name is not in a <bdi>');
  assert.equal(hint.parentNode?.textContent, `Matches your active indirect reseller ${rContoso.name}.`);
  assertNamesIsolated(root, names);
  page.receive({ type: 'conflict', replyTo: 'p1', original: contactOf(rBellows), proposed: contactOf(rContoso), theirs: contactOf(rContoso) });
  assertNamesIsolated(root, names);
  page.receive({ type: 'saved', replyTo: 'p1', contact: contactOf(rContoso), confirmed: true });
  assert.ok(page.byId('saved').querySelectorAll('bdi').some((b) => b.textContent === rContoso.name));
  assertNamesIsolated(root, names);
});

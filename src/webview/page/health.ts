// The Health Check Report's page (bundled by esbuild to dist/webview/health.js). The host owns the
// stored inventory and any scan; the page draws the totals, the two charts and the findings table
// from each snapshot it is sent (a running scan sends a new one now and then), keeps the user's
// selection, filter, sort and grouping across snapshots, and sends Fix selected, exports and Run.
import type { FindingRow, ReportHostMessage, ReportInitMessage, ReportPageMessage, ReportTotals } from '../shared/healthProtocol';
import { buildReportLines, selectionCounts, topBars, type ReportGroupBy, type ReportSortKey, type ReportViewOptions } from '../shared/healthView';
import { button, byId, el, fill } from './dom';
import { listen, sender } from './host';
import { barChart } from './healthChart';
import { t } from './healthL10n';
import { FindingsTable } from './healthTable';
import { formatCount } from './tableL10n';

const send = sender<ReportPageMessage>();

let data: ReportInitMessage | undefined;
let rows: FindingRow[] = [];
let selected = new Set<string>();
let notice = '';
const view: ReportViewOptions = { query: '', rule: '', sort: 'customer', descending: false, groupBy: 'customer' };
const CHART_BARS = 12;

const table = new FindingsTable({
  row: (i) => rows[i],
  selected: () => selected,
  onSelect: (keys, on) => {
    for (const k of keys) { if (on) selected.add(k); else selected.delete(k); }
    refresh();
  },
  onShowInTree: (key) => send({ type: 'showInTree', key }),
  onActivate: () => table.render(),
});

function headerSection(m: ReportInitMessage): HTMLElement {
  const h = m.header;
  return el('header', { id: 'report-header' },
    el('h1', { id: 'heading' }, t('title')),
    el('p', { class: 'meta' }, h.account ? `${t('metaAccount', h.account)} · ` : '', h.lastScan ? t('metaLastScan', h.lastScan.replace('T', ' ').slice(0, 16)) : t('metaNoScan')),
    h.scanning ? el('p', { class: 'meta scanning', role: 'status' }, t('scanning', h.progress)) : null);
}

function totalsSection(s: ReportTotals): HTMLElement {
  const cards: [string, number, string][] = [
    [t('totCustomers'), s.customers, 'customers'], [t('totSubscriptions'), s.subscriptions, 'subscriptions'], [t('totChecked'), s.checked, 'checked'],
    [t('totHealthy'), s.healthy, 'healthy'], [t('totFindings'), s.findings, 'findings'], [t('totNce'), s.nce, 'nce'],
    [t('totNotActive'), s.notActive, 'notActive'], [t('totUnreadable'), s.unreadable + s.customersUnreadable, 'unreadable'],
  ];
  return el('dl', { class: 'totals', id: 'totals' }, ...cards.map(([label, n, id]) => el('div', { class: `total ${id}`, 'data-total': id },
    el('dt', {}, label), el('dd', {}, formatCount(n)))));
}

function chartsSection(m: ReportInitMessage): HTMLElement {
  return el('section', { class: 'charts', id: 'charts' },
    barChart('chart-contact', t('chartByContact'), topBars(m.byContact, CHART_BARS, t('chartOther')), 'contact'),
    barChart('chart-rule', t('chartByRule'), topBars(m.byRule, CHART_BARS, t('chartOther')), 'rule'));
}

function select<V extends string>(id: string, label: string, options: [V, string][], value: V, onChange: (v: V) => void): HTMLElement[] {
  const s = el('select', { id, 'aria-label': label }, ...options.map(([v, text]) => el('option', { value: v, selected: v === value }, text)));
  s.addEventListener('change', () => onChange(s.value as V));
  return [el('label', { for: id }, label), s];
}

function toolbar(m: ReportInitMessage): HTMLElement {
  const filter = el('input', { id: 'filter', type: 'search', placeholder: t('filterPlaceholder'), 'aria-label': t('filterLabel'), value: view.query });
  filter.addEventListener('input', () => { view.query = filter.value; refresh(); });
  const rules: [string, string][] = [['', t('ruleAll')], ...m.byRule.map((b) => [b.id ?? '', b.label] as [string, string])];
  return el('div', { class: 'toolbar' }, el('label', { for: 'filter' }, t('filterLabel')), filter,
    ...select('rule', t('ruleLabel'), rules, view.rule, (v) => { view.rule = v; refresh(); }),
    ...select<ReportGroupBy>('group-by', t('groupLabel'), [['customer', t('groupCustomer')], ['reseller', t('groupReseller')]], view.groupBy, (v) => { view.groupBy = v; refresh(); }));
}

function columnHeaders(): HTMLElement {
  const cols: [ReportSortKey, string, string][] = [['customer', t('colCustomer'), 'customer'], ['subscription', t('colSubscription'), 'subscription'], ['current', t('colCurrent'), 'current'],
    ['rule', t('colFinding'), 'finding'], ['suggestion', t('colSuggestion'), 'suggestion'], ['read', t('colRead'), 'read']];
  return el('div', { class: 'line headers', role: 'row' }, el('span', { class: 'cell check', role: 'columnheader' }),
    ...cols.map(([key, label, cls]) => {
      const sorted = view.sort === key;
      const b = button(`${label}${sorted ? (view.descending ? ' ▾' : ' ▴') : ''}`, () => { view.descending = sorted ? !view.descending : false; view.sort = key; renderTable(); }, { class: 'sort' });
      return el('span', { class: `cell ${cls}`, role: 'columnheader', 'aria-sort': sorted ? (view.descending ? 'descending' : 'ascending') : 'none' }, b);
    }));
}

/** The keys of the rows the filter shows now. */
function shownKeys(): string[] {
  return buildReportLines(rows, selected, view).flatMap((l) => (l.kind === 'row' ? [rows[l.i].key] : []));
}

function actions(): HTMLElement[] {
  const { fixable, notFixable } = selectionCounts(rows, selected);
  const fix = button(t('fixSelected', fixable), () => send({ type: 'fix', keys: rows.filter((r) => r.fixable && selected.has(r.key)).map((r) => r.key) }), { id: 'fix' });
  fix.disabled = fixable === 0;
  if (fixable === 0) fix.title = t('fixNone');
  return [
    el('span', { id: 'selection', class: 'selection', role: 'status' }, t('selection', selected.size)),
    button(t('selectAllShown'), () => { for (const k of shownKeys()) selected.add(k); refresh(); }, { class: 'secondary', id: 'select-all' }),
    button(t('clearSelection'), () => { selected.clear(); refresh(); }, { class: 'secondary', id: 'clear' }),
    data?.header.canFix ? fix : null,
    notFixable > 0 ? el('span', { class: 'note' }, t('notFixableNote', notFixable)) : null,
    el('span', { class: 'spring' }),
    button(t('exportFindingsCsv'), () => send({ type: 'export', what: 'findings', format: 'csv' }), { class: 'secondary', id: 'export-findings-csv' }),
    button(t('exportFindingsJson'), () => send({ type: 'export', what: 'findings', format: 'json' }), { class: 'secondary', id: 'export-findings-json' }),
    button(t('exportInventoryCsv'), () => send({ type: 'export', what: 'inventory', format: 'csv' }), { class: 'secondary', id: 'export-inventory-csv' }),
    button(t('exportInventoryJson'), () => send({ type: 'export', what: 'inventory', format: 'json' }), { class: 'secondary', id: 'export-inventory-json' }),
    data?.header.scanning ? null : button(t('runScan'), () => send({ type: 'runScan' }), { class: 'secondary', id: 'run-scan' }),
  ].filter((x): x is HTMLElement => x !== null);
}

function renderActions(): void {
  const bar = byId('actions');
  if (bar) fill(bar, ...actions(), notice ? el('p', { class: 'notice', role: 'alert' }, notice) : null);
}

function renderTable(): void {
  const head = byId('column-headers');
  if (head) head.replaceWith(Object.assign(columnHeaders(), { id: 'column-headers' }));
  refresh();
}

function refresh(): void {
  table.setLines(buildReportLines(rows, selected, view), rows.length === 0 ? t('noFindings') : t('noRows'));
  const focus = document.activeElement?.id;
  renderActions();
  if (focus && focus !== 'filter') byId(focus)?.focus();
}

/** The first snapshot builds the page; later ones (a scan going on) replace the data and keep the toolbar. */
function onInit(m: ReportInitMessage): void {
  const started = performance.now();
  const first = !data;
  data = m;
  rows = m.rows;
  const keys = new Set(rows.map((r) => r.key));
  selected = new Set([...selected].filter((k) => keys.has(k)));
  const app = byId('app');
  if (!app) return;
  app.setAttribute('aria-busy', 'false');
  if (first) {
    fill(app, headerSection(m), totalsSection(m.totals), chartsSection(m), toolbar(m), el('div', { id: 'actions', class: 'actions' }), Object.assign(columnHeaders(), { id: 'column-headers' }), table.element);
  } else {
    byId('report-header')?.replaceWith(headerSection(m));
    byId('totals')?.replaceWith(totalsSection(m.totals));
    byId('charts')?.replaceWith(chartsSection(m));
  }
  refresh();
  void table.element.offsetHeight; // the layout is part of the render
  send({ type: 'metrics', firstRenderMs: performance.now() - started, rows: rows.length });
}

listen<ReportHostMessage>((m) => {
  if (m.type === 'init') onInit(m);
  else if (m.type === 'notice') { notice = m.text; renderActions(); }
});

send({ type: 'ready' });

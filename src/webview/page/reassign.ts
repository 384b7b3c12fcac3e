// The Reassignment panel's page (bundled by esbuild to dist/webview/reassign.js). The host owns the
// plan and the run; the page shows them, sends the user's choices (leave rows out, Apply after an
// explicit confirmation, Pause, Cancel, Retry failed, exports) and reports how long its renders take.
import type { Phase, PlanRow, ProgressView, ReassignHostMessage, ReassignPageMessage, SummaryView, InitMessage, UpdatesMessage } from '../shared/reassignProtocol';
import { buildLines, durationParts, estimateSeconds, etaSeconds, totals, type ShowFilter, type SortKey, type ViewOptions } from '../shared/reassignView';
import { button, byId, el, fill, serviceName } from './dom';
import { listen, sender } from './host';
import { Grid } from './reassignGrid';
import { t, tParts } from './reassignL10n';

const send = sender<ReassignPageMessage>();

let init: InitMessage | undefined;
let rows: PlanRow[] = [];
let excluded = new Set<number>();
let phase: Phase = 'plan';
let progress: ProgressView | undefined;
let summary: SummaryView | undefined;
let confirming = false;
let notice = '';
const view: ViewOptions = { query: '', show: 'all', sort: 'customer', descending: false };
const metrics = { firstRenderMs: -1, updateMs: 0, updates: 0 };

const grid = new Grid({
  row: (i) => rows[i],
  excluded: () => excluded,
  editable: () => phase === 'plan' && !confirming,
  onToggle: (indices, exclude) => {
    for (const i of indices) { if (exclude) excluded.add(i); else excluded.delete(i); }
    send({ type: 'exclude', indices, excluded: exclude });
    refresh();
  },
  onShowInTree: (i) => send({ type: 'showInTree', i }),
  onActivate: () => grid.render(),
});

function duration(seconds: number): string {
  const [m, s] = durationParts(seconds);
  if (m === 0 && s === 0) return t('durationUnderOne'); // a plan within the throttle's burst: "0 s" read as broken
  return m > 0 ? t('durationMinutes', m, s) : t('durationSeconds', s);
}

function headerSection(m: InitMessage): HTMLElement {
  const h = m.header;
  const planned = totals(rows, excluded).toChange;
  return el('header', {},
    // Names in their own <bdi>; the source is plain text the host already isolated (U+2068 … U+2069).
    el('h1', { id: 'heading' }, ...(h.targets > 1 ? [t('titlePerRow')] : tParts('title', serviceName(h.target)))),
    el('p', { class: 'meta' }, t('metaAccount', h.account), ' · ',
      ...(h.targets > 1 ? [t('metaTargetPerRow', h.targets)] : tParts('metaTarget', serviceName(h.target), h.targetMpnId, h.targetTenantId))),
    el('p', { class: 'meta' }, h.source ? `${t('metaSource', h.source)} · ` : '', el('span', { id: 'estimate' }, t('metaEstimate', duration(estimateSeconds(planned, h.secondsPerChange, h.burstChanges))))),
    m.resumed ? el('p', { class: 'meta note' }, t('resumedNote')) : null);
}

function toolbar(): HTMLElement {
  const filter = el('input', { id: 'filter', type: 'search', placeholder: t('filterPlaceholder'), 'aria-label': t('filterLabel'), value: view.query });
  filter.addEventListener('input', () => { view.query = filter.value; refresh(); });
  const options: [ShowFilter, string][] = [['all', t('showAll')], ['change', t('showChange')], ['skip', t('showSkip')], ['excluded', t('showExcluded')],
    ['changed', t('showChanged')], ['skipped', t('showSkipped')], ['failed', t('showFailed')]];
  const show = el('select', { id: 'show', 'aria-label': t('showLabel') }, ...options.map(([v, label]) => el('option', { value: v, selected: v === view.show }, label)));
  show.addEventListener('change', () => { view.show = show.value as ShowFilter; refresh(); });
  return el('div', { class: 'toolbar' }, el('label', { for: 'filter' }, t('filterLabel')), filter, el('label', { for: 'show' }, t('showLabel')), show);
}

function columnHeaders(): HTMLElement {
  const cols: [SortKey, string][] = [['customer', t('colCustomer')], ['subscription', t('colSubscription')], ['current', t('colCurrent')], ['next', t('colNext')], ['state', t('colAction')]];
  return el('div', { class: 'line headers', role: 'row' }, el('span', { class: 'cell check', role: 'columnheader' }),
    ...cols.map(([key, label]) => {
      const sorted = view.sort === key;
      const b = el('button', { type: 'button', class: 'sort' }, label, sorted ? (view.descending ? ' ▾' : ' ▴') : '');
      b.addEventListener('click', () => { view.descending = sorted ? !view.descending : false; view.sort = key; renderAll(); });
      return el('span', { class: `cell ${key}`, role: 'columnheader', 'aria-sort': sorted ? (view.descending ? 'descending' : 'ascending') : 'none' }, b);
    }));
}

function actions(): HTMLElement[] {
  const n = totals(rows, excluded).toChange;
  if (phase === 'plan' && confirming) {
    const question = (init?.header.targets ?? 1) > 1 ? [t('confirmQuestionPerRow', n)] : tParts('confirmQuestion', n, serviceName(init?.header.target ?? ''));
    return [el('p', { class: 'question' }, ...question), el('p', { class: 'detail' }, t('confirmDetail')),
      button(t('confirm'), () => { confirming = false; send({ type: 'apply', count: n }); }, { id: 'confirm' }),
      button(t('back'), () => { confirming = false; renderActions(); byId('apply')?.focus(); }, { class: 'secondary' })];
  }
  if (phase === 'plan') {
    const apply = button(n === 1 ? t('applyOne', n) : t('applyOther', n), () => { confirming = true; renderActions(); byId('confirm')?.focus(); }, { id: 'apply' });
    apply.disabled = n === 0;
    return [apply];
  }
  const p = progress ?? { handled: 0, total: n, changed: 0, skipped: 0, failed: 0, elapsedMs: 0 };
  const bar = el('progress', { id: 'progress', max: String(Math.max(1, p.total)), value: String(p.handled), 'aria-label': t('progress', p.handled, p.total, p.changed, p.skipped, p.failed) });
  const text = t('progress', p.handled, p.total, p.changed, p.skipped, p.failed);
  if (phase === 'done') {
    const s = summary;
    return [bar, el('p', { id: 'summary', class: s?.warning ? 'summary warning' : 'summary', role: 'status' }, s?.text ?? text),
      ...(s && s.failed > 0 ? [button(t('retryFailed', s.failed), () => send({ type: 'retryFailed' }), { id: 'retry' })] : []),
      button(t('exportCsv'), () => send({ type: 'exportCsv' }), { class: 'secondary', id: 'export-csv' }),
      button(t('exportReport'), () => send({ type: 'exportReport' }), { class: 'secondary', id: 'export-report' })];
  }
  const eta = p.handled < p.total ? ` · ${t('eta', duration(etaSeconds(p.handled, p.total, p.elapsedMs, init?.header.secondsPerChange ?? 0)))}` : '';
  return [bar, el('p', { id: 'progress-text', role: 'status' }, phase === 'paused' ? `${text} — ${t('paused')}` : text + eta),
    phase === 'paused' ? button(t('resume'), () => send({ type: 'resume' }), { id: 'pause' }) : button(t('pause'), () => send({ type: 'pause' }), { id: 'pause' }),
    button(t('cancel'), () => send({ type: 'cancel' }), { class: 'secondary', id: 'cancel' })];
}

function renderActions(): void {
  const bar = byId('actions');
  if (bar) fill(bar, ...actions(), notice ? el('p', { class: 'notice', role: 'alert' }, notice) : null);
  const tl = totals(rows, excluded);
  const line = byId('totals');
  if (line) line.textContent = t('totals', tl.toChange, tl.skipped, tl.leftOut);
}

/** The progress bar and its line, in place (focus on Pause or Cancel stays where it is). */
function updateProgress(): void {
  const bar = byId<HTMLProgressElement>('progress');
  const line = byId('progress-text');
  if (!bar || !line || phase !== 'running' || !progress) { renderActions(); return; }
  const p = progress;
  const text = t('progress', p.handled, p.total, p.changed, p.skipped, p.failed);
  bar.max = Math.max(1, p.total);
  bar.value = p.handled;
  bar.setAttribute('aria-label', text);
  const eta = p.handled < p.total ? ` · ${t('eta', duration(etaSeconds(p.handled, p.total, p.elapsedMs, init?.header.secondsPerChange ?? 0)))}` : '';
  line.textContent = text + eta;
}

/** Filter, sort, group, then the grid and the counts. */
function refresh(): void {
  grid.setLines(buildLines(rows, excluded, view));
  renderActions();
  const est = byId('estimate');
  if (est && init && phase === 'plan') est.textContent = t('metaEstimate', duration(estimateSeconds(totals(rows, excluded).toChange, init.header.secondsPerChange, init.header.burstChanges)));
}

function renderAll(): void {
  const app = byId('app');
  if (!app || !init) return;
  app.setAttribute('aria-busy', 'false');
  fill(app, headerSection(init), el('p', { id: 'totals', class: 'totals', role: 'status' }), toolbar(), el('div', { id: 'actions', class: 'actions' }), columnHeaders(), grid.element);
  refresh();
}

function onInit(m: InitMessage): void {
  const started = performance.now();
  init = m; rows = m.rows; excluded = new Set(m.excluded); phase = m.phase; progress = m.progress; summary = m.summary; confirming = false;
  renderAll();
  void grid.element.offsetHeight; // the layout is part of the render
  metrics.firstRenderMs = performance.now() - started;
  report(m.rows.length, 0);
}

function onUpdates(m: UpdatesMessage): void {
  const started = performance.now();
  for (const u of m.updates) {
    const r = rows[u.i];
    if (!r) continue;
    r.state = u.state; r.detail = u.detail;
    if (u.requestId) r.requestId = u.requestId;
  }
  progress = m.progress;
  if (view.show === 'all' && view.sort !== 'state') { grid.updateRows(m.updates.map((u) => u.i)); updateProgress(); } else refresh();
  void grid.element.offsetHeight;
  metrics.updateMs = performance.now() - started;
  report(rows.length, m.updates.length);
}

function report(n: number, updates: number): void {
  send({ type: 'metrics', firstRenderMs: metrics.firstRenderMs, updateMs: metrics.updateMs, rows: n, updates });
}

listen<ReassignHostMessage>((m) => {
  if (m.type === 'init') onInit(m);
  else if (m.type === 'updates') onUpdates(m);
  else if (m.type === 'phase') {
    const focusInActions = !!document.activeElement && !!byId('actions')?.contains(document.activeElement);
    phase = m.phase; summary = m.summary ?? summary; notice = '';
    refresh();
    if (focusInActions) (byId('actions')?.querySelector('button') as HTMLButtonElement | null)?.focus();
  } else if (m.type === 'notice') { notice = m.text; renderActions(); }
});

send({ type: 'ready' });

// The Reassignment panel's owner: the plan, the rows left out, the live state of each row while the
// run goes on (whether or not the panel is open), Pause/Cancel, and the result with Retry failed and
// the exports. One reassignment at a time per window. The run itself is the bulk engine under
// executeRun (its progress notification keeps the run visible when the panel is closed).
import * as vscode from 'vscode';
import { showInfo } from '../platform/notify';
import {
  distinctTargets, planCsv, resultCsv, resumeRun, retryFailed, runPlan,
  type BulkCounts, type BulkResult, type EngineOptions, type ItemEvent, type LoadedRun, type PlanItem, type ReassignmentPlan,
} from '../bulk';
import { log } from '../platform/log';
import { journalRows, pace, panelHeader, planRow, progressView, stateUpdate, summaryView } from '../webview/reassignModel';
import { ReassignPanel } from '../webview/reassignPanel';
import type { InitMessage, PanelHeader, Phase, PlanRow, ProgressView, ReassignPageMessage, RowUpdate, SummaryView } from '../webview/shared/reassignProtocol';
import { contactText, panelTitle, reportMarkdown, resultItems, targetName } from './bulkDocuments';
import { executeRun, showResult, type BulkDeps, type ReassignmentUi } from './bulkRun';
import { saveCsv } from './csvFile';
import { showError } from './wrap';
import { plainText } from '../partnerCenter/safeText';

const FLUSH_MS = 100;

export class Reassignment implements ReassignmentUi, vscode.Disposable {
  private readonly panel: ReassignPanel;
  private rows: PlanRow[] = [];
  private items: PlanItem[] = [];
  private header: PanelHeader | undefined;
  private excluded = new Set<number>();
  private phase: Phase = 'plan';
  private progress: ProgressView | undefined;
  private summary: SummaryView | undefined;
  private resumed = false;
  private plan: ReassignmentPlan | undefined;
  private result: BulkResult | undefined;
  /** Journal index → row index, for the run in progress. */
  private runIndex: number[] = [];
  private abort: AbortController | undefined;
  private gate: { promise: Promise<void>; release: () => void } | undefined;
  private pending = new Map<number, RowUpdate>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private started = 0;

  constructor(private readonly deps: BulkDeps) {
    this.panel = new ReassignPanel(deps.context.extensionUri, {
      snapshot: () => this.snapshot(), rowCount: () => this.rows.length, handle: (m) => this.handle(m),
    });
  }

  private get running(): boolean {
    return this.phase === 'running' || this.phase === 'paused';
  }

  private title(): string {
    return panelTitle(this.header);
  }

  private async makeHeader(items: readonly PlanItem[], target: PlanItem['target'], source: string): Promise<PanelHeader> {
    const client = await this.deps.session.client();
    return panelHeader(this.deps.session.current?.label ?? '', items, target, source, pace(client.limiter));
  }

  private load(items: PlanItem[], rows: PlanRow[], header: PanelHeader, phase: Phase, resumed: boolean): void {
    if (this.running) throw new Error(vscode.l10n.t('A support-contact reassignment is already running; wait for it to finish (or cancel it) first.'));
    Object.assign(this, { items, rows, header, phase, resumed, excluded: new Set<number>(), progress: undefined, summary: undefined, result: undefined });
    this.pending.clear();
  }

  /** The preview: the plan as a table; nothing runs until Apply is confirmed in the panel. */
  async showPlan(plan: ReassignmentPlan, source: string): Promise<void> {
    this.load(plan.items, plan.items.map(planRow), await this.makeHeader(plan.items, plan.target, source), 'plan', false);
    this.plan = plan;
    this.reveal();
  }

  /** Resume: the panel opens at the state the journal has, then the run finishes it. */
  async runJournal(run: LoadedRun): Promise<void> {
    this.load(run.header.items, journalRows(run.header.items, run.states), await this.makeHeader(run.header.items, run.header.target, ''), 'running', true);
    this.plan = undefined;
    this.reveal();
    await this.execute(run.header.items.map((_, i) => i), vscode.l10n.t('Resuming: support contact → {0}', plainText(targetName(run.header.items, run.header.target))), (o) => resumeRun(run, o));
  }

  /** Retry failed: the failed rows as a new run, in the same panel. */
  async retry(result: BulkResult): Promise<void> {
    const plan = retryFailed(result);
    this.load(plan.items, plan.items.map(planRow), await this.makeHeader(plan.items, plan.target, this.header?.source ?? ''), 'plan', false);
    this.plan = plan;
    this.reveal();
    await this.apply(plan.items.length);
  }

  /** Shows the panel (a panel already open gets the current state at once). */
  reveal(): boolean {
    if (!this.header) return false;
    const open = this.panel.visible;
    this.panel.show(this.title());
    if (open) void this.panel.post(this.snapshot());
    return true;
  }

  private snapshot(): InitMessage {
    const header = this.header ?? { account: '', target: '', targetMpnId: '', targetTenantId: '', source: '', targets: 1, secondsPerChange: 0, burstChanges: 0 };
    return { type: 'init', header, rows: this.rows, excluded: [...this.excluded], phase: this.phase, progress: this.progress, summary: this.summary, resumed: this.resumed };
  }

  private handle(m: ReassignPageMessage): void {
    const fail = (command: string) => (err: unknown) => { void showError(command, err); };
    switch (m.type) {
      case 'exclude': return this.exclude(m.indices, m.excluded);
      case 'apply': void this.apply(m.count).catch(fail('reassignSupportContact')); return;
      case 'pause': return this.pause();
      case 'resume': return this.unpause();
      case 'cancel': this.abort?.abort(); this.unpause(); return;
      case 'retryFailed': if (this.result && !this.running) void this.retry(this.result).catch(fail('retryFailed')); return;
      case 'exportCsv': void this.exportCsv().catch(fail('exportCsv')); return;
      case 'exportReport': void this.exportReport().catch(fail('exportReport')); return;
      case 'showInTree': {
        const r = this.rows[m.i];
        void this.deps.tree.reveal(r.customerId, r.subscriptionId, r.customer).catch(fail('showInTree'));
        return;
      }
      case 'metrics':
        log().info(`Reassignment panel: ${m.rows} rows, first render ${m.firstRenderMs.toFixed(1)} ms${m.updates ? `, ${m.updates} row updates in ${m.updateMs.toFixed(1)} ms` : ''}`);
        return;
      case 'ready': return;
    }
  }

  private exclude(indices: number[], excluded: boolean): void {
    if (this.phase !== 'plan') return;
    for (const i of indices) {
      if (this.rows[i]?.state !== 'change') continue;
      if (excluded) this.excluded.add(i); else this.excluded.delete(i);
    }
  }

  /** Apply, after the page's explicit confirmation of `count` changes (refused if that count is stale). */
  private async apply(count: number): Promise<void> {
    const plan = this.plan;
    if (this.phase !== 'plan' || !plan) return;
    const included = plan.items.flatMap((_item, i) => (this.excluded.has(i) ? [] : [i]));
    const changes = included.filter((i) => plan.items[i].action === 'change').length;
    if (changes !== count || changes === 0) {
      void this.panel.post({ type: 'notice', text: vscode.l10n.t('The plan changed before Apply: check the rows and apply again.') });
      return;
    }
    const sub: ReassignmentPlan = { ...plan, items: included.map((i) => plan.items[i]) };
    await this.execute(included, vscode.l10n.t('Support contact → {0}', plainText(targetName(sub.items, plan.target))), (o) => runPlan(sub, o));
  }

  private async execute(runIndex: number[], title: string, start: (o: EngineOptions) => Promise<BulkResult>): Promise<void> {
    this.runIndex = runIndex;
    this.abort = new AbortController();
    this.started = Date.now();
    for (const i of runIndex) if (this.rows[i].state === 'change') Object.assign(this.rows[i], { state: 'queued', detail: '' });
    this.setPhase('running');
    let result: BulkResult | undefined;
    try {
      result = await executeRun(this.deps, title, (o) => start(this.engineOptions(o)));
    } catch (err) {
      this.finish(undefined, err instanceof Error ? err.message : String(err));
      throw err;
    }
    this.finish(result);
    if (result) showResult(this.deps, result);
  }

  private engineOptions(o: EngineOptions): EngineOptions {
    const signal = this.abort ? AbortSignal.any([o.signal ?? new AbortController().signal, this.abort.signal]) : o.signal;
    return {
      ...o, signal,
      onProgress: (c: BulkCounts) => { o.onProgress?.(c); this.progress = progressView(c, Date.now() - this.started); this.schedule(); },
      onItem: (j: number, e: ItemEvent) => this.onItem(j, e),
      beforeItem: (stop: AbortSignal) => this.wait(stop),
    };
  }

  private onItem(j: number, e: ItemEvent): void {
    const i = this.runIndex[j];
    const row = this.rows[i];
    if (!row) return;
    const u = { i, ...stateUpdate(e, this.items[i]) };
    Object.assign(row, { state: u.state, detail: u.detail }, u.requestId ? { requestId: u.requestId } : {});
    this.pending.set(i, u);
    this.schedule();
  }

  private schedule(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const updates = [...this.pending.values()];
    this.pending.clear();
    if (this.progress) void this.panel.post({ type: 'updates', updates, progress: this.progress });
  }

  private pause(): void {
    if (this.phase !== 'running') return;
    let release = (): void => undefined;
    const promise = new Promise<void>((r) => { release = r; });
    this.gate = { promise, release };
    this.setPhase('paused');
  }

  private unpause(): void {
    const gate = this.gate;
    this.gate = undefined;
    gate?.release();
    if (this.phase === 'paused') this.setPhase('running');
  }

  private wait(stop: AbortSignal): Promise<void> {
    const gate = this.gate;
    if (!gate) return Promise.resolve();
    return new Promise((resolve) => {
      stop.addEventListener('abort', () => resolve(), { once: true });
      void gate.promise.then(resolve);
    });
  }

  /** The run ended: every row at its final state, the summary, the phase. */
  private finish(result: BulkResult | undefined, error?: string): void {
    this.flush();
    this.gate?.release();
    this.gate = undefined;
    this.result = result;
    for (const i of this.runIndex) {
      const row = this.rows[i];
      if (row.state === 'queued' || row.state === 'reading') Object.assign(row, { state: 'notRun', detail: '' });
    }
    this.summary = result ? summaryView(result)
      : { text: error ?? vscode.l10n.t('The run stopped for a new sign-in; nothing was lost. "Sign In and Resume" (or "Resume Reassignment") finishes it.'), complete: false, failed: 0, warning: true };
    this.setPhase('done');
  }

  private setPhase(phase: Phase): void {
    this.phase = phase;
    void this.panel.post({ type: 'phase', phase, summary: this.summary });
    if (phase === 'done') void this.panel.post(this.snapshot());
  }

  private async exportCsv(): Promise<void> {
    if (this.result) await saveCsv(resultCsv(this.result, { bom: true }), 'support-contact-reassignment.csv');
    else if (this.plan) await saveCsv(planCsv(this.plan, { bom: true }), 'support-contact-preview.csv');
  }

  private async exportReport(): Promise<void> {
    if (!this.result) return;
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export report'), saveLabel: vscode.l10n.t('Export'), filters: { Markdown: ['md'] },
      ...(base ? { defaultUri: vscode.Uri.joinPath(base, 'support-contact-reassignment.md') } : {}),
    });
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(reportMarkdown(this.result), 'utf8'));
    const open = vscode.l10n.t('Open Preview');
    const perRow = distinctTargets(resultItems(this.result)).length > 1;
    const choice = await showInfo(perRow ? vscode.l10n.t('Exported the report (each row to its own new contact).') : vscode.l10n.t('Exported the report for {0}.', contactText(this.result.target)), open);
    if (choice === open) await vscode.commands.executeCommand('markdown.showPreview', uri);
  }

  dispose(): void {
    this.abort?.abort();
    this.gate?.release();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.panel.dispose();
  }
}

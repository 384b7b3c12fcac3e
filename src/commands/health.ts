// "Partner Center: Run Support-Contact Health Check": the inventory scan (src/health) in the
// background under a progress notification (counts, findings so far, ETA at the throttle's pace;
// Cancel pauses it: the customers in flight finish and a later run resumes), resumable at start-up,
// a status-bar item with the number of open findings, and "Show Health Check Summary" (a read-only
// document). The stored inventory lives in the extension's global storage, one file per account.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { showInfo, showWarning, withProgress, type ProgressReport } from '../platform/notify';
import { applyContactChange, type InventoryCustomer } from '../health/inventory';
import { RuleContext, evaluate, type RuleId } from '../health/rules';
import { runScan, type ScanProgress, type ScanResult } from '../health/scan';
import { untilRunUnlocked } from '../bulk/lock';
import { loadInventory, type LoadedInventory, type ScanScope } from '../health/store';
import { summarize, type HealthSummary } from '../health/summary';
import { isPartnerCenterError, signInRequestFor } from '../partnerCenter';
import { readHealthSettings } from '../platform/config';
import { log, redact } from '../platform/log';
import type { Session } from '../session';
import { healthMarkdown, healthProgressText, healthResultText } from './healthDocuments';
import type { SupportContactEvents } from '../change';
import { HealthReport, type ReportSource } from './healthReport';
import { pickHealthScope } from './healthScope';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import { registerCommand, showError } from './wrap';

export class HealthCheck implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private inventory?: { file: string; inv: LoadedInventory };
  private summary?: HealthSummary;
  private running?: { pause: AbortController; done: Promise<unknown> };
  private progressText = '';
  readonly report: HealthReport;

  constructor(private readonly context: vscode.ExtensionContext, private readonly session: Session, private readonly docs: ReadOnlyDocuments, links: HealthLinks = {}) {
    this.item = vscode.window.createStatusBarItem('partnerCenter.healthCheck', vscode.StatusBarAlignment.Left, 9);
    this.item.name = vscode.l10n.t('Partner Center support-contact health');
    this.item.command = 'partnerCenter.showHealthReport';
    this.report = new HealthReport(context.extensionUri, { data: () => this.reportData(), ...links });
    this.disposables.push(this.item, this.report, session.onDidChange(() => { this.inventory = undefined; this.summary = undefined; void this.restore(); }));
    if (links.events) {
      this.disposables.push(links.events.onDidChangeSupportContact((e) => {
        if (e.outcome !== 'failed' && this.inventory && applyContactChange(this.inventory.inv.customers, e.customerId, e.subscriptionId, e.contact)) this.recompute();
      }));
    }
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('partnerCenter.healthCheck')) this.recompute();
    }));
  }

  dispose(): void {
    this.running?.pause.abort();
    for (const d of this.disposables) d.dispose();
  }

  /** Window closing or reloading: no new customer is started; the ones in flight are stored (resumed later). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running.pause.abort();
    await this.running.done.catch(() => undefined);
  }

  /** The inventory file of the signed-in account (per cloud/endpoint and tenant). */
  private fileFor(): string | undefined {
    const account = this.session.current;
    if (!account) return undefined;
    const key = createHash('sha256').update(`${this.session.cloudLabel}|${account.tenantId ?? account.id}`).digest('hex').slice(0, 20);
    return path.join(this.context.globalStorageUri.fsPath, 'health', `inventory-${key}.jsonl`);
  }

  private async load(): Promise<{ file: string; inv: LoadedInventory } | undefined> {
    const file = this.fileFor();
    if (!file) return undefined;
    if (this.inventory?.file !== file) {
      const started = performance.now();
      this.inventory = { file, inv: await loadInventory(file) };
      log().info(`Health check: loaded ${this.inventory.inv.customers.size} customers from the stored inventory in ${(performance.now() - started).toFixed(0)} ms (no requests).`);
    }
    return this.inventory;
  }

  /** At start-up: reads the stored inventory (no network), shows the findings count, offers to resume a stopped scan. */
  async restore(): Promise<void> {
    await this.session.restore();
    const file = this.fileFor();
    if (!file || !(await fs.stat(file).catch(() => undefined))) { this.item.hide(); return; }
    // After a reload the old window's extension host may still be storing the customers it had in
    // flight: read the file once it lets go, or this window would read those customers again.
    const free = !this.running && await untilRunUnlocked(file);
    const loaded = await this.load();
    if (!loaded) return;
    this.recompute();
    const scan = loaded.inv.scan;
    if (!scan || scan.complete || this.running || !free) return;
    const resumeLabel = vscode.l10n.t('Resume');
    const choice = await showInfo(
      vscode.l10n.t('A support-contact health check stopped before it finished ({0} customers read). Resume it where it stopped?', scan.done.size), resumeLabel, vscode.l10n.t('Not Now'));
    if (choice === resumeLabel) await this.execute(undefined).catch((err: unknown) => showError('runHealthCheck', err));
  }

  private disabledRules(): ReadonlySet<RuleId> {
    return new Set(readHealthSettings().disabledRules);
  }

  private recompute(): void {
    if (!this.inventory) return;
    this.summary = summarize(this.inventory.inv, this.disabledRules());
    if (!this.running) this.showCount(this.summary.findings.length, false);
    this.report.changed();
  }

  /** The report's data: the stored inventory and its summary (computed afresh while a scan fills it). */
  private reportData(): ReturnType<ReportSource['data']> {
    if (!this.inventory) return undefined;
    const disabled = this.disabledRules();
    const summary = this.running || !this.summary ? summarize(this.inventory.inv, disabled) : this.summary;
    return { inv: this.inventory.inv, summary, disabled, account: this.session.current?.label ?? '', scanning: !!this.running, progress: this.progressText };
  }

  private showCount(findings: number, scanning: boolean): void {
    this.item.text = scanning ? `$(sync~spin) ${vscode.l10n.t('{0} findings', findings)}` : `$(${findings ? 'warning' : 'pass'}) ${vscode.l10n.t('{0} findings', findings)}`;
    this.item.tooltip = scanning
      ? vscode.l10n.t('Support-contact health check running: {0} findings so far. Click for the summary.', findings)
      : vscode.l10n.t('Support-contact health: {0} subscriptions with a wrong or missing support contact. Click for the summary.', findings);
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }

  /** The command: choose what to scan (resume, everything, a refresh), then run it. */
  async run(): Promise<void> {
    await this.session.client(); // signed out: fails here with "Sign In" as the next step
    if (this.running) throw new Error(vscode.l10n.t('The support-contact health check is already running: see its notification.'));
    const loaded = await this.load();
    if (!loaded) return;
    const scope = await pickHealthScope(loaded.inv);
    if (scope === null) return;
    await this.execute(scope);
  }

  /** Runs a scan (scope) or resumes the stored one (undefined) under a progress notification. */
  private async execute(scope: ScanScope | undefined): Promise<void> {
    if (this.running) throw new Error(vscode.l10n.t('The support-contact health check is already running: see its notification.'));
    const loaded = await this.load();
    if (!loaded) return;
    const pause = new AbortController();
    const work = Promise.resolve(withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Support-contact health check'), cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => pause.abort());
        return this.scan(loaded, scope, pause.signal, progress);
      },
    ));
    this.running = { pause, done: work };
    try {
      const result = await work;
      this.recompute();
      await this.tellResult(result);
    } catch (err) {
      this.recompute();
      await this.offerSignInAndResume(err);
    } finally {
      this.running = undefined;
      this.recompute();
    }
  }

  /** The scan, its findings counted as each customer is stored and its progress shown as it goes. */
  private async scan(loaded: { file: string; inv: LoadedInventory }, scope: ScanScope | undefined, pause: AbortSignal, progress: vscode.Progress<ProgressReport>): Promise<ScanResult> {
    const { inv, file } = loaded;
    const disabled = this.disabledRules();
    let findings = 0;
    const shown = this.progressShower(progress, pause, () => findings);
    let rules: RuleContext | undefined; // the resellers are read before the first customer
    const options = {
      file, inventory: inv, pause, onProgress: shown.show,
      onCustomer: (c: InventoryCustomer) => {
        rules ??= new RuleContext(inv.resellers, inv.provider);
        for (const s of c.subscriptions) if (evaluate(c, s, rules, disabled)) findings++;
      },
    };
    const scanBefore = inv.scan;
    const result = await this.session.call((client) => runScan({ ...options, client, scope: scope && inv.scan === scanBefore ? scope : undefined }));
    shown.flush();
    return result;
  }

  /** Shows a scan's progress at most every 250 ms (`flush`: the last one, whenever); the status bar and report follow. */
  private progressShower(progress: vscode.Progress<ProgressReport>, pause: AbortSignal, findings: () => number): { show(p: ScanProgress): void; flush(): void } {
    let last: ScanProgress | undefined;
    let shown = 0;
    let percent = 0;
    const show = (p: ScanProgress, force = false): void => {
      last = p;
      if (!force && Date.now() - shown < 250) return;
      shown = Date.now();
      const now = p.listingComplete && p.customersListed > 0 ? (p.customersDone / p.customersListed) * 100 : percent;
      this.progressText = healthProgressText(p, findings());
      progress.report({ message: pause.aborted ? vscode.l10n.t('Pausing: finishing the customers being read…') : this.progressText, increment: now - percent });
      percent = now;
      this.showCount(findings(), true);
      this.report.changed();
    };
    return { show: (p) => show(p), flush: () => { if (last) show(last, true); } };
  }

  /** The result: the counts (Show Report, Show Summary), or how far a paused scan got (Resume). */
  private async tellResult(result: ScanResult): Promise<void> {
    const summary = this.summary as HealthSummary;
    const showSummary = vscode.l10n.t('Show Summary');
    const showReport = vscode.l10n.t('Show Report');
    if (result.complete) {
      const choice = await showInfo(healthResultText(summary), showReport, showSummary);
      if (choice === showReport) await this.showReport();
      if (choice === showSummary) await this.showSummary();
      return;
    }
    const resumeLabel = vscode.l10n.t('Resume');
    void showInfo(
      vscode.l10n.t('Health check paused: {0} of {1} customers read. Resume continues where it stopped.', result.progress.customersDone, result.progress.customersListed),
      resumeLabel, showSummary,
    ).then((choice) => {
      if (choice === resumeLabel) return this.execute(undefined);
      if (choice === showSummary) return this.showSummary();
      return undefined;
    }).then(undefined, (err: unknown) => showError('runHealthCheck', err));
  }

  /** A scan stopped because Partner Center wants a new sign-in: offer it, then resume; any other error is thrown on. */
  private async offerSignInAndResume(err: unknown): Promise<void> {
    const request = signInRequestFor(err);
    if (!request || !isPartnerCenterError(err)) throw err;
    log().warn(`The health check stopped for a new sign-in (${err.kind}); resumable from its inventory file.`);
    const label = vscode.l10n.t('Sign In and Resume');
    const choice = await showWarning(vscode.l10n.t('The health check stopped: Partner Center wants you to sign in again. Nothing was lost: sign in to resume where it stopped.'), label);
    if (choice === label) {
      await this.session.signIn(request);
      await this.execute(undefined);
    }
  }

  /** "Show Health Check Report": the webview, from the stored inventory (no request). */
  async showReport(): Promise<void> {
    const loaded = await this.load();
    if (!loaded || (loaded.inv.customers.size === 0 && !this.running)) {
      const run = vscode.l10n.t('Run Health Check');
      const choice = await showInfo(vscode.l10n.t('No support-contact health check has been run for this account yet.'), run);
      if (choice === run) await vscode.commands.executeCommand('partnerCenter.runHealthCheck');
      return;
    }
    if (!this.summary) this.recompute();
    this.report.show();
  }

  async showSummary(): Promise<void> {
    const loaded = await this.load();
    if (!loaded || loaded.inv.customers.size === 0) {
      const run = vscode.l10n.t('Run Health Check');
      const choice = await showInfo(vscode.l10n.t('No support-contact health check has been run for this account yet.'), run);
      if (choice === run) await vscode.commands.executeCommand('partnerCenter.runHealthCheck');
      return;
    }
    this.recompute();
    const disabled = this.disabledRules();
    await this.docs.show(vscode.l10n.t('Support-contact health'), healthMarkdown(this.summary as HealthSummary, {
      account: this.session.current?.label, lastScan: loaded.inv.lastFullScan, disabled,
    }));
  }
}

/** What the health check is told by, and hands over to, the rest of the extension. */
export interface HealthLinks extends Partial<Pick<ReportSource, 'fix' | 'reveal'>> {
  events?: SupportContactEvents;
}

let active: HealthCheck | undefined;

export function registerHealthCommands(context: vscode.ExtensionContext, session: Session, docs: ReadOnlyDocuments, links: HealthLinks = {}): HealthCheck {
  const health = new HealthCheck(context, session, docs, links);
  active = health;
  context.subscriptions.push(health, { dispose: () => { if (active === health) active = undefined; } });
  registerCommand(context, 'partnerCenter.runHealthCheck', () => health.run());
  registerCommand(context, 'partnerCenter.showHealthSummary', () => health.showSummary());
  registerCommand(context, 'partnerCenter.showHealthReport', () => health.showReport());
  void health.restore().catch((err: unknown) => log().warn(`Health check: could not read the stored inventory: ${redact(String(err))}`));
  return health;
}

/** deactivate(): let a running scan store the customers in flight before the extension host goes. */
export function stopHealthCheck(): Promise<void> {
  return active?.stop() ?? Promise.resolve();
}

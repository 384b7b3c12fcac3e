// "Partner Center: Show Health Check Report": the report webview (src/webview/page/health.ts) drawn
// from the stored inventory with no request, filled in again (at most once a second) while a scan
// runs; its exports (findings or inventory, CSV or JSON) and "Fix selected…" (the Reassignment panel
// with each finding's suggested contact).
import * as vscode from 'vscode';
import type { Finding, RuleId } from '../health/rules';
import type { LoadedInventory } from '../health/store';
import type { HealthSummary } from '../health/summary';
import { findingsCsv, findingsJson, inventoryCsv, inventoryJson } from '../health/export';
import { plainText } from '../partnerCenter/safeText';
import { log } from '../platform/log';
import { showInfo } from '../platform/notify';
import { healthStringTable } from '../webview/healthReportStrings';
import { findingKey, reportSnapshot } from '../webview/healthReportModel';
import { parseReportMessage } from '../webview/healthValidate';
import { SnapshotPanel } from '../webview/snapshotPanel';
import { HEALTH_REPORT_VIEW_TYPE, type ExportFormat, type ExportWhat, type ReportHostMessage, type ReportInitMessage, type ReportPageMessage } from '../webview/shared/healthProtocol';
import { HEALTH_STRING_KEYS } from '../webview/shared/healthStrings';
import { showError } from './wrap';

const REFRESH_MS = 1000;

/** What the report reads from the health check (no request: the stored inventory and its summary). */
export interface ReportSource {
  data(): { inv: LoadedInventory; summary: HealthSummary; disabled: ReadonlySet<RuleId>; account: string; scanning: boolean; progress: string } | undefined;
  /** "Fix selected…": the Reassignment panel with these findings, each with its own suggested contact. */
  fix?(findings: Finding[]): Promise<void>;
  reveal?(customerId: string, subscriptionId: string, customerName: string): Promise<void>;
}

export class HealthReport implements vscode.Disposable {
  private readonly panel: SnapshotPanel<ReportHostMessage, ReportPageMessage>;
  private findings = new Map<string, Finding>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;

  constructor(extensionUri: vscode.Uri, private readonly source: ReportSource) {
    this.panel = new SnapshotPanel(extensionUri, {
      viewType: HEALTH_REPORT_VIEW_TYPE, page: 'health', name: 'Health check report', keys: HEALTH_STRING_KEYS,
      strings: healthStringTable, parse: (raw) => parseReportMessage(raw, (k) => this.findings.has(k)),
      snapshot: () => this.snapshot(), handle: (m) => this.handle(m),
    });
  }

  show(): void {
    const open = this.panel.visible;
    this.panel.show(vscode.l10n.t('Support-Contact Health'));
    if (open) void this.panel.post(this.snapshot());
  }

  /** The inventory or the rules changed: the open report gets a new snapshot (at most once a second). */
  changed(): void {
    if (!this.panel.visible || this.timer) return;
    const wait = Math.max(0, this.last + REFRESH_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.last = Date.now();
      void this.panel.post(this.snapshot());
    }, wait);
  }

  private snapshot(): ReportInitMessage {
    const d = this.source.data();
    const empty: HealthSummary = { customers: 0, customersUnreadable: 0, subscriptions: 0, checked: 0, healthy: 0, nce: [], notActive: 0, unreadable: 0, findings: [],
      byRule: { noDesignatedReseller: 0, resellerNotInList: 0, resellerNotActive: 0, notPartnerOfRecord: 0, notCustomersReseller: 0 }, byContact: [] };
    const summary = d?.summary ?? empty;
    this.findings = new Map(summary.findings.map((f) => [findingKey(f.customerId, f.subscriptionId), f]));
    return reportSnapshot(summary, { account: d?.account ?? '', lastScan: d?.inv.lastFullScan ?? '', scanning: d?.scanning ?? false, progress: d?.progress ?? '', canFix: !!this.source.fix }, d?.disabled ?? new Set());
  }

  private handle(m: Exclude<ReportPageMessage, { type: 'ready' }>): void {
    const fail = (command: string) => (err: unknown) => { void showError(command, err); };
    switch (m.type) {
      case 'fix': {
        const chosen = m.keys.map((k) => this.findings.get(k)).filter((f): f is Finding => f?.target !== undefined);
        if (this.source.fix && chosen.length) void this.source.fix(chosen).catch(fail('fixHealthFindings'));
        return;
      }
      case 'export': void this.export(m.what, m.format).catch(fail('exportHealth')); return;
      case 'runScan': void vscode.commands.executeCommand('partnerCenter.runHealthCheck'); return;
      case 'showInTree': {
        const f = this.findings.get(m.key);
        if (f && this.source.reveal) void this.source.reveal(f.customerId, f.subscriptionId, f.customerName).catch(fail('showInTree'));
        return;
      }
      case 'metrics':
        log().info(`Health check report: ${m.rows} findings, first render ${m.firstRenderMs.toFixed(1)} ms`);
        return;
    }
  }

  private async export(what: ExportWhat, format: ExportFormat): Promise<void> {
    const d = this.source.data();
    if (!d) return;
    const findings = d.summary.findings;
    const customers = d.inv.customers.values();
    const text = what === 'findings'
      ? (format === 'csv' ? findingsCsv(findings, { bom: true }) : findingsJson(findings))
      : (format === 'csv' ? inventoryCsv(customers, { bom: true }) : inventoryJson(customers));
    const name = `support-contact-${what === 'findings' ? 'findings' : 'inventory'}.${format}`;
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the health check'), saveLabel: vscode.l10n.t('Export'),
      filters: format === 'csv' ? { [vscode.l10n.t('CSV (comma-separated values)')]: ['csv'] } : { JSON: ['json'] },
      ...(base ? { defaultUri: vscode.Uri.joinPath(base, name) } : {}),
    });
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    const open = vscode.l10n.t('Open');
    const choice = await showInfo(vscode.l10n.t('Exported to {0}.', plainText(uri.fsPath || uri.toString())), open);
    if (choice === open) await vscode.window.showTextDocument(uri);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel.dispose();
  }
}

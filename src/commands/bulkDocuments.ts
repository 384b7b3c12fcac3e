// What the bulk reassignment shows a person, as plain text: the preview (dry run) table, the run's
// report, the one-line summaries and the history rows. No vscode import, so it is unit-tested under
// plain Node; bulk.ts puts these into read-only documents, notifications and quick picks.
import type { BulkCounts, BulkResult, PlanItem, ReassignmentPlan, SkipReason } from '../bulk';
import type { ChangeLogEntry } from '../history/changeLog';
import type { SupportContact } from '../partnerCenter';

export const skipReasonLabels: Record<SkipReason, string> = {
  alreadySet: 'already set',
  nce: 'NCE',
  notActive: 'not active',
  notPermitted: 'not permitted',
  error: 'could not read',
};

export function contactText(c: SupportContact | null | undefined): string {
  return c ? `${c.name} (MPN ID ${c.supportMpnId})` : 'no support contact';
}

/** A Markdown table cell: one line, pipes escaped. */
export function cell(value: string | undefined): string {
  return (value ?? '').replace(/\r?\n|\r/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').trim() || ' ';
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export interface PlanSummary { change: number; skip: number; byReason: Partial<Record<SkipReason, number>> }

export function summarizePlan(plan: ReassignmentPlan): PlanSummary {
  const byReason: Partial<Record<SkipReason, number>> = {};
  let change = 0;
  for (const item of plan.items) {
    if (item.action === 'change') change++;
    else byReason[item.reason ?? 'error'] = (byReason[item.reason ?? 'error'] ?? 0) + 1;
  }
  return { change, skip: plan.items.length - change, byReason };
}

/** "30 skipped (NCE 12, not active 15, already set 3)" */
export function skippedText(s: PlanSummary): string {
  const parts = (Object.keys(skipReasonLabels) as SkipReason[]).filter((r) => s.byReason[r]).map((r) => `${skipReasonLabels[r]} ${s.byReason[r]}`);
  return `${s.skip} skipped${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** Changes first, then skips grouped by reason; the plan's own order inside each group. */
function ordered(items: readonly PlanItem[]): { n: number; item: PlanItem }[] {
  const rank = (i: PlanItem) => (i.action === 'change' ? 0 : 1 + Object.keys(skipReasonLabels).indexOf(i.reason ?? 'error'));
  return items.map((item, k) => ({ n: k + 1, item })).sort((a, b) => rank(a.item) - rank(b.item) || a.n - b.n);
}

export function previewMarkdown(plan: ReassignmentPlan, meta: { account?: string; source: string }): string {
  const s = summarizePlan(plan);
  const rows = ordered(plan.items).map(({ n, item }) => [
    String(n), item.customerName ?? item.customerId, item.subscriptionName, contactText(item.current),
    item.action === 'change' ? contactText(item.target) : '(unchanged)',
    item.action === 'change' ? 'change' : `skip: ${skipReasonLabels[item.reason ?? 'error']}`,
    item.action === 'change' ? '' : item.reasonText,
  ]);
  return [
    '# Reassign support contact — preview (dry run)',
    '',
    `New support contact: ${contactText(plan.target)}, tenant ${plan.target.supportTenantId}`,
    `Source: ${meta.source}${meta.account ? ` · Account: ${meta.account}` : ''} · Prepared: ${plan.created}`,
    '',
    `**${s.change} to change** · ${skippedText(s)} · ${plan.items.length} subscriptions in total`,
    '',
    s.change > 0 ? 'Nothing has been changed yet. Confirm in the dialog to apply the changes.' : 'Nothing to change.',
    '',
    ...table(['#', 'Customer', 'Subscription', 'Current contact', 'New contact', 'Action', 'Reason'], rows),
    '',
  ].join('\n');
}

export function progressText(c: BulkCounts): string {
  const changeItems = c.total - c.skipped; // skips were decided by the plan
  return `${c.changed + c.failed} of ${changeItems} · ${c.changed} changed${c.failed ? ` · ${c.failed} failed` : ''}`;
}

export function resultSummary(r: Pick<BulkResult, 'counts' | 'target' | 'cancelled' | 'notRun' | 'complete'>): string {
  const head = `Support contact → ${r.target.name}: ${r.counts.changed} changed, ${r.counts.skipped} skipped, ${r.counts.failed} failed`;
  if (!r.complete) return `${head}, ${r.notRun.length} not run (${r.cancelled ? 'cancelled' : 'interrupted'}). Resume to finish.`;
  return `${head}.`;
}

export function reportMarkdown(r: BulkResult): string {
  const lines = [
    '# Support contact reassignment — report',
    '',
    `New support contact: ${contactText(r.target)} · Account: ${r.account} · Run ${r.runId}`,
    '',
    resultSummary(r),
    '',
  ];
  if (r.failed.length) {
    lines.push(`## Failed (${r.failed.length})`, '', ...table(['Customer', 'Subscription', 'Subscription ID', 'Error', 'MS-RequestId', 'MS-CorrelationId'],
      r.failed.map((f) => [f.item.customerName ?? f.item.customerId, f.item.subscriptionName, f.item.subscriptionId,
        `${f.error.kind}${f.error.status ? ` ${f.error.status}` : ''}: ${f.error.message}`, f.error.requestId ?? f.requestId, f.error.correlationId ?? ''])), '');
  }
  if (r.notRun.length) {
    lines.push(`## Not run (${r.notRun.length}) — "Partner Center: Resume Reassignment" finishes them`, '',
      ...table(['Customer', 'Subscription', 'Subscription ID', 'MS-RequestId'], r.notRun.map((n) => [n.item.customerName ?? n.item.customerId, n.item.subscriptionName, n.item.subscriptionId, n.requestId])), '');
  }
  if (r.skipped.length) {
    lines.push(`## Skipped (${r.skipped.length})`, '',
      ...table(['Customer', 'Subscription', 'Reason'], r.skipped.map((s) => [s.item.customerName ?? s.item.customerId, s.item.subscriptionName, s.reasonText])), '');
  }
  if (r.changed.length) {
    lines.push(`## Changed (${r.changed.length})`, '',
      ...table(['Customer', 'Subscription', 'Before', 'Now', 'MS-RequestId'], r.changed.map((c) => [c.item.customerName ?? c.item.customerId, c.item.subscriptionName, contactText(c.item.current), contactText(c.contact), c.requestId])), '');
  }
  if (r.changeLogError) lines.push(`Note: the change log could not be written: ${r.changeLogError}`, '');
  return lines.join('\n');
}

export interface HistoryRow { label: string; description: string; detail: string }

export function historyRow(e: ChangeLogEntry): HistoryRow {
  const icon = e.outcome === 'changed' ? (e.source === 'undo' ? '$(discard)' : '$(check)') : '$(error)';
  return {
    label: `${icon} ${e.subscriptionName ?? e.subscriptionId} — ${e.customerName ?? e.customerId}`,
    description: `${contactText(e.old)} → ${contactText(e.new)}`,
    detail: [e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), e.outcome === 'changed' ? 'changed' : `failed: ${e.error?.message ?? 'unknown error'}`,
      e.source ?? 'single', `subscription ${e.subscriptionId}`, `MS-RequestId ${e.requestId}`].join(' · '),
  };
}

export function historyDetails(e: ChangeLogEntry): string {
  return [
    `Time: ${e.time}`, `Account: ${e.account}`, `Customer: ${e.customerName ?? ''} (${e.customerId})`,
    `Subscription: ${e.subscriptionName ?? ''} (${e.subscriptionId})`, `Old contact: ${contactText(e.old)}${e.old ? `, tenant ${e.old.supportTenantId}` : ''}`,
    `New contact: ${contactText(e.new)}, tenant ${e.new.supportTenantId}`, `Outcome: ${e.outcome}${e.error ? ` — ${e.error.kind}: ${e.error.message}` : ''}`,
    `Source: ${e.source ?? 'single'}${e.runId ? ` (run ${e.runId})` : ''}`, `MS-RequestId: ${e.requestId}`, ...(e.correlationId ? [`MS-CorrelationId: ${e.correlationId}`] : []),
  ].join('\n');
}

/** "A support-contact reassignment was interrupted (12 of 52 done). Resume?" */
export function interruptedText(changeItems: number, remaining: number, target: string, account: string): string {
  return `A support-contact reassignment to ${target} (${account}) was interrupted (${changeItems - remaining} of ${changeItems} done). Resume?`;
}

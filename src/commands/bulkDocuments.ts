// What the bulk reassignment shows a person, as plain text: the preview (dry run) table, the run's
// report, the one-line summaries and the details a history entry copies. No vscode import, so it is unit-tested under
// plain Node; bulk.ts puts these into read-only documents, notifications and quick picks.
import * as l10n from '@vscode/l10n';
import { distinctTargets, outcomeUnknown, type BulkCounts, type BulkResult, type PlanItem, type ReassignmentPlan, type SkipReason } from '../bulk';
import type { ChangeLogEntry } from '../history/changeLog';
import { describeContact, type SupportContact } from '../partnerCenter';
import { markdownText, plainText } from '../partnerCenter/safeText';

/** The order skips are listed in. */
const skipReasons: readonly SkipReason[] = ['alreadySet', 'changedSincePreview', 'nce', 'notActive', 'notPermitted', 'error'];

/** A function, not a table: the labels are looked up after activation has loaded the l10n bundle. */
export function skipReasonLabel(reason: SkipReason): string {
  switch (reason) {
    case 'alreadySet': return l10n.t('already set');
    case 'changedSincePreview': return l10n.t('changed since the preview');
    case 'nce': return l10n.t('NCE');
    case 'notActive': return l10n.t('not active');
    case 'notPermitted': return l10n.t('not permitted');
    case 'error': return l10n.t('could not read');
  }
}

export const contactText = describeContact;

/**
 * The run's new contact as a name for a sentence: the reseller's name, or "each row's own contact
 * (N resellers)" when the rows have different new contacts (health-check fixes). Raw text: each
 * caller puts it through its own sink (plainText, markdownText).
 */
export function targetName(items: readonly Pick<PlanItem, 'target'>[], target: SupportContact): string {
  const n = distinctTargets(items).length;
  return n > 1 ? l10n.t('each row\'s own contact ({0} resellers)', n) : target.name;
}

/** The Reassignment panel's tab title: "Reassign → Wingtip Toys", or the per-row form. */
export function panelTitle(header: { target: string; targets: number } | undefined): string {
  if (header && header.targets > 1) return l10n.t('Reassign → each row\'s own contact ({0} resellers)', header.targets);
  return l10n.t('Reassign → {0}', plainText(header?.target ?? ''));
}

/** Every item of a run's result (changed, skipped, failed, not run). */
export function resultItems(r: Partial<Pick<BulkResult, 'changed' | 'skipped' | 'failed' | 'notRun'>>): PlanItem[] {
  return [...(r.changed ?? []), ...(r.skipped ?? []), ...(r.failed ?? []), ...(r.notRun ?? [])].map((x) => x.item);
}

/** The raw text of a contact, for a cell that escapes it as a whole. */
const rawContact = (c: SupportContact | null | undefined): string => contactText(c, String);

/** A Markdown table cell: one line, every markup character escaped (markdownText). */
export function cell(value: string | undefined): string {
  return markdownText(value ?? '').trim() || ' ';
}

/** Service text in the documents' prose lines (outside the tables). */
export const md = markdownText;

export function table(header: string[], rows: string[][]): string[] {
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
  const parts = skipReasons.filter((r) => s.byReason[r]).map((r) => `${skipReasonLabel(r)} ${s.byReason[r]}`);
  return parts.length ? l10n.t('{0} skipped ({1})', s.skip, parts.join(', ')) : l10n.t('{0} skipped', s.skip);
}

/** Changes first, then skips grouped by reason; the plan's own order inside each group. */
function ordered(items: readonly PlanItem[]): { n: number; item: PlanItem }[] {
  const rank = (i: PlanItem) => (i.action === 'change' ? 0 : 1 + skipReasons.indexOf(i.reason ?? 'error'));
  return items.map((item, k) => ({ n: k + 1, item })).sort((a, b) => rank(a.item) - rank(b.item) || a.n - b.n);
}

export function previewMarkdown(plan: ReassignmentPlan, meta: { account?: string; source: string }): string {
  const s = summarizePlan(plan);
  const rows = ordered(plan.items).map(({ n, item }) => [
    String(n), item.customerName ?? item.customerId, item.subscriptionName, rawContact(item.current),
    item.action === 'change' ? rawContact(item.target) : l10n.t('(unchanged)'),
    item.action === 'change' ? l10n.t('change') : l10n.t('skip: {0}', skipReasonLabel(item.reason ?? 'error')),
    item.action === 'change' ? '' : item.reasonText,
  ]);
  return [
    l10n.t('# Reassign support contact — preview (dry run)'),
    '',
    distinctTargets(plan.items).length > 1
      ? l10n.t('New support contacts: each row\'s own ({0} resellers, in the New contact column)', distinctTargets(plan.items).length)
      : l10n.t('New support contact: {0}, tenant {1}', contactText(plan.target, md), md(plan.target.supportTenantId)),
    meta.account
      ? l10n.t('Source: {0} · Account: {1} · Prepared: {2}', md(meta.source), md(meta.account), md(plan.created))
      : l10n.t('Source: {0} · Prepared: {1}', md(meta.source), md(plan.created)),
    '',
    l10n.t('**{0} to change** · {1} · {2} subscriptions in total', s.change, skippedText(s), plan.items.length),
    '',
    s.change > 0 ? l10n.t('Nothing has been changed yet. Confirm in the dialog to apply the changes.') : l10n.t('Nothing to change.'),
    '',
    ...table(['#', l10n.t('Customer'), l10n.t('Subscription'), l10n.t('Current contact'), l10n.t('New contact'), l10n.t('Action'), l10n.t('Reason')], rows),
    '',
  ].join('\n');
}

/** Change items the run has finished with (changed, failed, or skipped when re-read before the PUT). */
export function handledCount(c: BulkCounts): number {
  return c.done - (c.total - c.changeItems);
}

export function progressText(c: BulkCounts): string {
  const handled = handledCount(c);
  const skipped = handled - c.changed - c.failed; // skipped when re-read just before the PUT
  const parts = [l10n.t('{0} of {1}', handled, c.changeItems), l10n.t('{0} changed', c.changed)];
  if (skipped > 0) parts.push(l10n.t('{0} skipped', skipped));
  if (c.failed > 0) parts.push(l10n.t('{0} failed', c.failed));
  return parts.join(' · ');
}

/** The run's one-line result, for a notification (plain text) or the report (`shown` = markdownText). */
export function resultSummary(r: Pick<BulkResult, 'counts' | 'target' | 'cancelled' | 'notRun' | 'complete'> & Partial<Pick<BulkResult, 'skipped' | 'changed' | 'failed'>>,
  shown: (s: string) => string = plainText): string {
  const head = l10n.t('Support contact → {0}: {1} changed, {2} skipped, {3} failed', shown(targetName(resultItems(r), r.target)), r.counts.changed, r.counts.skipped, r.counts.failed);
  const stale = r.skipped?.filter((s) => s.reason === 'changedSincePreview').length ?? 0;
  const note = stale === 1 ? ` ${l10n.t('1 subscription changed since the preview and was left as it is.')}`
    : stale > 1 ? ` ${l10n.t('{0} subscriptions changed since the preview and were left as they are.', stale)}` : '';
  if (!r.complete) {
    return (r.cancelled
      ? l10n.t('{0}, {1} not run (cancelled). Resume to finish.', head, r.notRun.length)
      : l10n.t('{0}, {1} not run (interrupted). Resume to finish.', head, r.notRun.length)) + note;
  }
  return `${head}.${note}`;
}

export function reportMarkdown(r: BulkResult): string {
  const lines = [
    l10n.t('# Support contact reassignment — report'),
    '',
    distinctTargets(resultItems(r)).length > 1
      ? l10n.t('New support contacts: each row\'s own ({0} resellers, under "Now") · Account: {1} · Run {2}', distinctTargets(resultItems(r)).length, md(r.account), md(r.runId))
      : l10n.t('New support contact: {0} · Account: {1} · Run {2}', contactText(r.target, md), md(r.account), md(r.runId)),
    '',
    resultSummary(r, md),
    '',
  ];
  if (r.failed.length) {
    const unknown = r.failed.filter((f) => outcomeUnknown(f)).length;
    lines.push(l10n.t('## Failed ({0})', r.failed.length), '');
    if (unknown > 0) {
      lines.push(l10n.t('{0} of these may have been applied although Partner Center reported a failure (a server error, or no answer). Quote the MS-RequestId and MS-CorrelationId in a support ticket. Retry Failed reads each contact again first: one already applied is reported as already set and not sent again.', unknown), '');
    }
    lines.push(...table([l10n.t('Customer'), l10n.t('Subscription'), l10n.t('Subscription ID'), l10n.t('Error'), l10n.t('Outcome'), 'MS-RequestId', 'MS-CorrelationId'],
      r.failed.map((f) => [f.item.customerName ?? f.item.customerId, f.item.subscriptionName, f.item.subscriptionId,
        `${f.error.kind}${f.error.status ? ` ${f.error.status}` : ''}: ${f.error.message}`, outcomeUnknown(f) ? l10n.t('unknown: may have been applied') : l10n.t('not applied'),
        f.error.requestId ?? f.requestId, f.error.correlationId ?? ''])), '');
  }
  if (r.notRun.length) {
    lines.push(l10n.t('## Not run ({0}) — "Partner Center: Resume Reassignment" finishes them', r.notRun.length), '',
      ...table([l10n.t('Customer'), l10n.t('Subscription'), l10n.t('Subscription ID'), 'MS-RequestId'], r.notRun.map((n) => [n.item.customerName ?? n.item.customerId, n.item.subscriptionName, n.item.subscriptionId, n.requestId])), '');
  }
  if (r.skipped.length) {
    lines.push(l10n.t('## Skipped ({0})', r.skipped.length), '',
      ...table([l10n.t('Customer'), l10n.t('Subscription'), l10n.t('Reason')], r.skipped.map((s) => [s.item.customerName ?? s.item.customerId, s.item.subscriptionName, s.reasonText])), '');
  }
  if (r.changed.length) {
    lines.push(l10n.t('## Changed ({0})', r.changed.length), '',
      ...table([l10n.t('Customer'), l10n.t('Subscription'), l10n.t('Before'), l10n.t('Now'), 'MS-RequestId'], r.changed.map((c) => [c.item.customerName ?? c.item.customerId, c.item.subscriptionName, rawContact(c.previous), rawContact(c.contact), c.requestId])), '');
  }
  if (r.changeLogError) lines.push(l10n.t('Note: the change log could not be written: {0}', md(r.changeLogError)), '');
  return lines.join('\n');
}

export function historyDetails(e: ChangeLogEntry): string {
  return [
    `Time: ${e.time}`, `Account: ${e.account}`, `Customer: ${e.customerName ?? ''} (${e.customerId})`,
    `Subscription: ${e.subscriptionName ?? ''} (${e.subscriptionId})`, `Old contact: ${rawContact(e.old)}${e.old ? `, tenant ${e.old.supportTenantId}` : ''}`,
    `New contact: ${rawContact(e.new)}, tenant ${e.new.supportTenantId}`, `Outcome: ${e.outcome}${e.error ? ` — ${e.error.kind}: ${e.error.message}` : ''}`,
    `Source: ${e.source ?? 'single'}${e.runId ? ` (run ${e.runId})` : ''}`, `MS-RequestId: ${e.requestId}`, ...(e.correlationId ? [`MS-CorrelationId: ${e.correlationId}`] : []),
  ].join('\n');
}

/** "A support-contact reassignment was interrupted (12 of 52 done). Resume?" */
export function interruptedText(changeItems: number, remaining: number, target: string, account: string): string {
  return l10n.t('A support-contact reassignment to {0} ({1}) was interrupted ({2} of {3} done). Resume?', plainText(target), plainText(account), changeItems - remaining, changeItems);
}

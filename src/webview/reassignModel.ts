// The Reassignment panel's data on the host: plan items and journal states → rows, engine events →
// row updates, a result → its summary, and the throttle's pace for the estimate. Plain Node: no
// vscode import (unit-tested, and used by the bench).
import type { BulkCounts, BulkResult, ItemEvent, ItemState, PlanItem } from '../bulk';
import { describeContact, distinctTargets } from '../bulk';
import { plainText } from '../partnerCenter/safeText';
import { handledCount, resultSummary, skipReasonLabel } from '../commands/bulkDocuments';
import type { PanelHeader, PlanRow, ProgressView, RowUpdate, SummaryView } from './shared/reassignProtocol';

export function planRow(item: PlanItem, i: number): PlanRow {
  const change = item.action === 'change';
  return {
    i, customerId: item.customerId, customer: item.customerName ?? item.customerId, subscriptionId: item.subscriptionId, subscription: item.subscriptionName,
    current: describeContact(item.current), next: change ? describeContact(item.target) : describeContact(item.current),
    state: change ? 'change' : 'skip', detail: change ? '' : skipReasonLabel(item.reason ?? 'error'),
  };
}

/** A journal item's state as the panel shows it (`started` items are re-read first, like pending ones). */
export function stateUpdate(state: ItemState | ItemEvent, item: PlanItem): Omit<RowUpdate, 'i'> {
  switch (state.status) {
    case 'reading': return { state: 'reading', detail: '' };
    case 'pending': case 'started': return { state: 'queued', detail: '' };
    case 'changed': return { state: 'changed', detail: '' };
    case 'skipped': {
      const s = state as ItemState;
      if (!s.reason) return { state: 'skip', detail: skipReasonLabel(item.reason ?? 'error') }; // the plan's own skip
      return { state: 'skipped', detail: s.reasonText || skipReasonLabel(s.reason) };
    }
    case 'failed': {
      const s = state as ItemState;
      return { state: 'failed', detail: s.error?.message ?? '', ...(s.error?.requestId || s.requestId ? { requestId: s.error?.requestId ?? s.requestId } : {}) };
    }
  }
}

/** Rows for a journal (a resumed run): each at the state its journal records. */
export function journalRows(items: readonly PlanItem[], states: readonly ItemState[]): PlanRow[] {
  return items.map((item, i) => ({ ...planRow(item, i), ...stateUpdate(states[i], item) }));
}

export function progressView(c: BulkCounts, elapsedMs: number): ProgressView {
  const handled = handledCount(c);
  return { handled, total: c.changeItems, changed: c.changed, skipped: handled - c.changed - c.failed, failed: c.failed, elapsedMs };
}

export function summaryView(r: BulkResult): SummaryView {
  const stale = r.skipped.some((s) => s.reason === 'changedSincePreview');
  return { text: resultSummary(r), complete: r.complete, failed: r.failed.length, warning: r.failed.length > 0 || !r.complete || stale };
}

/** Seconds per change (a re-read and a PUT) at the limiter's pace, and how many the burst lets through at once. */
export function pace(limiter: { ratePerMinute: number; burst: number }): { secondsPerChange: number; burstChanges: number } {
  return { secondsPerChange: (2 * 60) / limiter.ratePerMinute, burstChanges: Math.floor(limiter.burst / 2) };
}

/** The panel's header: one new contact, or — rows with different ones (health-check fixes) — their count. */
export function panelHeader(account: string, items: readonly PlanItem[], target: PlanItem['target'], source: string, paced: Pick<PanelHeader, 'secondsPerChange' | 'burstChanges'>): PanelHeader {
  // The page puts the target's name in a <bdi>; the source is a label (a name or a sentence with one), shown as plain text.
  return {
    account, target: target.name, targetMpnId: target.supportMpnId, targetTenantId: target.supportTenantId, source: plainText(source),
    targets: Math.max(1, distinctTargets(items).length), ...paced,
  };
}

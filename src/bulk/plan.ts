// Dry run of a bulk reassignment: one item per subscription with its current contact, the target and
// whether it would change or be skipped (and why). Reads go through the client, whose shared limiter
// paces them; NCE and inactive subscriptions are skipped without asking for their contact.
// Plain Node: no vscode import.

import * as l10n from '@vscode/l10n';
import {
  PartnerCenterError, changeBlocker, describeContact, isPartnerCenterError, notEditableReason, sameContact, subscriptionName, toUserMessage, validateSupportContact,
  type OperationContext, type PartnerCenterClient, type ResellerRelationship, type Subscription, type SubscriptionStatus, type SupportContact,
} from '../partnerCenter';
import { plainText } from '../partnerCenter/safeText';
import { forEachLimited } from './pool';

/**
 * Why an item is not changed. `changedSincePreview` is only decided by the engine, which re-reads each
 * contact just before its PUT (the others come from the preview, `alreadySet` and `nce` from either).
 */
export type SkipReason = 'alreadySet' | 'changedSincePreview' | 'nce' | 'notActive' | 'notPermitted' | 'error';

export interface PlanItem {
  customerId: string;
  customerName?: string;
  subscriptionId: string;
  subscriptionName: string;
  /** Kept so the engine can skip re-reading the subscription before the PUT. */
  offerId?: string;
  status?: SubscriptionStatus;
  current: SupportContact | null;
  target: SupportContact;
  action: 'change' | 'skip';
  reason?: SkipReason;
  /** One sentence for the preview table. */
  reasonText: string;
  /** Only on a retry whose earlier outcome is unknown (network, timeout, 5xx): send the same MS-RequestId again. */
  requestId?: string;
  /** With `requestId`: an earlier PUT with that id may have been applied (see the engine's re-read). */
  resend?: true;
}

export interface ReassignmentPlan {
  created: string;
  /** The contact every `change` item gets (ids and name from the reseller relationship list). */
  target: SupportContact;
  items: PlanItem[];
}

/** A subscription to consider: give the subscription itself, or its id to fetch it. */
export interface PlanTarget {
  customerId: string;
  customerName?: string;
  subscription?: Subscription;
  subscriptionId?: string;
  /** The contact when the caller already read it (e.g. `targetsForReseller`): not fetched again. */
  knownContact?: SupportContact | null;
  /** This subscription's own new contact (a health-check fix: each finding's suggested reseller); else the plan's reseller. */
  reseller?: Pick<ResellerRelationship, 'id' | 'mpnId'>;
}

export interface PlanOptions {
  /** Items read at once (default 8); the client's limiter still paces every request. */
  concurrency?: number;
  ctx?: OperationContext;
  onProgress?: (done: number, total: number) => void;
}

/** The target as a valid support contact of one of the partner's active indirect resellers, or a validation error. */
export async function resolveTarget(client: PartnerCenterClient, reseller: Pick<ResellerRelationship, 'id' | 'mpnId'>, ctx: OperationContext = {}): Promise<SupportContact> {
  const checked = validateSupportContact({ supportTenantId: reseller.id, supportMpnId: reseller.mpnId }, await client.listIndirectResellers(ctx));
  if (!checked.ok) throw new PartnerCenterError('validation', checked.issues.map((i) => i.message).join(' '));
  return checked.contact;
}

function key(customerId: string, subscriptionId: string): string {
  return `${customerId}/${subscriptionId}`.toLowerCase();
}

async function planOne(client: PartnerCenterClient, t: PlanTarget, target: SupportContact, ctx: OperationContext): Promise<PlanItem> {
  const subscriptionId = t.subscription?.id ?? t.subscriptionId ?? '';
  const base = { customerId: t.customerId, customerName: t.customerName, subscriptionId, subscriptionName: subscriptionId, current: null, target };
  const skip = (reason: SkipReason, reasonText: string, extra: Partial<PlanItem> = {}): PlanItem => ({ ...base, ...extra, action: 'skip', reason, reasonText });
  let sub: Subscription;
  try {
    sub = t.subscription ?? await client.getSubscription(t.customerId, subscriptionId, ctx);
  } catch (err) {
    if (isPartnerCenterError(err) && err.kind === 'cancelled') throw err;
    if (isPartnerCenterError(err) && err.kind === 'forbidden') return skip('notPermitted', toUserMessage(err));
    return skip('error', l10n.t('Could not read the subscription: {0}', plainText(err instanceof Error ? err.message : String(err))));
  }
  const known = { subscriptionName: subscriptionName(sub), offerId: sub.offerId, status: sub.status };
  const blocker = changeBlocker(sub);
  if (blocker) return skip(blocker, notEditableReason(sub) ?? '', known);
  let current: SupportContact | null;
  try {
    current = t.knownContact !== undefined ? t.knownContact : await client.getSupportContact(t.customerId, sub.id, ctx);
  } catch (err) {
    if (!isPartnerCenterError(err)) return skip('error', l10n.t('Could not read the support contact: {0}', String(err)), known);
    if (err.kind === 'cancelled') throw err;
    if (err.kind === 'nce') return skip('nce', l10n.t('Partner Center says this is a New Commerce (NCE) subscription.'), known);
    if (err.kind === 'forbidden') return skip('notPermitted', toUserMessage(err), known);
    return skip('error', l10n.t('Could not read the support contact: {0}', plainText(err.message)), known);
  }
  const item = { ...base, ...known, current };
  if (sameContact(current, target)) return { ...item, action: 'skip', reason: 'alreadySet', reasonText: l10n.t('Already supported by {0}.', describeContact(target)) };
  return { ...item, action: 'change', reasonText: `${describeContact(current)} → ${describeContact(target)}` };
}

/**
 * One item per distinct subscription (duplicates dropped, ids compared case-insensitively), in the
 * order given, each changed to its own `reseller` when it has one, else to `reseller`. Throws a
 * validation error when a reseller is not an active indirect reseller.
 */
export async function createPlan(
  client: PartnerCenterClient, targets: readonly PlanTarget[], reseller: Pick<ResellerRelationship, 'id' | 'mpnId'>, options: PlanOptions = {},
): Promise<ReassignmentPlan> {
  const ctx = options.ctx ?? {};
  const target = await resolveTarget(client, reseller, ctx);
  const seen = new Set<string>();
  const unique = targets.filter((t) => {
    const k = key(t.customerId, t.subscription?.id ?? t.subscriptionId ?? '');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const own = new Map<string, SupportContact>(); // each per-row reseller, checked once
  for (const t of unique) {
    const k = t.reseller?.id.toLowerCase();
    if (t.reseller && k && !own.has(k)) own.set(k, await resolveTarget(client, t.reseller, ctx));
  }
  const items: PlanItem[] = new Array<PlanItem>(unique.length);
  let done = 0;
  await forEachLimited(unique, options.concurrency ?? 8, async (t, i) => {
    items[i] = await planOne(client, t, (t.reseller && own.get(t.reseller.id.toLowerCase())) || target, ctx);
    options.onProgress?.(++done, unique.length);
  }, ctx.signal);
  if (ctx.signal?.aborted) throw new PartnerCenterError('cancelled', 'The operation was cancelled.');
  return { created: new Date().toISOString(), target, items };
}

/**
 * The distinct new contacts of a plan's items (by tenant and MPN ID, in order): one for a reseller's
 * plan, one per suggested reseller for health-check fixes. More than one: the texts say "each row's own".
 */
export function distinctTargets(items: readonly Pick<PlanItem, 'target'>[]): SupportContact[] {
  const seen = new Map<string, SupportContact>();
  for (const { target } of items) {
    const k = `${target.supportTenantId}/${target.supportMpnId}`.toLowerCase();
    if (!seen.has(k)) seen.set(k, target);
  }
  return [...seen.values()];
}

export interface PlanCounts { total: number; change: number; skip: number; byReason: Partial<Record<SkipReason, number>> }

export function planCounts(plan: ReassignmentPlan): PlanCounts {
  const byReason: Partial<Record<SkipReason, number>> = {};
  let change = 0;
  for (const item of plan.items) {
    if (item.action === 'change') change++;
    else if (item.reason) byReason[item.reason] = (byReason[item.reason] ?? 0) + 1;
  }
  return { total: plan.items.length, change, skip: plan.items.length - change, byReason };
}

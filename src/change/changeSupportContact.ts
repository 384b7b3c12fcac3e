// The one support-contact change: validate → re-read and compare with what the user saw → PUT →
// record exactly one History entry → tell `onDidChangeSupportContact`. The editor's Save, the
// palette flow, Undo and the bulk engine all call this; each only decides what to show.
// Plain Node: no vscode import.
import { randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import {
  PartnerCenterError, changeBlocker, isCompleteContact, isPartnerCenterError, sameContact, subscriptionName, validateSupportContact,
  type OperationContext, type PartnerCenterClient, type Subscription, type SupportContact, type SupportContactInput,
} from '../partnerCenter';
import { toChangeError, type ChangeError, type ChangeLog, type ChangeLogEntry } from '../history/changeLog';
import type { SupportContactChange, SupportContactEvents } from './events';

export type ChangeClient = Pick<PartnerCenterClient, 'getSupportContact' | 'updateSupportContact' | 'listIndirectResellers'>;
/** Runs one call with a client; the session's runner signs in again after an MFA challenge and repeats only that call. */
export interface ClientRunner { call<T>(fn: (client: PartnerCenterClient) => Promise<T>): Promise<T> }

export interface ChangeTarget {
  customerId: string;
  subscriptionId: string;
  customerName?: string;
  subscriptionName?: string;
  /** The subscription when the caller has it: no GET of the subscription before the PUT. */
  knownSubscription?: Subscription;
}

export interface ChangeRequest {
  target: ChangeTarget;
  /** The new contact: ids of one of the partner's active indirect resellers (its listed name is sent). */
  contact: SupportContactInput;
  /** The contact the user saw; a different one found on the re-read is a conflict (nothing is sent). */
  expected: SupportContact | null;
  /** The MS-RequestId of the PUT (made up when absent). */
  requestId?: string;
  /** An earlier PUT with `requestId` may have been applied: when the contact is already the new one, send it again. */
  resend?: boolean;
}

export interface ChangeOptions {
  account: string;
  source: 'single' | 'bulk' | 'undo';
  changeLog?: ChangeLog;
  events?: SupportContactEvents;
  ctx?: OperationContext;
  runId?: string;
  /**
   * Before the PUT, after the re-read, with the contact the change replaces: false sends nothing
   * (the bulk engine writes its journal line and checks its lock here).
   */
  beforePut?: (previous: SupportContact | null) => Promise<boolean>;
  /** 'checking' before the re-read, 'saving' before the PUT (for progress messages). */
  onStep?: (step: 'checking' | 'saving') => void;
  /** Writing the History entry failed; the change itself stands. */
  onLogError?: (message: string) => void;
}

export type ChangeOutcome =
  /**
   * `confirmed` false: the PUT's 2xx answer did not say what was stored, so `contact` is what a
   * re-read found (say so: Partner Center did not confirm the change).
   */
  | { status: 'changed'; contact: SupportContact; previous: SupportContact | null; requestId: string; confirmed: boolean }
  | { status: 'conflict'; current: SupportContact | null }
  | { status: 'alreadySet'; current: SupportContact | null }
  | { status: 'stopped'; current: SupportContact | null };

/** The failed call's ids, else the PUT's own request id (quote it in a support ticket). */
export function changeErrorOf(err: unknown, requestId: string): ChangeError {
  return { ...toChangeError(err), requestId: (isPartnerCenterError(err) && err.requestId) || requestId };
}

/** Cancelled, or refused for the sign-in (the user signs in and repeats it): no outcome to record. */
function noOutcome(err: unknown): boolean {
  return isPartnerCenterError(err) && (err.kind === 'cancelled' || err.kind === 'auth' || err.kind === 'mfaRequired');
}

function runnerOf(client: ChangeClient | ClientRunner): ClientRunner {
  if ('call' in client) return client;
  return { call: (fn) => fn(client as PartnerCenterClient) };
}

export async function changeSupportContact(client: ChangeClient | ClientRunner, request: ChangeRequest, options: ChangeOptions): Promise<ChangeOutcome> {
  const runner = runnerOf(client);
  const ctx: OperationContext = { ...options.ctx, correlationId: options.ctx?.correlationId ?? randomUUID() };
  const contact = await validate(runner, request, ctx);
  const { customerId, subscriptionId } = request.target;
  options.onStep?.('checking');
  const current = await runner.call((c) => c.getSupportContact(customerId, subscriptionId, ctx));
  const decided = compare(current, contact, request);
  if (decided) {
    if (!sameContact(current, request.expected)) tell(options, request.target, 'foundChanged', current);
    return decided;
  }
  // Finishing an earlier attempt of ours: what it replaced is what the user saw, not the re-read.
  const previous = request.resend && sameContact(current, contact) ? request.expected : current;
  if (options.beforePut && !(await options.beforePut(previous))) return { status: 'stopped', current };
  options.onStep?.('saving');
  return put(runner, { request, contact, previous, ctx, options });
}

/** The new contact as the reseller list spells it, or a validation error before anything is read. */
async function validate(runner: ClientRunner, request: ChangeRequest, ctx: OperationContext): Promise<SupportContact> {
  const known = request.target.knownSubscription;
  const blocker = known && changeBlocker(known);
  if (known && blocker === 'nce') throw new PartnerCenterError('nce', `"${subscriptionName(known)}" is a New Commerce (NCE) subscription; Partner Center does not support a support contact on it.`);
  if (known && blocker) throw new PartnerCenterError('validation', `The subscription is ${known.rawStatus ?? known.status}; only active subscriptions can change their support contact.`);
  const checked = validateSupportContact(request.contact, await runner.call((c) => c.listIndirectResellers(ctx)));
  if (!checked.ok) throw new PartnerCenterError('validation', checked.issues.map((i) => i.message).join(' '));
  return checked.contact;
}

/** What the re-read decides before any PUT: already the new contact, or not what the user saw. */
function compare(current: SupportContact | null, contact: SupportContact, request: ChangeRequest): ChangeOutcome | undefined {
  if (sameContact(current, contact)) return request.resend ? undefined : { status: 'alreadySet', current };
  if (!sameContact(current, request.expected)) return { status: 'conflict', current };
  return undefined;
}

interface PutStep { request: ChangeRequest; contact: SupportContact; previous: SupportContact | null; ctx: OperationContext; options: ChangeOptions }

async function put(runner: ClientRunner, step: PutStep): Promise<ChangeOutcome> {
  const { request, contact, ctx } = step;
  const { customerId, subscriptionId, knownSubscription } = request.target;
  const requestId = request.requestId ?? randomUUID();
  // What the PUT itself last heard, apart from what the runner around it throws: after an MFA
  // challenge the session signs in again and repeats the PUT, and that sign-in can fail or be
  // cancelled. The History entry follows the PUT's own answers, so one logical change gets one entry
  // however the call is repeated (or not repeated).
  let heard: { err: unknown } | undefined;
  let stored: SupportContact | undefined;
  try {
    stored = await runner.call(async (c) => {
      try {
        return await c.updateSupportContact(customerId, subscriptionId, contact, ctx, { knownSubscription, requestId });
      } catch (err) {
        heard = { err };
        throw err;
      }
    });
  } catch (err) {
    // Refused for the sign-in or cancelled, or never sent (the runner failed first): nothing to record.
    if (heard && !noOutcome(heard.err)) await record(step, { outcome: 'failed', new: contact, requestId, error: changeErrorOf(heard.err, requestId) });
    throw err;
  }
  if (!stored) return unconfirmed(runner, step, requestId);
  await record(step, { outcome: 'changed', new: stored, requestId });
  return { status: 'changed', contact: stored, previous: step.previous, requestId, confirmed: true };
}

/**
 * A 2xx answer without a usable contact: Partner Center accepted the change but did not say what
 * it stored. Ask it, and record and return what it says now; when that read fails (or finds no
 * contact), the change may or may not have been applied: recorded as failed (with that reason)
 * and thrown, never shown as saved.
 */
async function unconfirmed(runner: ClientRunner, step: PutStep, requestId: string): Promise<ChangeOutcome> {
  const { request, ctx } = step;
  let now: SupportContact | null;
  try {
    now = await runner.call((c) => c.getSupportContact(request.target.customerId, request.target.subscriptionId, ctx));
  } catch (err) {
    // Cancelled too: the change was accepted, so History and the user still hear that it may have been applied.
    return notConfirmed(step, requestId, l10n.t('Partner Center accepted the change but did not say what it stored, and reading the support contact again failed. The change may have been applied: refresh to see the current support contact.'), err);
  }
  if (!isCompleteContact(now)) {
    return notConfirmed(step, requestId, l10n.t('Partner Center accepted the change but did not say what it stored, and it now shows no support contact. The change may not have been applied: refresh to see the current support contact.'));
  }
  await record(step, { outcome: 'changed', new: now, requestId });
  return { status: 'changed', contact: now, previous: step.previous, requestId, confirmed: false };
}

/** Recorded as failed and thrown; what the failed re-read said goes along as the description (the ids are the PUT's). */
async function notConfirmed(step: PutStep, requestId: string, message: string, reread?: unknown): Promise<never> {
  const cause = isPartnerCenterError(reread) ? reread : undefined;
  const description = cause ? cause.description ?? cause.message : reread instanceof Error ? reread.message : undefined;
  const error = new PartnerCenterError('service', message, {
    description, requestId, correlationId: step.ctx.correlationId, unconfirmed: true,
  });
  await record(step, { outcome: 'failed', new: step.contact, requestId, error: changeErrorOf(error, requestId) });
  throw error;
}

async function record(step: PutStep, result: Pick<ChangeLogEntry, 'outcome' | 'new' | 'requestId' | 'error'>): Promise<void> {
  const { request, previous, ctx, options } = step;
  const { target } = request;
  const entry: ChangeLogEntry = {
    time: new Date().toISOString(), account: options.account, customerId: target.customerId, customerName: target.customerName,
    subscriptionId: target.subscriptionId, subscriptionName: target.subscriptionName, old: previous, correlationId: ctx.correlationId,
    source: options.source, ...(options.runId ? { runId: options.runId } : {}), ...result,
  };
  try {
    await options.changeLog?.append(entry);
  } catch (err) {
    options.onLogError?.(err instanceof Error ? err.message : String(err));
  }
  tell(options, target, result.outcome, result.new);
}

function tell(options: ChangeOptions, target: ChangeTarget, outcome: SupportContactChange['outcome'], contact: SupportContact | null): void {
  options.events?.fire({ customerId: target.customerId, subscriptionId: target.subscriptionId, outcome, contact, source: options.source });
}

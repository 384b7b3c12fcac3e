// The one support-contact change: validate → re-read and compare with what the user saw → PUT →
// record exactly one History entry → tell `onDidChangeSupportContact`. The editor's Save, the
// palette flow, Undo and the bulk engine all call this; each only decides what to show.
// Plain Node: no vscode import.
import { randomUUID } from 'node:crypto';
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
  | { status: 'changed'; contact: SupportContact; previous: SupportContact | null; requestId: string }
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
  let stored: SupportContact;
  try {
    stored = await runner.call((c) => c.updateSupportContact(customerId, subscriptionId, contact, ctx, { knownSubscription, requestId }));
  } catch (err) {
    if (!noOutcome(err)) await record(step, { outcome: 'failed', new: contact, requestId, error: changeErrorOf(err, requestId) });
    throw err;
  }
  if (!isCompleteContact(stored)) stored = await reread(runner, request, ctx, contact);
  await record(step, { outcome: 'changed', new: stored, requestId });
  return { status: 'changed', contact: stored, previous: step.previous, requestId };
}

/**
 * A 2xx answer without a usable contact: Partner Center accepted the change but did not say what
 * it stored. Ask it; if that read fails too, the contact sent is the best knowledge there is.
 */
async function reread(runner: ClientRunner, request: ChangeRequest, ctx: OperationContext, sent: SupportContact): Promise<SupportContact> {
  try {
    const now = await runner.call((c) => c.getSupportContact(request.target.customerId, request.target.subscriptionId, ctx));
    return isCompleteContact(now) ? now : sent;
  } catch {
    return sent;
  }
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

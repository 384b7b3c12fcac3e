// Undo of one History entry: put the entry's old contact back through the one change operation,
// only while the subscription still has the contact the entry set. Plain Node: no vscode import.
import { checkUndo, undoPlan, type ChangeLogEntry } from '../history/changeLog';
import type { SupportContact } from '../partnerCenter';
import { changeSupportContact, type ChangeClient, type ChangeOptions, type ClientRunner } from './changeSupportContact';

export type UndoResult =
  /** `confirmed` false: Partner Center accepted it without saying what it stored; `contact` is a re-read. */
  | { status: 'restored'; contact: SupportContact; confirmed: boolean }
  | { status: 'conflict'; current: SupportContact | null; message: string }
  | { status: 'notPossible'; reason: 'noOldContact' | 'notChanged'; message: string };

/**
 * Undoes one entry: refuses on a conflict (someone changed the contact since), else restores the
 * old contact; the operation logs that as one new entry (source 'undo'), however often the session
 * repeats a call after an MFA challenge.
 */
export async function undoChange(client: ChangeClient | ClientRunner, entry: ChangeLogEntry, options: Omit<ChangeOptions, 'source'>): Promise<UndoResult> {
  const plan = undoPlan(entry);
  if (!plan.ok) return { status: 'notPossible', reason: plan.reason, message: plan.message };
  const outcome = await changeSupportContact(client, {
    target: { customerId: entry.customerId, subscriptionId: entry.subscriptionId, customerName: entry.customerName, subscriptionName: entry.subscriptionName },
    contact: plan.restore, expected: plan.expected,
  }, { ...options, source: 'undo' });
  if (outcome.status === 'changed') return { status: 'restored', contact: outcome.contact, confirmed: outcome.confirmed };
  const check = checkUndo(plan, outcome.current);
  return { status: 'conflict', current: outcome.current, message: check.ok ? '' : check.message };
}

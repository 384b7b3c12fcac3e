// The format of a bulk run's journal (its types, version and file name): a JSON-lines file per run.
// Line 1 is the header (run id, account, target, the plan items, each with the MS-RequestId it will
// be sent with); then a `start` line is made durable BEFORE each PUT and a `done` line is written
// AFTER its answer. A resumed run sends the same request id again, so the service applies each item
// at most once. An item the engine skips at run time (its contact, re-read before the PUT, is already
// the target or changed since the preview) gets a `done` line with outcome `skipped` and no `start`
// line. journalWriter.ts writes it, journalReader.ts reads it, journalFiles.ts archives and discards
// it. Plain Node: no vscode import.

import type { SupportContact } from '../partnerCenter';
import type { ChangeError } from '../history/changeLog';
import type { PlanItem, SkipReason } from './plan';

export const journalVersion = 1;

export interface JournalItem extends PlanItem { requestId: string }

export interface JournalHeader {
  t: 'header';
  version: number;
  runId: string;
  created: string;
  account: string;
  correlationId: string;
  target: SupportContact;
  items: JournalItem[];
}

export type ItemError = ChangeError;
export interface StartRecord { t: 'start'; i: number; requestId: string; time: string }
/**
 * An item's outcome. `current` is the support contact read just before the PUT (absent when that read
 * failed, and in journals written before the engine re-read). `skipped` is decided at run time by
 * that read (already the target, or changed since the preview): no PUT was sent, so resume and
 * retry leave it alone.
 */
export interface DoneRecord {
  t: 'done'; i: number; outcome: 'changed' | 'failed' | 'skipped'; requestId: string; time: string; error?: ItemError;
  /** `read`: the re-read failed and no PUT had been sent for the item; `put` (the default): a PUT may have been. */
  stage?: FailedStage;
  current?: SupportContact | null; reason?: SkipReason; reasonText?: string;
}
export type FailedStage = 'read' | 'put';
export type JournalRecord = StartRecord | DoneRecord;

export type ItemStatus = 'skipped' | 'pending' | 'started' | 'changed' | 'failed';
export interface ItemState {
  status: ItemStatus; requestId: string; error?: ItemError; stage?: FailedStage;
  /** The contact read just before the PUT (undefined: not read in this journal). */
  current?: SupportContact | null;
  /** Set when the run (not the plan) skipped a change item. */
  reason?: SkipReason; reasonText?: string;
}

export interface LoadedRun {
  file: string;
  header: JournalHeader;
  states: ItemState[];
  /** Every change item has a done line. */
  complete: boolean;
  /** Change items without a done line (pending or started). */
  remaining: number;
  /** Lines that could not be read (a torn last line after a crash is expected and ignored). */
  unreadableLines: number;
  damaged?: false;
}

/**
 * A journal that cannot be read as one (an empty file, a truncated or incomplete header, a header of
 * a newer version): it is never resumed, so no PUT is ever sent from it. `started` counts the items
 * with a `start` line and no `done` line, as far as the lines can be read: those may have been applied.
 */
export interface DamagedRun {
  damaged: true;
  file: string;
  started: number;
  /** Why it cannot be read, one phrase for the user. */
  reason: string;
}

/** What the journal folder holds for a run that has not finished. */
export type IncompleteRun = LoadedRun | DamagedRun;

export function isDamaged(run: IncompleteRun): run is DamagedRun {
  return run.damaged === true;
}

/** A journal's file name: `reassign-<created>-<run id>.jsonl`. */
export const journalPrefix = 'reassign-';
export const journalSuffix = '.jsonl';

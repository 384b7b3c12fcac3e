// One place every single support-contact change (palette flow, editor) is recorded in the local
// change log. registerBulkCommands configures it with the log in globalStorage; until then (or when
// writing fails) recording is a logged no-op — a change is never blocked by its log.
import { randomUUID } from 'node:crypto';
import type { ChangeLog, ChangeLogEntry } from '../history/changeLog';
import { toChangeError } from '../history/changeLog';
import { log } from '../platform/log';

let changeLog: ChangeLog | undefined;

export function setChangeLog(l: ChangeLog | undefined): void {
  changeLog = l;
}

/**
 * One change as the palette flow and the editor know it: a change-log entry without what the
 * recorder fills in (time, outcome, source), with the request id optional and the raw error.
 */
export type SingleChange = Omit<ChangeLogEntry, 'time' | 'outcome' | 'source' | 'runId' | 'requestId' | 'error'> & {
  /** The MS-RequestId sent; a new one is made up when the caller did not choose one. */
  requestId?: string;
  /** Set when the PUT failed (cancellation is not a change: do not record it). */
  error?: unknown;
};

/** Appends one change (source "single"). Never throws. */
export async function recordSupportContactChange(change: SingleChange): Promise<void> {
  if (!changeLog) return;
  const { error, ...rest } = change;
  const entry: ChangeLogEntry = {
    ...rest,
    time: new Date().toISOString(),
    requestId: change.requestId ?? (error && typeof error === 'object' && 'requestId' in error && typeof error.requestId === 'string' ? error.requestId : randomUUID()),
    outcome: error === undefined ? 'changed' : 'failed',
    source: 'single',
    ...(error === undefined ? {} : { error: toChangeError(error) }),
  };
  try {
    await changeLog.append(entry);
  } catch (err) {
    log().warn(`Could not write the support-contact change log: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// Writes a bulk run's journal (format: journal.ts): creates the file with its header, then appends
// `start` and `done` lines, each durable (written whole and fsynced) before its append resolves.

import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { join } from 'node:path';
import { plainText } from '../partnerCenter/safeText';
import { AppendQueue, appendAll, isStorageWriteError, openForAppend, syncDir, type AppendTarget } from '../storage/appendLines';
import { journalPrefix, journalSuffix, journalVersion, type JournalHeader, type JournalRecord } from './journal';
import type { ReassignmentPlan } from './plan';

/** Appends records in order; each append resolves once its line is on disk (writes are batched into one write + fsync). */
export class JournalWriter {
  private closed = false;
  /** Whole lines, synced, or none of them: a line that is not durable must not count as written. */
  private readonly queue: AppendQueue;

  private constructor(readonly file: string, private readonly handle: fs.FileHandle, durable: boolean, wrap?: (file: AppendTarget) => AppendTarget) {
    const target = wrap ? wrap(handle) : handle;
    this.queue = new AppendQueue((text) => appendAll(target, file, text, { sync: durable }));
  }

  /**
   * Creates the run's file with its header. Every change item gets its MS-RequestId here, once.
   * `beforeCreate` runs with the file's path before the file exists (the engine takes the run's lock
   * there, so no other window ever sees the new journal unlocked); if it throws, nothing is created.
   */
  static async create(
    dir: string, plan: ReassignmentPlan,
    meta: { account: string; correlationId?: string; durable?: boolean; wrap?: (file: AppendTarget) => AppendTarget; beforeCreate?: (file: string) => Promise<void> },
  ): Promise<{ writer: JournalWriter; header: JournalHeader }> {
    await fs.mkdir(dir, { recursive: true });
    const runId = randomUUID();
    const created = new Date().toISOString();
    const header: JournalHeader = {
      t: 'header', version: journalVersion, runId, created, account: meta.account, correlationId: meta.correlationId ?? randomUUID(),
      target: plan.target, items: plan.items.map((item) => ({ ...item, requestId: item.requestId ?? randomUUID() })),
    };
    const file = join(dir, `${journalPrefix}${created.replace(/[:.]/g, '-')}-${runId}${journalSuffix}`);
    await meta.beforeCreate?.(file);
    const handle = await openForAppend(file, { exclusive: true });
    const writer = new JournalWriter(file, handle, meta.durable ?? true, meta.wrap);
    try {
      await writer.write(`${JSON.stringify(header)}\n`);
    } catch (err) {
      await writer.close(); // a journal without its header would only show up as damaged: nothing was sent yet
      await fs.rm(file, { force: true });
      throw err;
    }
    await syncDir(dir);
    return { writer, header };
  }

  /** Opens an existing journal to append to it (resume); the first append ends a torn last line. */
  static async open(file: string, options: { durable?: boolean; wrap?: (file: AppendTarget) => AppendTarget } = {}): Promise<JournalWriter> {
    return new JournalWriter(file, await openForAppend(file), options.durable ?? true, options.wrap);
  }

  append(record: JournalRecord): Promise<void> {
    return this.write(`${JSON.stringify(record)}\n`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.idle();
    this.closed = true;
    await this.handle.close();
  }

  private write(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The journal is closed.'));
    return this.queue.add(line);
  }
}

/**
 * The error a run stops with when its journal cannot be written: nothing was lost, because no PUT is
 * sent before its start line is durable and a failed line is taken back.
 */
export function journalStopped(err: unknown): unknown {
  if (!isStorageWriteError(err)) return err;
  return new Error(err.diskFull
    ? l10n.t('The reassignment stopped: the disk is full, so its journal could not be written. Nothing was lost: no change is sent before its journal line is on disk. Free some disk space, then run "Partner Center: Resume Reassignment" to finish it.')
    : l10n.t('The reassignment stopped: its journal could not be written ({0}). Nothing was lost: no change is sent before its journal line is on disk. Fix the cause, then run "Partner Center: Resume Reassignment" to finish it.', plainText(err.message)));
}

// Appending JSON lines so that a line either is on disk whole (written and synced) or is not there at
// all. One helper for the change log and the bulk journal: it ends a torn last line (a crash mid-write)
// before appending, writes every byte (a short write is not success), syncs, and on a failed write
// takes its partial line back. Plain Node: no vscode import.

import * as l10n from '@vscode/l10n';
import { constants, promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { plainText } from '../partnerCenter/safeText';

/** The file operations the helper uses (a FileHandle; tests pass one that fails at a chosen byte). */
export interface AppendTarget {
  write(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  stat(): Promise<{ size: number }>;
  truncate(length: number): Promise<void>;
  datasync(): Promise<void>;
}

/** A line that could not be made durable. Nothing of it stays in the file (when the file allows it). */
export class StorageWriteError extends Error {
  readonly diskFull: boolean;
  constructor(readonly file: string, override readonly cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const diskFull = code === 'ENOSPC' || code === 'EDQUOT';
    super(diskFull
      ? l10n.t('The disk is full: {0} could not be written.', plainText(basename(file)))
      : l10n.t('{0} could not be written ({1}).', plainText(basename(file)), plainText(typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause))));
    this.name = 'StorageWriteError';
    this.diskFull = diskFull;
  }
}

export function isStorageWriteError(err: unknown): err is StorageWriteError {
  return err instanceof StorageWriteError;
}

/**
 * Opens (creating) a file for appendAll. O_APPEND: every write lands at the end even when another
 * window appends to the same file, so nobody's line is overwritten.
 */
export function openForAppend(file: string, options: { exclusive?: boolean } = {}): Promise<fs.FileHandle> {
  const flags = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (options.exclusive ? constants.O_EXCL : 0);
  return fs.open(file, flags, 0o600);
}

/** Whether the file's last byte is not a line break (a line torn by a crash or a full disk). */
async function endsTorn(target: AppendTarget, size: number): Promise<boolean> {
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  const { bytesRead } = await target.read(last, 0, 1, size - 1);
  return bytesRead === 1 && last[0] !== 0x0a;
}

/**
 * Appends `text` (whole lines, each ending in "\n") and syncs it (`sync: false` skips the sync, for
 * tests and throwaway files). Resolves only when every byte is written; otherwise throws
 * StorageWriteError after cutting the file back to where it ended, so the next append stays readable.
 */
export async function appendAll(target: AppendTarget, file: string, text: string, options: { sync?: boolean } = {}): Promise<void> {
  let before: number;
  let data: Buffer;
  try {
    before = (await target.stat()).size;
    data = Buffer.from(((await endsTorn(target, before)) ? '\n' : '') + text, 'utf8');
  } catch (err) {
    throw new StorageWriteError(file, err);
  }
  let written = 0;
  try {
    while (written < data.length) {
      const { bytesWritten } = await target.write(data, written, data.length - written, null);
      if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
      written += bytesWritten;
    }
    if (options.sync ?? true) await target.datasync();
  } catch (err) {
    await takeBack(target, before, written);
    throw new StorageWriteError(file, err);
  }
}

/** Cuts off what a failed append wrote, unless someone else appended meanwhile (then the next append ends the torn line). */
async function takeBack(target: AppendTarget, before: number, written: number): Promise<void> {
  try {
    const { size } = await target.stat();
    if (size === before + written && size > before) await target.truncate(before);
  } catch { /* the torn line stays; the next append ends it and readers skip it */ }
}

/** Lines queued while a write runs share the next write (one write and one sync for a burst, in order). */
export class AppendQueue {
  private pending: { text: string; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private writing?: Promise<void>;

  /** `writeBatch` writes the text of every line queued since the last write (appendAll, typically). */
  constructor(private readonly writeBatch: (text: string) => Promise<void>) {}

  /** Resolves once `text` is written (by the batch it joined); rejects with that batch's error. */
  add(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ text, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Resolves when nothing is queued or being written. */
  async idle(): Promise<void> {
    await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        await this.writeBatch(batch.map((b) => b.text).join(''));
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.writing = undefined;
  }
}

/** Makes a new or removed name in `dir` durable, where the platform can. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const h = await fs.open(dir, 'r');
    try { await h.sync(); } finally { await h.close(); }
  } catch { /* not supported everywhere (Windows); the file's own fsync still holds */ }
}

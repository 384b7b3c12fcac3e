// A bulk run's journal file as a whole: archive it when the run is done; delete it, or discard it
// keeping a copy, under the run's lock (never while another window is running it).

import { constants as fsConstants, promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { journalSuffix } from './journal';
import { syncDir } from '../storage/appendLines';
import { tryAcquireRunLock } from './lock';

/** Moves a journal into `<dir>/archive/` (kept for reference) and returns its new path. */
export async function archiveRun(file: string): Promise<string> {
  const dir = join(file, '..', 'archive');
  await fs.mkdir(dir, { recursive: true });
  const target = join(dir, basename(file));
  await fs.rename(file, target);
  return target;
}

/**
 * Deletes a journal (a run the user chose to discard) under its lock. False, and nothing deleted,
 * when a live owner holds the lock: another window (or this one) is executing that run right now.
 */
export async function deleteRun(file: string): Promise<boolean> {
  const lock = await tryAcquireRunLock(file);
  if (!lock) return false;
  try {
    await fs.rm(file, { force: true });
  } finally {
    await lock.release();
  }
  return true;
}

/**
 * Discards a journal (a run the user chose not to finish, or a damaged one) under its lock, keeping a
 * copy in `keepDir` first: the copy is on disk (fsynced) before the journal is deleted, and an
 * existing copy of the same name is never overwritten. Returns the copy's path; undefined, and
 * nothing copied or deleted, when a live owner holds the lock (another window is executing the run).
 */
export async function discardRun(file: string, keepDir: string): Promise<string | undefined> {
  const lock = await tryAcquireRunLock(file);
  if (!lock) return undefined;
  try {
    await fs.mkdir(keepDir, { recursive: true });
    const copy = await copyOnce(file, keepDir);
    await fs.rm(file, { force: true });
    return copy;
  } finally {
    await lock.release();
  }
}

async function copyOnce(file: string, keepDir: string): Promise<string> {
  const name = basename(file);
  const stem = name.endsWith(journalSuffix) ? name.slice(0, -journalSuffix.length) : name;
  for (let n = 0; ; n++) {
    const target = join(keepDir, n === 0 ? name : `${stem}-${n}${journalSuffix}`);
    try {
      await fs.copyFile(file, target, fsConstants.COPYFILE_EXCL);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && n < 1000) continue;
      throw err;
    }
    const h = await fs.open(target, 'r+');
    try { await h.datasync(); } finally { await h.close(); }
    await syncDir(keepDir);
    return target;
  }
}

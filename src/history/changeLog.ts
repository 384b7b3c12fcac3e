// The local log of every support-contact change the extension makes (single, bulk or undo): JSON
// lines in a directory the caller gives (the extension passes globalStorageUri's fsPath), newest
// last on disk and read back newest first. Plain Node: no vscode import.

import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describeContact, isPartnerCenterError, isStoredContact, sameContact, type SupportContact } from '../partnerCenter';
import { AppendQueue, appendAll, openForAppend, type AppendTarget } from '../storage/appendLines';

export interface ChangeError { kind: string; message: string; status?: number; code?: number | string; requestId?: string; correlationId?: string }

export interface ChangeLogEntry {
  time: string;
  account: string;
  customerId: string;
  customerName?: string;
  subscriptionId: string;
  subscriptionName?: string;
  old: SupportContact | null;
  new: SupportContact;
  requestId: string;
  correlationId?: string;
  outcome: 'changed' | 'failed';
  error?: ChangeError;
  /** What made the change; `runId` ties bulk entries to their journal. */
  source?: 'single' | 'bulk' | 'undo';
  runId?: string;
}

/** The parts of an error worth keeping (never a token: PartnerCenterError holds none). */
export function toChangeError(err: unknown): ChangeError {
  if (!isPartnerCenterError(err)) return { kind: 'unknown', message: err instanceof Error ? err.message : String(err) };
  const e: ChangeError = { kind: err.kind, message: err.message };
  if (err.status !== undefined) e.status = err.status;
  if (err.code !== undefined) e.code = err.code;
  if (err.requestId) e.requestId = err.requestId;
  if (err.correlationId) e.correlationId = err.correlationId;
  return e;
}

export const changeLogFileName = 'support-contact-changes.jsonl';

/** What a read found: the entries (newest first) and how many lines were not entries (torn, damaged, not ours). */
export interface ChangeLogRead { entries: ChangeLogEntry[]; unreadable: number }

const isText = (v: unknown): v is string => typeof v === 'string';
const isOptionalText = (v: unknown): boolean => v === undefined || typeof v === 'string';

/** A line is shown only when it has every field History, Undo and the CSV read (a damaged line is counted instead). */
export function isChangeLogEntry(v: unknown): v is ChangeLogEntry {
  const e = v as Partial<ChangeLogEntry> | null;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  if (!isText(e.time) || !isText(e.account) || !isText(e.customerId) || !isText(e.subscriptionId) || !isText(e.requestId)) return false;
  if (!isOptionalText(e.customerName) || !isOptionalText(e.subscriptionName) || !isOptionalText(e.correlationId) || !isOptionalText(e.runId)) return false;
  if (e.outcome !== 'changed' && e.outcome !== 'failed') return false;
  if (!(e.old === null || isStoredContact(e.old)) || !isStoredContact(e.new)) return false;
  if (e.source !== undefined && e.source !== 'single' && e.source !== 'bulk' && e.source !== 'undo') return false;
  const err = e.error as Partial<ChangeError> | undefined;
  return err === undefined || (typeof err === 'object' && err !== null && isText(err.kind) && isText(err.message));
}

export class ChangeLog {
  readonly file: string;
  private readonly queue: AppendQueue;

  /** `sync: false` skips the fsync (tests); `wrap` stands between the log and its file (tests: a full disk). */
  constructor(readonly dir: string, options: { sync?: boolean; wrap?: (file: AppendTarget) => AppendTarget } = {}) {
    this.file = join(dir, changeLogFileName);
    this.queue = new AppendQueue(async (text) => {
      await fs.mkdir(this.dir, { recursive: true });
      const handle = await openForAppend(this.file);
      try { await appendAll(options.wrap ? options.wrap(handle) : handle, this.file, text, options); } finally { await handle.close(); }
    });
  }

  /**
   * Appends entries in call order. Resolves once they are on disk (written whole and synced: the
   * change counts as recorded only then); rejects with StorageWriteError, and nothing of them stays
   * in the file, when they could not be (a full disk). Appends that arrive during a write share the next one.
   */
  append(...entries: ChangeLogEntry[]): Promise<void> {
    return this.queue.add(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }

  /** Newest first, at most `limit` entries. */
  async read(limit = 200): Promise<ChangeLogEntry[]> {
    return (await this.scan(limit)).entries;
  }

  /** Newest first, at most `limit` entries, reading the file backwards (big logs stay cheap), with the count of unreadable lines passed on the way. */
  async scan(limit = 200): Promise<ChangeLogRead> {
    await this.queue.idle();
    let handle: fs.FileHandle;
    try { handle = await fs.open(this.file, 'r'); } catch { return { entries: [], unreadable: 0 }; }
    const out: ChangeLogEntry[] = [];
    let unreadable = 0;
    const take = (bytes: Buffer): void => {
      const line = bytes.toString('utf8').trim();
      if (line === '' || out.length >= limit) return;
      let value: unknown;
      try { value = JSON.parse(line); } catch { value = undefined; }
      if (isChangeLogEntry(value)) out.push(value); else unreadable++;
    };
    try {
      let pos = (await handle.stat()).size;
      let rest = Buffer.alloc(0);
      while (pos > 0 && out.length < limit) {
        const n = Math.min(64 * 1024, pos);
        pos -= n;
        const buf = Buffer.alloc(n);
        await handle.read(buf, 0, n, pos);
        const chunk = Buffer.concat([buf, rest]);
        let end = chunk.length;
        for (let k = chunk.length - 1; k >= 0 && out.length < limit; k--) {
          if (chunk[k] === 0x0a) { take(chunk.subarray(k + 1, end)); end = k; }
        }
        rest = chunk.subarray(0, end);
      }
      if (pos === 0) take(rest.subarray(rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf ? 3 : 0));
    } finally {
      await handle.close();
    }
    return { entries: out, unreadable };
  }
}

export type UndoPlan =
  | { ok: true; customerId: string; subscriptionId: string; subscriptionName?: string; expected: SupportContact; restore: SupportContact }
  | { ok: false; reason: 'noOldContact' | 'notChanged'; message: string };

/**
 * What undoing an entry means: put `restore` (the entry's old contact) back, but only while the
 * subscription still has `expected` (the entry's new contact). Partner Center has no call that
 * removes a support contact, so an entry whose old contact was "none" cannot be undone here.
 */
export function undoPlan(entry: ChangeLogEntry): UndoPlan {
  if (entry.outcome !== 'changed') return { ok: false, reason: 'notChanged', message: l10n.t('This change failed, so there is nothing to undo.') };
  if (entry.old === null) {
    return { ok: false, reason: 'noOldContact', message: l10n.t('The subscription had no support contact before; Partner Center cannot remove a support contact, so this change cannot be undone. Pick another reseller instead.') };
  }
  if (entry.old.indirectProvider) {
    return { ok: false, reason: 'noOldContact', message: l10n.t('The support contact was you, the indirect provider, before; Partner Center only takes one of your indirect resellers as a support contact, so this change cannot be undone. Pick another reseller instead.') };
  }
  return { ok: true, customerId: entry.customerId, subscriptionId: entry.subscriptionId, subscriptionName: entry.subscriptionName, expected: entry.new, restore: entry.old };
}

export type UndoCheck = { ok: true } | { ok: false; reason: 'conflict'; current: SupportContact | null; message: string };

/** The stale-write check: the current contact must still be the one the entry set. */
export function checkUndo(plan: Extract<UndoPlan, { ok: true }>, current: SupportContact | null): UndoCheck {
  if (current && sameContact(current, plan.expected)) return { ok: true };
  return { ok: false, reason: 'conflict', current, message: l10n.t('The support contact has changed since (it is now {0}); undo would overwrite that change.', describeContact(current)) };
}

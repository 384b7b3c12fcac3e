// The local log of every support-contact change the extension makes (single, bulk or undo): JSON
// lines in a directory the caller gives (the extension passes globalStorageUri's fsPath), newest
// last on disk and read back newest first. Plain Node: no vscode import.

import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { describeContact, isPartnerCenterError, sameContact, type SupportContact } from '../partnerCenter';

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

export class ChangeLog {
  readonly file: string;
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {
    this.file = join(dir, changeLogFileName);
  }

  /** Appends entries in call order (one write per call). */
  append(...entries: ChangeLogEntry[]): Promise<void> {
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join('');
    const run = this.tail.then(async () => {
      await fs.mkdir(this.dir, { recursive: true });
      await fs.appendFile(this.file, text, 'utf8');
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Newest first, at most `limit` entries, reading the file backwards (big logs stay cheap). */
  async read(limit = 200): Promise<ChangeLogEntry[]> {
    await this.tail;
    let handle: fs.FileHandle;
    try { handle = await fs.open(this.file, 'r'); } catch { return []; }
    const out: ChangeLogEntry[] = [];
    const take = (bytes: Buffer): void => {
      const line = bytes.toString('utf8').trim();
      if (line === '' || out.length >= limit) return;
      try { out.push(JSON.parse(line) as ChangeLogEntry); } catch { /* a torn line after a crash */ }
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
      if (pos === 0) take(rest);
    } finally {
      await handle.close();
    }
    return out;
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

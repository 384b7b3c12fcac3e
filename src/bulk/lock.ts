// The owner lock of a running journal: `<journal>.lock`, so that two VS Code windows (which share the
// global storage, hence the journals) never execute the same run at once. The window executing a run
// holds the lock: created atomically (`open(…, 'wx')`), holding `{ pid, owner, hostname, heartbeat }`,
// its heartbeat rewritten every 20 s and the file removed when the run ends, however it ends.
//
// A lock is stale when its heartbeat is older than 60 s (a crashed or frozen window), or when it was
// written on this machine by a process that no longer exists (a reloaded window: its new extension
// host has a new pid, so its run is free at once). A stale lock is taken over, and only by one
// process: a taker first creates, exclusively, a claim file named after the exact lock it found
// stale, re-reads the lock under that claim, and renames a fresh lock over it only if it is still
// that same stale lock. A second taker either fails to create the claim or, once the first has
// removed it, re-reads a lock that is no longer the stale one. Plain Node: no vscode import.

import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname as osHostname } from 'node:os';

/** How often the holder rewrites the lock's heartbeat. */
export const LOCK_HEARTBEAT_MS = 20_000;
/** A lock whose heartbeat is older than this is taken as abandoned. */
export const LOCK_STALE_MS = 60_000;

export interface LockInfo {
  pid: number;
  /** Random per acquisition (per engine invocation), so two runs in one process exclude each other too. */
  owner: string;
  hostname?: string;
  /** ISO time of the last heartbeat. */
  heartbeat: string;
}

export interface LockTiming {
  /** Heartbeat interval (default LOCK_HEARTBEAT_MS). */
  heartbeatMs?: number;
  /** Age after which a heartbeat is stale (default LOCK_STALE_MS). */
  staleMs?: number;
}

/** The lock file of a journal. */
export const lockPath = (journalFile: string): string => `${journalFile}.lock`;

/** A lock file as read: its text (parsed when it could be) and modification time. */
interface Seen { raw: string; info?: LockInfo; mtimeMs: number }

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

function parseInfo(raw: string): LockInfo | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo> | null;
    if (typeof v === 'object' && v !== null && typeof v.pid === 'number' && typeof v.owner === 'string' && typeof v.heartbeat === 'string') return v as LockInfo;
  } catch { /* being written, or damaged */ }
  return undefined;
}

/** Reads a lock (or claim) file through one handle; undefined when there is none. */
async function readSeen(file: string): Promise<Seen | undefined> {
  let handle: fs.FileHandle;
  try { handle = await fs.open(file, 'r'); } catch (err) {
    if (errno(err) === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const [stat, raw] = [await handle.stat(), await handle.readFile('utf8')];
    return { raw, info: parseInfo(raw), mtimeMs: stat.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** False only when `pid` surely no longer exists (ESRCH); EPERM means it exists under another user. */
function processExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // 0 and negatives address process groups: never probe them
  try { process.kill(pid, 0); return true; } catch (err) { return errno(err) !== 'ESRCH'; }
}

/**
 * Stale: heartbeat older than `staleMs`, or written on this host by a process that is gone. A file
 * that cannot be parsed (caught between its creation and its first write) is judged by its mtime.
 */
function isStale(seen: Seen, staleMs: number, now = Date.now()): boolean {
  const beat = seen.info ? Date.parse(seen.info.heartbeat) : Number.NaN;
  const at = Number.isFinite(beat) ? beat : seen.mtimeMs;
  if (now - at > staleMs) return true;
  return seen.info?.hostname !== undefined && seen.info.hostname === osHostname() && !processExists(seen.info.pid);
}

const sameSeen = (a: Seen, b: Seen): boolean => a.raw === b.raw && a.mtimeMs === b.mtimeMs;

/** Creates `file` with `text` only if it does not exist; false when it does. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try { handle = await fs.open(file, 'wx'); } catch (err) {
    if (errno(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.writeFile(text);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
    throw err;
  }
  await handle.close();
  return true;
}

/** Writes `text` to `file` in one step (a temp file renamed over it), so readers never see it half written. */
async function replace(file: string, text: string, tag: string): Promise<void> {
  const temp = `${file}.${tag}.tmp`;
  try {
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

/** Error codes of a rename over a file another process has open (Windows): try again shortly. */
const busyCodes = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** The lock of a run this process is executing: heartbeats until released. */
export class RunLock {
  private readonly lostController = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private beating?: Promise<void>;
  private released = false;

  /** @internal Use tryAcquireRunLock (it answers undefined when another live run holds the lock). */
  constructor(readonly file: string, readonly info: LockInfo, heartbeatMs: number, private readonly staleMs: number) {
    this.timer = setInterval(() => { this.beating ??= this.beat().finally(() => { this.beating = undefined; }); }, heartbeatMs);
    this.timer.unref();
  }

  /** Aborted when the heartbeat finds the lock gone or someone else's (it was taken over as stale). */
  get lost(): AbortSignal { return this.lostController.signal; }

  /** The time of the last heartbeat written. */
  get heartbeat(): string { return this.info.heartbeat; }

  /**
   * True while the lock is surely still ours: not released, not found lost, and renewed within the
   * stale age. Past that age another window may have taken it over even if the file does not show it
   * yet (this process stalled: a sleep, a debugger), so the lease is over: the lock counts as lost
   * and is never renewed. The engine asks before each change it sends.
   */
  holds(): boolean {
    if (this.released || this.lost.aborted) return false;
    if (Date.now() - Date.parse(this.info.heartbeat) < this.staleMs) return true;
    clearInterval(this.timer);
    this.lostController.abort();
    return false;
  }

  private async beat(): Promise<void> {
    if (!this.holds()) return;
    try {
      const seen = await readSeen(this.file);
      if (this.released) return;
      if (seen?.info?.owner !== this.info.owner) {
        // Unparsable: someone's `wx` creation caught before its write; ours never is (we rename).
        clearInterval(this.timer);
        this.lostController.abort();
        return;
      }
      const next: LockInfo = { ...this.info, heartbeat: new Date().toISOString() };
      await replace(this.file, JSON.stringify(next), this.info.owner);
      this.info.heartbeat = next.heartbeat;
    } catch { /* a transient file-system error: the next beat tries again, and the lock only goes stale after several */ }
  }

  /** Stops the heartbeat and removes the lock if it is still ours. Safe to call more than once. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    await this.beating;
    try {
      const seen = await readSeen(this.file);
      if (seen?.info?.owner === this.info.owner) await fs.rm(this.file, { force: true });
    } catch { /* nothing more to do: a lock left behind goes stale with its pid or heartbeat */ }
  }
}

type Takeover = 'won' | 'lost' | 'again';

/**
 * Creates the claim on one stale lock instance, identified by `key`; the paths of abandoned claims
 * passed on the way are returned for clean-up. undefined: someone else holds the claim right now.
 */
async function claim(lock: string, key: string, me: LockInfo, staleMs: number): Promise<{ file: string; abandoned: string[] } | undefined> {
  const abandoned: string[] = [];
  const text = JSON.stringify(me);
  for (let tries = 0; tries < 16 && abandoned.length < 8; tries++) {
    const file = `${lock}.${key}.claim`;
    if (await createExclusive(file, text)) return { file, abandoned };
    const other = await readSeen(file);
    if (!other) continue; // removed meanwhile: try the same name again
    if (!isStale(other, staleMs)) return undefined;
    // A taker died holding this claim: never delete it (that races); claim the next name in the chain.
    abandoned.push(file);
    key = hash(`${key}\n${other.raw}\n${other.mtimeMs}`);
  }
  return undefined;
}

async function takeOver(lock: string, stale: Seen, me: LockInfo, staleMs: number): Promise<Takeover> {
  const held = await claim(lock, hash(`${stale.raw}\n${stale.mtimeMs}`), me, staleMs);
  if (!held) return 'again'; // another taker is at it: look at the lock again in a moment
  try {
    const now = await readSeen(lock);
    if (!now) return 'again'; // released meanwhile: create it afresh
    if (!sameSeen(now, stale)) return isStale(now, staleMs) ? 'again' : 'lost';
    try {
      await replace(lock, JSON.stringify(me), me.owner);
    } catch (err) {
      if (busyCodes.has(errno(err) ?? '')) return 'again';
      throw err;
    }
    // That stale instance is gone for good, so the claims on it (ours, and abandoned ones) can go.
    await Promise.all(held.abandoned.map((f) => fs.rm(f, { force: true }).catch(() => undefined)));
    return 'won';
  } finally {
    await fs.rm(held.file, { force: true }).catch(() => undefined);
  }
}

/**
 * Takes the lock of `journalFile` for this process: created if absent, taken over if stale.
 * undefined when a live owner holds it (another window, or another run in this process).
 */
export async function tryAcquireRunLock(journalFile: string, timing: LockTiming = {}): Promise<RunLock | undefined> {
  const file = lockPath(journalFile);
  const heartbeatMs = timing.heartbeatMs ?? LOCK_HEARTBEAT_MS;
  const staleMs = timing.staleMs ?? LOCK_STALE_MS;
  const me: LockInfo = { pid: process.pid, owner: randomUUID(), hostname: osHostname(), heartbeat: new Date().toISOString() };
  for (let attempt = 0; attempt < 40; attempt++) {
    if (attempt > 0) await delay(Math.min(100, 5 * attempt));
    me.heartbeat = new Date().toISOString();
    if (await createExclusive(file, JSON.stringify(me))) return new RunLock(file, me, heartbeatMs, staleMs);
    const seen = await readSeen(file);
    if (!seen) continue; // released between the two calls
    if (!isStale(seen, staleMs)) return undefined;
    const outcome = await takeOver(file, seen, me, staleMs);
    if (outcome === 'won') return new RunLock(file, me, heartbeatMs, staleMs);
    if (outcome === 'lost') return undefined;
  }
  return undefined; // the lock kept changing hands: take it as held
}

/** True when a live owner (another window, or a run in this one) holds the lock of `journalFile`. */
export async function isRunLocked(journalFile: string, timing: Pick<LockTiming, 'staleMs'> = {}): Promise<boolean> {
  const seen = await readSeen(lockPath(journalFile)).catch(() => undefined);
  return seen !== undefined && !isStale(seen, timing.staleMs ?? LOCK_STALE_MS);
}

/**
 * Waits (up to `ms`) until no live owner holds the lock of `file`; false if one still does. A
 * reloaded window's old extension host holds a health scan's lock while it stores the customers it had in flight.
 */
export async function untilRunUnlocked(file: string, ms = 10_000, pollMs = 200): Promise<boolean> {
  for (const end = Date.now() + ms; await isRunLocked(file);) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return true;
}

/** The lock of `journalFile` as written, if any (for diagnostics and tests). */
export async function readRunLock(journalFile: string): Promise<LockInfo | undefined> {
  return (await readSeen(lockPath(journalFile)).catch(() => undefined))?.info;
}

// One HTTP exchange over undici with a per-attempt timeout; transport failures become typed errors.
// The body is read as a stream up to a cap, and an answer too large or nested too deeply to use is a
// malformed answer (not retried), never a network problem.

import * as l10n from '@vscode/l10n';
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { PartnerCenterError, isPartnerCenterError } from './errors';
import { camelizeKeys } from './models';

/** The largest body read (8 MiB): far above any documented answer (a page of 1,000 customers is under 1 MB). */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Deeper JSON than this is not a Partner Center answer (theirs nest fewer than 10 levels). */
export const MAX_JSON_DEPTH = 64;

export interface HttpExchange {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  dispatcher?: Dispatcher;
  /** Cap on the body read (default DEFAULT_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

export interface HttpResult {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** Camelized JSON body, or undefined when empty or not JSON. */
  body: unknown;
  /** True when the body was non-empty but not JSON. */
  unparsable: boolean;
}

/** Parses JSON tolerant of a leading UTF-8 byte-order mark; undefined for an empty body. */
export function parseJsonTolerant(text: string): { value: unknown; ok: boolean } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { value: undefined, ok: true };
  try {
    return { value: JSON.parse(trimmed), ok: true };
  } catch {
    return { value: undefined, ok: false };
  }
}

function transportError(err: unknown, userSignal: AbortSignal | undefined, timedOut: boolean, timeoutMs: number): PartnerCenterError {
  if (userSignal?.aborted) return new PartnerCenterError('cancelled', 'The operation was cancelled.');
  if (timedOut) return new PartnerCenterError('timeout', `Partner Center did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  const code = (err as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : err instanceof Error ? err.name : 'unknown error';
  return new PartnerCenterError('network', `Could not reach Partner Center (${text}).`, { code: typeof code === 'string' ? code : undefined });
}

export async function exchange(req: HttpExchange): Promise<HttpResult> {
  const timeout = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; timeout.abort(); }, req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  try {
    const response = await undici().request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      dispatcher: req.dispatcher,
    });
    const text = await readBody(response, req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    const parsed = parseJsonTolerant(text);
    if (parsed.ok && nestedDeeperThan(parsed.value, MAX_JSON_DEPTH)) throw malformed(l10n.t('Partner Center sent an answer nested too deeply to read.'));
    return {
      status: response.statusCode,
      headers: response.headers as HttpResult['headers'],
      body: camelizeKeys(parsed.value),
      unparsable: !parsed.ok,
    };
  } catch (err) {
    if (isPartnerCenterError(err)) throw err;
    throw transportError(err, req.signal, timedOut, req.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

function malformed(message: string): PartnerCenterError {
  return new PartnerCenterError('service', message, { malformed: true });
}

/** The body as text, streamed: reading stops (and the connection is dropped) as soon as it passes the cap. */
async function readBody(response: Dispatcher.ResponseData, maxBytes: number): Promise<string> {
  const tooLarge = (): PartnerCenterError => {
    response.body.destroy();
    return malformed(l10n.t('Partner Center sent an answer too large to read (more than {0} MB).', Math.round((maxBytes / 1024 / 1024) * 100) / 100));
  };
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Walks parsed JSON without recursion, so 10,000 levels cannot overflow the stack here (or later). */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const inner of Object.values(v as Record<string, unknown>)) stack.push([inner, depth + 1]);
  }
  return false;
}

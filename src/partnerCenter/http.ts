// One HTTP exchange over undici with a per-attempt timeout; transport failures become typed errors.

import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { PartnerCenterError } from './errors';
import { camelizeKeys } from './models';

export interface HttpExchange {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  dispatcher?: Dispatcher;
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
    const text = await response.body.text();
    const parsed = parseJsonTolerant(text);
    return {
      status: response.statusCode,
      headers: response.headers as HttpResult['headers'],
      body: camelizeKeys(parsed.value),
      unparsable: !parsed.ok,
    };
  } catch (err) {
    throw transportError(err, req.signal, timedOut, req.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

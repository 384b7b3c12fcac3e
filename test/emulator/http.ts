// Small HTTP helpers shared by the REST, admin and OAuth servers.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { ERRORS, ErrorName, errorBody } from './errors';
import type { Principal } from './tokens';

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  principal: Principal;
}

export interface RestResponse {
  status: number;
  /** JSON-serialised unless `empty`. */
  body?: unknown;
  empty?: boolean;
  headers?: Record<string, string>;
  /** A PUT that changed state. */
  applied?: boolean;
}

export const fail = (name: ErrorName, description: string, headers?: Record<string, string>): RestResponse => {
  const body = errorBody(name, description);
  return { status: ERRORS[name].status, body, ...(headers ? { headers } : {}) };
};

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body as UTF-8 (without a leading BOM); null if it is over the limit. */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '')));
    req.on('error', reject);
  });
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, bom = false): void {
  const text = (bom ? '\uFEFF' : '') + JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': 0 });
  res.end();
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads a property by PascalCase or camelCase name. */
export function prop(obj: Record<string, unknown>, pascal: string): unknown {
  const camel = pascal[0].toLowerCase() + pascal.slice(1);
  return obj[pascal] !== undefined ? obj[pascal] : obj[camel];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (value: unknown): value is string => typeof value === 'string' && GUID.test(value);

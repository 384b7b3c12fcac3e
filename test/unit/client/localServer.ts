// A tiny scripted HTTP server for client tests that do not need the full emulator.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterClient, TenantLimiter, type PartnerCenterClientOptions } from '../../../src/partnerCenter';

export interface SeenRequest { method: string; url: string; headers: IncomingMessage['headers']; body: string; time: number }
export type Handler = (req: SeenRequest, res: ServerResponse, index: number) => void;

export interface LocalServer { url: string; seen: SeenRequest[]; close(): Promise<void> }

export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), time: Date.now() };
      seen.push(entry);
      handler(entry, res, seen.length - 1);
    });
  });
  return { ...(await listenOnLoopback(server)), seen };
}

/** Listens on a free loopback port; `close` also ends open (keep-alive) connections. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, bom = false): void {
  const text = body === undefined ? '' : (bom ? '\uFEFF' : '') + JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export const token = 'header.eyJzZWNyZXQiOiJ0b2tlbiJ9.';
export const getToken = async (): Promise<string> => token;

/** A client of a scripted server: the test token, a generous limiter and short backoffs. */
export function clientAt(url: string, extra: Partial<PartnerCenterClientOptions> = {}): PartnerCenterClient {
  return new PartnerCenterClient({
    baseUrl: url, getToken, application: 'pc-test/1.0', locale: 'en-US',
    limiter: new TenantLimiter({ ratePerMinute: 60_000, burst: 100, concurrency: 8 }),
    retry: { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 2000 },
    ...extra,
  });
}

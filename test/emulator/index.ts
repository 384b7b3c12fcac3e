// startEmulator(): the Partner Center REST emulator (http) plus its sign-in authority (https).
import { createServer as createHttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server, Socket } from 'node:net';
import { generate } from 'selfsigned';
import { handleAdmin } from './admin';
import { EmulatorAdmin } from './adminClient';
import { EntraPolicy } from './entra';
import { FaultInjector } from './faults';
import { readBody, sendJson } from './http';
import { OAuthAuthority } from './oauth';
import { handleRest, RestContext } from './rest';
import { EmulatorStore } from './store';
import { TenantThrottle } from './throttle';
import { TokenRegistry } from './tokens';

export interface EmulatorOptions {
  port?: number;              // REST (http) port, 0/undefined = free port
  authPort?: number;          // OAuth authority (https) port, 0/undefined = free port
  customers?: number;         // 1..50000, default 200
  seed?: number;              // deterministic data, default 1
  staticToken?: string;       // a bearer accepted as an App+User MFA token of the seeded partner tenant
  bom?: boolean;              // JSON responses start with a UTF-8 BOM
  throttlePerMinute?: number; // default 500
  throttleBurst?: number;     // default = 10 seconds' worth of throttlePerMinute
  latencyMs?: number; latencyJitterMs?: number;
  autoApproveDeviceCode?: boolean; // device-code sign-ins approve themselves (npm start / tests)
}

export interface RunningEmulator {
  url: string;          // REST base, e.g. http://127.0.0.1:PORT  (paths are /v1/...)
  authority: string;    // https://127.0.0.1:PORT2/<partner tenant id>
  partnerTenantId: string;
  caCertPem: string;    // self-signed cert/CA of the authority, to pin in clients
  admin: EmulatorAdmin; // the typed client of its admin API (/_emulator/...)
  close(): Promise<void>;
}

export { ERRORS } from './errors';
export { contactKey, EmulatorAdmin, subscriptionReads } from './adminClient';
export type {
  AdminMethod, AdminState, Drift, FaultSpec, IssuedTokens, LoggedRequest, MintedToken, MintOptions, Reseller, SeedCustomer,
  SeedSubscription, SubscriptionStatus, SupportContact,
} from './adminClient';
export { REFUSALS, VSCODE_CLIENT_ID } from './entra';
export type { RefusalCode, RefusalSpec, SignInRecord } from './entra';

export const MAX_CUSTOMERS = 50_000;
const HOST = '127.0.0.1';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const customers = options.customers ?? 200;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS) {
    throw new RangeError(`customers must be a whole number from 1 to ${MAX_CUSTOMERS}`);
  }
  const perMinute = options.throttlePerMinute ?? 500;
  const store = new EmulatorStore(options.seed ?? 1, customers);
  const tokens = new TokenRegistry(store.partner.tenantId, store.partner.userOid, store.partner.upn, options.staticToken);
  const throttle = new TenantThrottle(perMinute, options.throttleBurst ?? (perMinute * 10) / 60);
  const faults = new FaultInjector(options.latencyMs ?? 0, options.latencyJitterMs ?? 0);
  const entra = new EntraPolicy();
  const oauth = new OAuthAuthority(store.partner, tokens, options.autoApproveDeviceCode ?? false, entra);
  let authority = '';
  const rest: RestContext = { store, tokens, throttle, faults, bom: options.bom ?? false, authority: () => authority, hanging: new Set() };

  const restServer = createHttpServer((req, res) => void onRestRequest(req, res));
  async function onRestRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', `http://${HOST}`);
      const body = await readBody(req);
      if (url.pathname.startsWith('/_emulator/')) {
        const method = (req.method ?? 'GET').toUpperCase();
        return handleAdmin({ store, faults, throttle, tokens, approveDeviceCode: (code) => oauth.approve(code), entra }, method, url, body ?? '', res);
      }
      await handleRest(rest, req, res, url, body);
    } catch (error) {
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { code: 'InternalServerError', description: String(error), data: [], source: 'PartnerFD' });
    }
  }

  const cert = await generate([{ name: 'commonName', value: HOST }], {
    keyType: 'ec', algorithm: 'sha256', notAfterDate: new Date(Date.now() + 30 * 86400000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: HOST }, { type: 2, value: 'localhost' }] },
    ],
  });
  const authServer = createHttpsServer({ key: cert.private, cert: cert.cert }, (req, res) => {
    oauth.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(error) });
    });
  });

  const sockets = new Set<Socket>();
  for (const server of [restServer, authServer]) {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  const restPort = await listen(restServer, options.port ?? 0);
  const authPort = await listen(authServer, options.authPort ?? 0).catch(async (error: unknown) => {
    await new Promise((resolve) => restServer.close(resolve));
    throw error;
  });
  oauth.origin = `https://${HOST}:${authPort}`;
  authority = `${oauth.origin}/${store.partner.tenantId}`;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${HOST}:${restPort}`,
    authority,
    partnerTenantId: store.partner.tenantId,
    caCertPem: cert.cert,
    admin: new EmulatorAdmin(`http://${HOST}:${restPort}`),
    close() {
      closing ??= (async () => {
        const closed = [restServer, authServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
        for (const res of rest.hanging) res.destroy();
        for (const socket of sockets) socket.destroy();
        await Promise.all(closed);
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

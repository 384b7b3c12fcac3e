// Device-code sign-in with @azure/msal-node. Built as its own chunk (dist/deviceCode.js) and loaded
// only when this sign-in method is used. Plain Node: the caller supplies the cache storage and shows
// the code to the user. Network calls go through undici (so proxies and a pinned CA can be honoured).
import { PublicClientApplication, LogLevel, type AccountInfo, type AuthenticationResult, type ICachePlugin, type INetworkModule } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import { undici } from '../partnerCenter/undici';

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  message: string;
  expiresInSeconds: number;
}

export interface DeviceCodeOptions {
  authority: string;
  clientId: string;
  scopes: string[];
  /** Where the serialized msal token cache lives (SecretStorage in VS Code). */
  cacheStore: { read(): Promise<string | undefined>; write(value: string): Promise<void> };
  dispatcher?: Dispatcher;
  /** Receives msal's log lines (never tokens: msal's PII logging stays off). */
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string) => void;
}

export interface DeviceCodeToken {
  accessToken: string;
  expiresOn: Date | null;
  account: { username: string; tenantId: string; homeAccountId: string };
}

function networkClient(dispatcher: Dispatcher | undefined): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: { headers?: Record<string, string>; body?: string }, timeout?: number) => {
    const res = await undici().request(url, {
      method,
      headers: options?.headers,
      body: options?.body,
      dispatcher,
      headersTimeout: timeout ?? 30_000,
      bodyTimeout: timeout ?? 30_000,
    });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text.replace(/^\uFEFF/, '')) : {};
    } catch {
      body = { error: 'invalid_response', error_description: `The sign-in service answered ${res.statusCode} with a non-JSON body.` };
    }
    return { headers, body: body as T, status: res.statusCode };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

export class DeviceCodeAuth {
  private readonly app: PublicClientApplication;

  constructor(private readonly o: DeviceCodeOptions) {
    const cachePlugin: ICachePlugin = {
      beforeCacheAccess: async (ctx) => ctx.tokenCache.deserialize((await o.cacheStore.read()) ?? ''),
      afterCacheAccess: async (ctx) => {
        if (ctx.cacheHasChanged) await o.cacheStore.write(ctx.tokenCache.serialize());
      },
    };
    const host = new URL(o.authority).host;
    this.app = new PublicClientApplication({
      auth: { clientId: o.clientId, authority: o.authority, knownAuthorities: [host] },
      cache: { cachePlugin },
      system: {
        networkClient: networkClient(o.dispatcher),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message) => o.log?.(level === LogLevel.Error ? 'error' : level === LogLevel.Warning ? 'warn' : 'debug', message),
        },
      },
    });
  }

  async accounts(): Promise<AccountInfo[]> {
    return this.app.getTokenCache().getAllAccounts();
  }

  /** Interactive: shows a code (through onPrompt) and waits until the user has entered it. */
  async signIn(onPrompt: (p: DeviceCodePrompt) => void, signal?: AbortSignal, claims?: string): Promise<DeviceCodeToken> {
    const req: Parameters<PublicClientApplication['acquireTokenByDeviceCode']>[0] = {
      scopes: this.o.scopes,
      ...(claims ? { claims } : {}),
      deviceCodeCallback: (r) => onPrompt({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, expiresInSeconds: r.expiresIn }),
    };
    const onAbort = () => (req.cancel = true);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.app.acquireTokenByDeviceCode(req);
      if (signal?.aborted) throw Object.assign(new Error('Sign-in was cancelled.'), { name: 'AbortError' });
      return toToken(result);
    } catch (err) {
      if (signal?.aborted) throw Object.assign(new Error('Sign-in was cancelled.'), { name: 'AbortError' });
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Silent: from the cache, refreshing through the refresh token when needed or forced. */
  async getToken(forceRefresh = false): Promise<DeviceCodeToken | undefined> {
    const [account] = await this.accounts();
    if (!account) return undefined;
    const result = await this.app.acquireTokenSilent({ account, scopes: this.o.scopes, forceRefresh });
    return toToken(result);
  }

  async signOut(): Promise<void> {
    const cache = this.app.getTokenCache();
    for (const account of await cache.getAllAccounts()) await cache.removeAccount(account);
  }
}

function toToken(result: AuthenticationResult | null): DeviceCodeToken {
  if (!result?.accessToken || !result.account) throw new Error('The sign-in service returned no access token.');
  return {
    accessToken: result.accessToken,
    expiresOn: result.expiresOn,
    account: { username: result.account.username, tenantId: result.account.tenantId, homeAccountId: result.account.homeAccountId },
  };
}

// Shared test helpers: a started emulator plus small fetch wrappers.
import { EmulatorOptions, RunningEmulator, startEmulator } from '../../emulator/index';

export const STATIC_TOKEN = 'static-test-token';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON (BOM stripped), or undefined for an empty/non-JSON body. */
  json: unknown;
}

export interface ApiInit { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null }

export async function call(baseUrl: string, path: string, init: ApiInit = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers ?? {}) };
  const token = init.token === undefined ? STATIC_TOKEN : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers, body });
  // Buffer keeps a leading BOM (response.text() would strip it).
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface SeedSubscription {
  id: string; friendlyName: string; offerId: string; status: string; nce: boolean; isTrial: boolean;
  supportContact: { supportTenantId: string; supportMpnId: string; name: string } | null;
}
export interface SeedCustomer { id: string; companyName: string; domain: string; resellerId: string | null; subscriptions: SeedSubscription[] }
export interface Reseller { id: string; name: string; mpnId: string; state: string }
export interface LogEntry { seq: number; method: string; path: string; requestId: string; correlationId: string; locale: string | null; status: number; applied?: boolean; note?: string }

export class Harness {
  private constructor(readonly emulator: RunningEmulator) {}

  static async start(options: EmulatorOptions = {}): Promise<Harness> {
    return new Harness(await startEmulator({ staticToken: STATIC_TOKEN, throttlePerMinute: 1_000_000, ...options }));
  }

  api(path: string, init?: ApiInit): Promise<ApiResponse> {
    return call(this.emulator.url, path, init);
  }

  async admin<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
    const response = await call(this.emulator.url, `/_emulator/${path}`, { method, body, token: null });
    if (response.status >= 400) throw new Error(`admin ${method} ${path}: ${response.status} ${response.text}`);
    return response.json as T;
  }

  async seed(): Promise<SeedCustomer[]> {
    return (await this.admin<{ customers: SeedCustomer[] }>('seed')).customers;
  }

  async resellers(): Promise<Reseller[]> {
    return (await this.admin<{ resellers: Reseller[] }>('state')).resellers;
  }

  async requests(): Promise<LogEntry[]> {
    return this.admin<LogEntry[]>('requests');
  }

  async mint(options: Record<string, unknown>): Promise<string> {
    return (await this.admin<{ access_token: string }>('tokens', 'POST', options)).access_token;
  }

  /** The first subscription (across seeded customers) that satisfies `test`. */
  async findSubscription(test: (s: SeedSubscription, c: SeedCustomer) => boolean): Promise<{ customer: SeedCustomer; subscription: SeedSubscription }> {
    for (const customer of await this.seed()) {
      const subscription = customer.subscriptions.find((s) => test(s, customer));
      if (subscription) return { customer, subscription };
    }
    throw new Error('no seeded subscription matches');
  }

  close(): Promise<void> {
    return this.emulator.close();
  }
}

export const contactPath = (c: string, s: string) => `/v1/customers/${c}/subscriptions/${s}/supportcontact`;

// Shared test helpers: a started emulator (its admin API: Harness.admin) plus small fetch wrappers.
import { startEmulator, type EmulatorAdmin, type EmulatorOptions, type RunningEmulator, type SeedCustomer, type SeedSubscription } from '../../emulator/index';

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

export class Harness {
  /** The emulator's admin API (/_emulator/...). */
  readonly admin: EmulatorAdmin;

  private constructor(readonly emulator: RunningEmulator) {
    this.admin = emulator.admin;
  }

  static async start(options: EmulatorOptions = {}): Promise<Harness> {
    return new Harness(await startEmulator({ staticToken: STATIC_TOKEN, throttlePerMinute: 1_000_000, ...options }));
  }

  api(path: string, init?: ApiInit): Promise<ApiResponse> {
    return call(this.emulator.url, path, init);
  }

  /** The first subscription (across seeded customers) that satisfies `test`. */
  async findSubscription(test: (s: SeedSubscription, c: SeedCustomer) => boolean): Promise<{ customer: SeedCustomer; subscription: SeedSubscription }> {
    for (const customer of await this.admin.seed()) {
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

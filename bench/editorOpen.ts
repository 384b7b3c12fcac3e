// Case `editor-open`: the support-contact editor's host-side load (customer, subscription, current
// contact, reseller list) against the emulator with 200 ms latency. Measured on the second open,
// with the reseller list cached by the client, as a user opening a second subscription sees it.
import { PartnerCenterClient, TenantLimiter } from '../src/partnerCenter';
import { loadEditorData } from '../src/webview/loader';
import { startEmulator } from '../test/emulator/index';

const RTT_SECONDS = 0.2;

export interface EditorOpenResult { name: 'editor-open'; seconds: number; rttSeconds: number; firstOpenSeconds: number; rtts: number }

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function benchEditorOpen(): Promise<EditorOpenResult> {
  const staticToken = 'bench-editor-token';
  const emulator = await startEmulator({ customers: 200, staticToken, latencyMs: RTT_SECONDS * 1000, throttlePerMinute: 6000 });
  try {
    const seed = await emulator.admin.seed();
    const targets = seed.flatMap((c) => c.subscriptions.filter((s) => !s.nce && s.status === 'active').map((s) => ({ customerId: c.id, subscriptionId: s.id })));
    if (targets.length < 2) throw new Error('the emulator seed has fewer than two legacy active subscriptions');
    const client = new PartnerCenterClient({
      baseUrl: emulator.url, getToken: async () => staticToken, application: 'pc-bench/1.0',
      limiter: new TenantLimiter({ ratePerMinute: 6000, burst: 100, concurrency: 16 }),
    });
    const first = await timed(() => loadEditorData(client, targets[0]));
    const second = await timed(() => loadEditorData(client, targets[1]));
    const round = (n: number) => Math.round(n * 1000) / 1000;
    console.log(`editor-open: first open ${first.toFixed(3)} s (reseller list fetched), second open ${second.toFixed(3)} s (cached) = ${(second / RTT_SECONDS).toFixed(2)} RTT (target <= 1.2)`);
    return { name: 'editor-open', seconds: round(second), rttSeconds: RTT_SECONDS, firstOpenSeconds: round(first), rtts: round(second / RTT_SECONDS) };
  } finally {
    await emulator.close();
  }
}

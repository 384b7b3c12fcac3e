// Reports (does not assert) how fast 50,000 customers start and how fast a customers page answers.
// Run: node out/test/emulator/perf.js   (targets: start < 5 s, page < 50 ms)
import { startEmulator } from './index';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

async function main(): Promise<void> {
  const [emulator, startMs] = await timed(() => startEmulator({ customers: 50_000, staticToken: 'perf', throttlePerMinute: 1e9 }));
  try {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${emulator.url}${path}`, { headers: { Authorization: 'Bearer perf', ...headers } })
      .then(async (r) => ({ status: r.status, body: await r.json() as { links: { next?: { headers: Array<{ value: string }> } } } }));
    await get('/v1/customers?size=1'); // warm up the connection
    const [first, firstMs] = await timed(() => get('/v1/customers?size=100'));
    const token = first.body.links.next?.headers[0].value ?? '';
    const [, nextMs] = await timed(() => get('/v1/customers?size=500&seekOperation=Next', { 'MS-ContinuationToken': token }));
    const filter = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: 'zzz', Operator: 'starts_with' }));
    const [, filterMs] = await timed(() => get(`/v1/customers?size=100&filter=${filter}`));
    console.log(`start with 50,000 customers: ${startMs.toFixed(0)} ms (target < 5000 ms)`);
    console.log(`customers page (size=100): ${firstMs.toFixed(1)} ms (target < 50 ms)`);
    console.log(`customers next page (size=500): ${nextMs.toFixed(1)} ms`);
    console.log(`filtered search scanning all 50,000 (no match): ${filterMs.toFixed(1)} ms`);
  } finally {
    await emulator.close();
  }
}

void main();

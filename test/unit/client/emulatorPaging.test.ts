// Paging through 50,000 customers: the iterator keeps no earlier pages, so memory does not grow with the count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { clientFor, start } from './emulatorHarness';

function findGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function collect(gc: () => void): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets stay alive until the current job ends
  gc(); gc();
  return process.memoryUsage().heapUsed;
}

test('50,000 customers in pages of 500 without holding earlier pages', { timeout: 60_000 }, async (t) => {
  const emulator = await start({ customers: 50_000 });
  try {
    const gc = findGc();
    const client = clientFor(emulator);
    let firstPage: WeakRef<object> | undefined;
    let count = 0; let pages = 0;
    let heapAtTenth = 0;
    const ids = new Set<string>();
    for await (const page of client.listCustomers({ pageSize: 500 })) {
      pages++;
      count += page.items.length;
      for (const c of page.items) ids.add(c.id.toLowerCase());
      if (pages === 1) firstPage = new WeakRef(page.items);
      if (pages === 10 && gc) heapAtTenth = await collect(gc);
    }
    assert.equal(count, 50_000);
    assert.equal(pages, 100);
    assert.equal(ids.size, 50_000);
    if (!gc) { t.skip('no way to run the garbage collector here; memory assertions skipped'); return; }
    const heapAtEnd = await collect(gc);
    assert.equal(firstPage?.deref(), undefined, 'the first page was collected');
    // The id set above holds 45,000 more strings (~4 MB); pages themselves must not accumulate (~25 MB).
    const growthMb = (heapAtEnd - heapAtTenth) / 1e6;
    t.diagnostic(`heap growth 10%→100%: ${growthMb.toFixed(1)} MB`);
    assert.ok(growthMb < 12, `heap grew ${growthMb.toFixed(1)} MB between 10% and 100%`);
  } finally { await emulator.close(); }
});

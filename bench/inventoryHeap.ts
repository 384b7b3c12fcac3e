// Child process for the `health-inventory-load` bench case: loads a stored inventory from disk in a
// fresh process (no client: nothing can be requested), summarizes it under the rules as the status
// bar does, and prints the heap it takes. Usage: node --expose-gc out/bench/inventoryHeap.js <file>
import { loadInventory } from '../src/health/store';
import { summarize } from '../src/health/summary';

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  const started = performance.now();
  const inv = await loadInventory(process.argv[2]);
  const loadMs = performance.now() - started;
  const summaryStarted = performance.now();
  const summary = summarize(inv);
  const summaryMs = performance.now() - summaryStarted;
  gc?.();
  const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
  const baseMB = base / 2 ** 20;
  process.stdout.write(`${JSON.stringify({
    customers: inv.customers.size, subscriptions: summary.subscriptions, findings: summary.findings.length, nce: summary.nce.length,
    loadMs: Math.round(loadMs), summaryMs: Math.round(summaryMs), heapMB: Math.round(heapMB * 10) / 10, baseMB: Math.round(baseMB * 10) / 10, gc: gc !== undefined,
  })}\n`);
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });

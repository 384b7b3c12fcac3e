// Runs async work over a list with at most `limit` items in flight. The client's shared limiter does
// the pacing; this only bounds how many items wait on it at once. Plain Node: no vscode import.

/** Calls `work(item, index)` for every item, at most `limit` at a time; stops taking new items once `signal` aborts. */
export async function forEachLimited<T>(
  items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      await work(items[i], i);
    }
  };
  const n = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: n }, worker));
}

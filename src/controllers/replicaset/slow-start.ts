/**
 * Upstream's slowStartBatch (pkg/controller/replicaset/replica_set.go): call fn `count` times in batches of 1, 2, 4, ...; stop after the first batch with a
 * failure. Returns the number of successful calls and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): { successes: number; error?: Error } {
  let remaining = count;
  let successes = 0;
  for (let batchSize = Math.min(remaining, initialBatchSize); batchSize > 0; batchSize = Math.min(2 * batchSize, remaining)) {
    const errs: Error[] = [];
    for (let i = 0; i < batchSize; i++) {
      try {
        fn();
      } catch (e) {
        errs.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    successes += batchSize - errs.length;
    if (errs.length > 0) return { successes, error: errs[0] };
    remaining -= batchSize;
  }
  return { successes };
}

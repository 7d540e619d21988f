
/**
 * Serialises read-modify-write cycles on one job against every other process (worker,
 * reconcile in `status`, `result`, `cancel`). The lock is a directory next to the record;
 * a holder killed with -9 leaves it behind, so locks older than `STALE_MS` are broken.
 */
const STALE_MS = 10_000;

export async function withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
  // Loaded on first use: read-only commands (status, result of a collected job) never lock.
  const { default: lockfile } = await import("proper-lockfile");
  const release = await lockfile.lock(target, {
    realpath: false,
    stale: STALE_MS,
    retries: { retries: 200, minTimeout: 5, maxTimeout: 100, factor: 1.5 },
  });
  try {
    return await fn();
  } finally {
    await release();
  }
}

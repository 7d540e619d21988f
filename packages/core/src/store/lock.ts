import { setTimeout as sleep } from "node:timers/promises";

/**
 * Serialises read-modify-write cycles on one job against every other process (worker,
 * reconcile in `status`, `result`, `cancel`). The lock is a directory next to the record;
 * a holder killed with -9 leaves it behind, so locks older than `STALE_MS` are broken.
 */
const STALE_MS = 10_000;
const MAX_ATTEMPTS = 200;
const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 100;

export async function withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
  const release = await acquire(target);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/**
 * Waits only while another process holds the lock. Any other failure (the job directory is
 * gone, no permission) is final at once, instead of being retried for many seconds.
 */
async function acquire(target: string): Promise<() => Promise<void>> {
  // Loaded on first use: read-only commands (status, result of a collected job) never lock.
  const { default: lockfile } = await import("proper-lockfile");
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await lockfile.lock(target, { realpath: false, stale: STALE_MS, retries: 0 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED" || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(delay);
      delay = Math.min(MAX_DELAY_MS, delay * 1.5);
    }
  }
}

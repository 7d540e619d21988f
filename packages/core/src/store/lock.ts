import { setTimeout as sleep } from "node:timers/promises";

/**
 * Serialises read-modify-write cycles on one job against every other process (worker,
 * reconcile in `status`, `result`, `cancel`), and store maintenance (prune, compaction). The
 * lock is a directory next to its target; a holder killed with -9 leaves it behind, so locks
 * older than `STALE_MS` are broken.
 */
const STALE_MS = 10_000;
const MAX_ATTEMPTS = 200;
const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 100;

type Release = () => Promise<void>;

const lockOnce = async (target: string): Promise<Release> => {
  // Loaded on first use: read-only commands (status, result of a collected job) never lock.
  const { default: lockfile } = await import("proper-lockfile");
  return lockfile.lock(target, { realpath: false, stale: STALE_MS, retries: 0 });
};

const isHeld = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === "ELOCKED";

const holding = async <T>(release: Release, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } finally {
    await release();
  }
};

export async function withLock<T>(target: string, fn: () => Promise<T>): Promise<T> {
  return holding(await acquire(target), fn);
}

/** Runs `fn` under the lock if nobody holds it; null, without waiting, if somebody does. */
export async function withLockIfFree<T>(target: string, fn: () => Promise<T>): Promise<T | null> {
  let release: Release;
  try {
    release = await lockOnce(target);
  } catch (error) {
    if (isHeld(error)) return null;
    throw error;
  }
  return holding(release, fn);
}

/**
 * Waits only while another process holds the lock. Any other failure (the job directory is
 * gone, no permission) is final at once, instead of being retried for many seconds.
 */
async function acquire(target: string): Promise<Release> {
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await lockOnce(target);
    } catch (error) {
      if (!isHeld(error) || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(delay);
      delay = Math.min(MAX_DELAY_MS, delay * 1.5);
    }
  }
}

import { mkdirSync, rmdirSync, statSync, utimesSync } from "node:fs";

/**
 * Serialises read-modify-write cycles on one job against every other process (worker,
 * reconcile in `status`, `result`, `cancel`), and store maintenance (prune, compaction).
 *
 * The lock is the directory `<target>.lock` (mkdir is atomic): the one proper-lockfile, which
 * earlier companions used, takes, so old and new companions on one store exclude each other.
 * A holder touches it every `REFRESH_MS`; one killed with -9 leaves it behind, so a lock left
 * untouched for `STALE_MS` is broken. Synchronous calls: each is one short syscall, and
 * loading the library (graceful-fs, signal-exit) cost a foreground review about 5 ms of CPU
 * (SPEC §10).
 */
export const STALE_MS = 10_000;
const REFRESH_MS = STALE_MS / 2;
const MAX_ATTEMPTS = 200;
const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 100;

type Release = () => Promise<void>;

/** Another process holds the lock. */
class LockHeld extends Error {}

function lockOnce(target: string): Release {
  const dir = `${target}.lock`;
  if (!created(dir)) {
    if (!isStale(dir)) throw new LockHeld(`${target} is locked by another process`);
    // Its holder is gone (or stalled past every refresh): broken, and taken if still free.
    removeIfPresent(dir);
    if (!created(dir)) throw new LockHeld(`${target} is locked by another process`);
  }
  const refresh = setInterval(() => touch(dir), REFRESH_MS);
  refresh.unref();
  return async () => {
    clearInterval(refresh);
    removeIfPresent(dir);
  };
}

/** False when the directory exists; any other failure (no job directory, no permission) throws. */
function created(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Untouched for longer than STALE_MS, or released meanwhile (then it is free to take). */
function isStale(dir: string): boolean {
  try {
    return Date.now() - statSync(dir).mtimeMs > STALE_MS;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

function removeIfPresent(dir: string): void {
  try {
    rmdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function touch(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // Broken by another process, or removed with its job: there is nothing left to keep.
  }
}

const isHeld = (error: unknown): boolean => error instanceof LockHeld;

// The global timer, not node:timers/promises: `status` imports this module, and would load
// that one for a wait it never makes.
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
    release = lockOnce(target);
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
      return lockOnce(target);
    } catch (error) {
      if (!isHeld(error) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(delay);
      delay = Math.min(MAX_DELAY_MS, delay * 1.5);
    }
  }
}

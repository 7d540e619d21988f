import { usageError } from "../errors/companion-error.js";

/**
 * The retention settings, apart from pruning itself: a launch checks them before it starts a job,
 * and must not load pruning's git and worktree code to do so.
 */
export interface RetentionPolicy {
  ttlMs: number;
  maxJobs: number;
}

const DEFAULT_TTL_S = 7 * 24 * 3600;
const DEFAULT_MAX_JOBS = 500;

/**
 * COMPANION_TTL (seconds, > 0) and COMPANION_MAX_JOBS (a whole number, 0 allowed) or their
 * defaults when unset. A value that cannot be used is a usage error naming the variable:
 * replacing it by the default would keep (or evict) records the user meant otherwise.
 */
export function retentionPolicy(env: NodeJS.ProcessEnv): RetentionPolicy {
  const ttlS = setting(env, "COMPANION_TTL", DEFAULT_TTL_S, "a positive number of seconds", (raw) => /^\d+(\.\d+)?$/.test(raw) && Number(raw) > 0);
  const maxJobs = setting(env, "COMPANION_MAX_JOBS", DEFAULT_MAX_JOBS, "a whole number of jobs, 0 or more", (raw) => /^\d+$/.test(raw));
  return { ttlMs: ttlS * 1000, maxJobs };
}

function setting(env: NodeJS.ProcessEnv, name: string, fallback: number, wanted: string, usable: (raw: string) => boolean): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!usable(raw) || !Number.isFinite(Number(raw))) {
    throw usageError(`${name} must be ${wanted}, got ${JSON.stringify(env[name])}.`, `Fix or unset ${name} (default: ${fallback}).`);
  }
  return Number(raw);
}

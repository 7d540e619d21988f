import type { JobStatus, Timings, Usage } from "./schema.js";

/**
 * The plain values of the record schema. Start-up paths (`status`, `result`, a background
 * launch) import these instead of `schema.ts`, whose zod schemas are costly to build
 * (SPEC §10); they check records with `checks.generated.ts`.
 */

/** Bumped whenever a reader of the previous version could misread a record. */
export const SCHEMA_VERSION = 2;

export const TARGET_NAMES = ["claude", "gemini"] as const;

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

export const ERROR_CODES = [
  "scope_failed",
  "binary_not_found",
  "spawn_failed",
  "not_authed",
  "rate_limited",
  "usage_limited",
  "model_not_found",
  "timeout",
  "parse_error",
  "target_error",
  "contract_changed",
  "stale_active_job",
  "finalization_failed",
  "review_incomplete",
  "prompt_too_large",
] as const;
export const isErrorCode = (code: string): code is (typeof ERROR_CODES)[number] => (ERROR_CODES as readonly string[]).includes(code);

export const ACTIVE_STATUSES: readonly JobStatus[] = ["queued", "running"];
export const isActive = (status: JobStatus): boolean => ACTIVE_STATUSES.includes(status);

export const EMPTY_USAGE: Usage = {
  input_tokens: null,
  output_tokens: null,
  cached_input_tokens: null,
  total_tokens: null,
};

export const EMPTY_TIMINGS: Timings = { prepare_ms: null, target_ms: null, finalize_ms: null, total_ms: null };

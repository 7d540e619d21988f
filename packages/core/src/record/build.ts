import type { ClassifiedError, TargetOutcome } from "../adapter/adapter.js";
import type {
  Audit,
  AuthMode,
  Changes,
  Containment,
  JobRecord,
  Mode,
  Mutation,
  PidInfo,
  Progress,
  Scope,
  TargetName,
  Timings,
} from "./schema.js";
import { EMPTY_TIMINGS, EMPTY_USAGE, SCHEMA_VERSION } from "./values.js";

/**
 * The only place records are created and moved between statuses, so every path
 * (foreground, background worker, reconcile, cancel) produces the same shape.
 */

export const PROMPT_HEAD_CHARS = 200;

/**
 * The longest prefix of whole code points that fits in `max` UTF-16 units (the schema's limit),
 * so a character outside the BMP is never cut in half into an unpaired surrogate.
 */
export const headOf = (text: string, max: number): string => {
  let end = 0;
  for (const char of text) {
    if (end + char.length > max) break;
    end += char.length;
  }
  return text.slice(0, end);
};

export interface NewJob {
  job_id: string;
  target: TargetName;
  mode: Mode;
  model: string | null;
  cwd: string;
  workspace_root: string;
  scope: Scope;
  scope_base: string | null;
  scope_paths: string[];
  containment: Containment;
  auth_mode: AuthMode;
  timeout_s: number;
  background: boolean;
  prompt: string;
  parent: JobRecord | null;
}

export const nowIso = (): string => new Date().toISOString();

export function newJobRecord(job: NewJob): JobRecord {
  const parentChain = job.parent ? [...job.parent.resume_chain, job.parent.target_session_id ?? ""] : [];
  return {
    schema_version: SCHEMA_VERSION,
    job_id: job.job_id,
    target: job.target,
    parent_job_id: job.parent?.job_id ?? null,
    target_session_id: null,
    resume_chain: parentChain.filter((id) => id !== ""),
    pid_info: null,
    worker_pid_info: null,
    mode: job.mode,
    model: job.model,
    cwd: job.cwd,
    workspace_root: job.workspace_root,
    target_cwd: job.parent?.target_cwd ?? null,
    scope: job.scope,
    scope_base: job.scope_base,
    scope_paths: job.scope_paths,
    containment: job.containment,
    snapshot_path: null,
    auth_mode: job.auth_mode,
    auth_env: { used: [], ignored: [] },
    timeout_s: job.timeout_s,
    background: job.background,
    prompt_head: headOf(job.prompt, PROMPT_HEAD_CHARS),
    status: "queued",
    created_at: nowIso(),
    started_at: null,
    ended_at: null,
    exit_code: null,
    signal: null,
    error_code: null,
    error_message: null,
    suggested_action: null,
    result: null,
    structured_output: null,
    permission_denials: [],
    mutations: [],
    usage: EMPTY_USAGE,
    cost_usd: null,
    cost_source: null,
    progress: { events: 0, tool_calls: 0, last_event_at: null, last_text: null },
    collected_at: null,
    timings: EMPTY_TIMINGS,
    review: null,
    audit: null,
    changes: null,
    applied_at: null,
  };
}

export const withWorker = (record: JobRecord, worker: PidInfo | null): JobRecord => ({
  ...record,
  worker_pid_info: worker,
});

export interface Prepared {
  target_cwd: string;
  snapshot_path: string | null;
  changes: Changes | null;
  audit: Audit | null;
}

export const withPreparation = (record: JobRecord, prepared: Prepared): JobRecord => ({ ...record, ...prepared });

export const markRunning = (record: JobRecord, pidInfo: PidInfo | null): JobRecord => ({
  ...record,
  status: "running",
  pid_info: pidInfo,
  started_at: record.started_at ?? nowIso(),
});

export const withProgress = (record: JobRecord, progress: Progress, sessionId: string | null): JobRecord => ({
  ...record,
  progress,
  target_session_id: sessionId ?? record.target_session_id,
});

/** How a job ended, as decided by the pipeline (core) from everything it observed. */
export type Ending =
  | { ending: "target"; outcome: TargetOutcome; exitCode: number | null; signal: string | null }
  | { ending: "cancelled"; outcome: TargetOutcome | null; exitCode: number | null; signal: string | null }
  | { ending: "timeout"; outcome: TargetOutcome | null; exitCode: number | null; signal: string | null; timeoutS: number }
  | { ending: "error"; error: ClassifiedError };

/** When the target process started and ended (epoch ms), as the pipeline saw it; null if it never did. */
export interface PhaseMarks {
  targetStartedAt: number | null;
  targetEndedAt: number | null;
}

const span = (from: number | null, to: number | null): number | null => (from === null || to === null ? null : Math.max(0, to - from));

/**
 * Pure: where a job's time went, from its creation to `endedAt`. Preparation runs until the
 * target starts (or until the job ended, if it never did), finalization from the target's exit
 * until the terminal record. Without marks (a job ended on behalf of a worker that is gone)
 * only the total is known.
 */
export function timingsOf(createdAt: string, endedAt: number, marks: PhaseMarks | null): Timings {
  const created = Date.parse(createdAt);
  const total = span(created, endedAt);
  if (marks === null) return { prepare_ms: null, target_ms: null, finalize_ms: null, total_ms: total };
  return {
    prepare_ms: span(created, marks.targetStartedAt ?? endedAt),
    target_ms: span(marks.targetStartedAt, marks.targetEndedAt),
    finalize_ms: span(marks.targetEndedAt, endedAt),
    total_ms: total,
  };
}

/** `changes`: an isolated job's captured work; null keeps what the record holds. */
export function finalizeRecord(record: JobRecord, ending: Ending, mutations: Mutation[], marks: PhaseMarks | null = null, changes: Changes | null = null): JobRecord {
  const now = Date.now();
  const base: JobRecord = {
    ...record,
    ended_at: new Date(now).toISOString(),
    timings: timingsOf(record.created_at, now, marks),
    mutations,
    changes: changes ?? record.changes,
    error_code: null,
    error_message: null,
    suggested_action: null,
  };
  if (ending.ending === "error") {
    return { ...base, status: "failed", ...errorFields(ending.error) };
  }
  const fromTarget = ending.outcome ? outcomeFields(ending.outcome) : {};
  const exit = { exit_code: ending.exitCode, signal: ending.signal };
  switch (ending.ending) {
    case "cancelled":
      return { ...base, ...fromTarget, ...exit, status: "cancelled" };
    case "timeout":
      return {
        ...base,
        ...fromTarget,
        ...exit,
        status: "failed",
        error_code: "timeout",
        error_message: `The target did not finish within ${ending.timeoutS} s and was terminated.`,
        suggested_action: "Retry with a larger --timeout, or narrow the scope of the task.",
      };
    case "target":
      return ending.outcome.outcome === "completed"
        ? { ...base, ...fromTarget, ...exit, status: "completed" }
        : { ...base, ...fromTarget, ...exit, status: "failed", ...errorFields(ending.outcome.error) };
  }
}

function outcomeFields(outcome: TargetOutcome): Partial<JobRecord> {
  return {
    target_session_id: outcome.session_id,
    result: outcome.result,
    structured_output: outcome.outcome === "completed" ? (outcome.structured_output ?? null) : null,
    usage: outcome.usage,
    cost_usd: outcome.cost_usd,
    cost_source: outcome.cost_source,
    permission_denials: [...outcome.permission_denials],
  };
}

const errorFields = (error: ClassifiedError): Partial<JobRecord> => ({
  error_code: error.error_code,
  error_message: error.message,
  suggested_action: error.suggested_action,
});

export function markStale(record: JobRecord, reason: string): JobRecord {
  const now = Date.now();
  return {
    ...record,
    status: "stale",
    ended_at: new Date(now).toISOString(),
    timings: timingsOf(record.created_at, now, null),
    error_code: "stale_active_job",
    error_message: reason,
    suggested_action: "The job's processes are gone; `continue` it or run it again.",
  };
}

export const markCollected = (record: JobRecord): JobRecord =>
  record.collected_at ? record : { ...record, collected_at: nowIso() };

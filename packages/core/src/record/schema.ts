import * as z from "zod/mini";
import { ERROR_CODES, SCHEMA_VERSION, SEVERITIES, TARGET_NAMES } from "./values.js";

export const TargetName = z.enum(TARGET_NAMES);
export type TargetName = z.infer<typeof TargetName>;

export const Mode = z.enum(["review", "adversarial-review", "custom-review", "rescue"]);
export type Mode = z.infer<typeof Mode>;

export const Scope = z.enum(["working-tree", "staged", "head", "branch-diff", "custom"]);
export type Scope = z.infer<typeof Scope>;

export const Containment = z.enum(["snapshot", "worktree", "none"]);
export type Containment = z.infer<typeof Containment>;

export const AuthMode = z.enum(["subscription", "api_key", "auto"]);
export type AuthMode = z.infer<typeof AuthMode>;

export const JobStatus = z.enum(["queued", "running", "completed", "failed", "cancelled", "stale"]);
export type JobStatus = z.infer<typeof JobStatus>;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Process identity: enough to prove a pid still names the process we started. */
export const PidInfo = z.object({
  pid: z.int().check(z.positive()),
  /** Linux: /proc/<pid>/stat field 22 (clock ticks since boot); macOS: ps lstart text. */
  starttime: z.string().check(z.minLength(1)),
  argv0: z.string(),
});
export type PidInfo = z.infer<typeof PidInfo>;

export const Usage = z.object({
  input_tokens: z.nullable(z.number()),
  output_tokens: z.nullable(z.number()),
  cached_input_tokens: z.nullable(z.number()),
  total_tokens: z.nullable(z.number()),
});
export type Usage = z.infer<typeof Usage>;

export const Progress = z.object({
  events: z.int().check(z.nonnegative()),
  tool_calls: z.int().check(z.nonnegative()),
  last_event_at: z.nullable(z.string()),
  last_text: z.nullable(z.string()),
});
export type Progress = z.infer<typeof Progress>;

export const PermissionDenial = z.object({
  tool_name: z.string(),
  tool_use_id: z.nullable(z.string()),
  /** A short, single-line description of what was attempted (e.g. the file path). */
  detail: z.nullable(z.string()),
});
export type PermissionDenial = z.infer<typeof PermissionDenial>;

export const Mutation = z.discriminatedUnion("kind", [
  /** A `git status --porcelain` line present after the review and not before. */
  z.object({ kind: z.literal("changed"), entry: z.string() }),
  /** Detection itself failed: the review result is kept, the failure is reported. */
  z.object({ kind: z.literal("detection_failed"), reason: z.string() }),
]);
export type Mutation = z.infer<typeof Mutation>;

/** Names (never values) of environment variables passed to, or withheld from, the target. */
export const AuthEnv = z.object({
  used: z.array(z.string()),
  ignored: z.array(z.string()),
});
export type AuthEnv = z.infer<typeof AuthEnv>;

const isoTime = z.string();

export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const Verdict = z.enum(["approve", "request_changes"]);
export type Verdict = z.infer<typeof Verdict>;

export const Finding = z.object({
  severity: Severity,
  file: z.nullable(z.string()),
  line: z.nullable(z.int()),
  title: z.string(),
  detail: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/** The review answer read into a shape a host can act on (SPEC §4, §9.2). */
export const Review = z.object({
  verdict: z.nullable(Verdict),
  findings: z.array(Finding),
  summary: z.nullable(z.string()),
});
export type Review = z.infer<typeof Review>;

/** Proof of exactly what a review let the target see (SPEC §9.2). */
export const Audit = z.object({
  files: z.array(z.object({ path: z.string(), bytes: z.int().check(z.nonnegative()), sha256: z.string() })),
  excluded: z.array(z.object({ path: z.string(), reason: z.string() })),
  totals: z.object({ files: z.int(), bytes: z.int(), excluded: z.int() }),
  git: z.nullable(
    z.object({ head: z.nullable(z.string()), branch: z.nullable(z.string()), base_ref: z.nullable(z.string()), merge_base: z.nullable(z.string()) }),
  ),
  prompt_sha256: z.nullable(z.string()),
});
export type Audit = z.infer<typeof Audit>;

export const ChangedFile = z.object({
  path: z.string(),
  status: z.enum(["added", "modified", "deleted"]),
  insertions: z.int().check(z.nonnegative()),
  deletions: z.int().check(z.nonnegative()),
});
export type ChangedFile = z.infer<typeof ChangedFile>;

/** What an isolated rescue changed, committed on a private ref (SPEC §9.3). */
export const Changes = z.object({
  base_commit: z.string(),
  result_commit: z.nullable(z.string()),
  files: z.array(ChangedFile),
});
export type Changes = z.infer<typeof Changes>;

/** Where a job's time went, in milliseconds (SPEC §4, §10). */
export const Timings = z.object({
  prepare_ms: z.nullable(z.number()),
  target_ms: z.nullable(z.number()),
  finalize_ms: z.nullable(z.number()),
  total_ms: z.nullable(z.number()),
});
export type Timings = z.infer<typeof Timings>;

export const JobRecord = z.object({
  schema_version: z.literal(SCHEMA_VERSION),
  // identity
  job_id: z.uuid({ version: "v4" }),
  target: TargetName,
  parent_job_id: z.nullable(z.uuid()),
  target_session_id: z.nullable(z.string()),
  resume_chain: z.array(z.string()),
  pid_info: z.nullable(PidInfo),
  worker_pid_info: z.nullable(PidInfo),
  // invocation
  mode: Mode,
  model: z.nullable(z.string()),
  cwd: z.string(),
  workspace_root: z.string(),
  /** Where the target process ran (a neutral per-chain directory for contained reviews). */
  target_cwd: z.nullable(z.string()),
  scope: Scope,
  scope_base: z.nullable(z.string()),
  scope_paths: z.array(z.string()),
  containment: Containment,
  snapshot_path: z.nullable(z.string()),
  auth_mode: AuthMode,
  auth_env: AuthEnv,
  timeout_s: z.number().check(z.positive()),
  background: z.boolean(),
  prompt_head: z.string().check(z.maxLength(200)),
  // lifecycle
  status: JobStatus,
  created_at: isoTime,
  started_at: z.nullable(isoTime),
  ended_at: z.nullable(isoTime),
  exit_code: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  error_code: z.nullable(ErrorCode),
  error_message: z.nullable(z.string()),
  suggested_action: z.nullable(z.string()),
  // result
  result: z.nullable(z.string()),
  structured_output: z.nullable(z.unknown()),
  permission_denials: z.array(PermissionDenial),
  mutations: z.array(Mutation),
  usage: Usage,
  cost_usd: z.nullable(z.number()),
  cost_source: z.nullable(z.enum(["reported", "estimated"])),
  progress: Progress,
  collected_at: z.nullable(isoTime),
  timings: Timings,
  // review modes
  review: z.nullable(Review),
  audit: z.nullable(Audit),
  // isolated rescue
  changes: z.nullable(Changes),
  applied_at: z.nullable(isoTime),
});
export type JobRecord = z.infer<typeof JobRecord>;

/** What a listing shows of a job; kept in the workspace log so a listing reads no records. */
export const JobSummary = z.object({
  job_id: z.string(),
  status: JobStatus,
  mode: Mode,
  created_at: z.string(),
  ended_at: z.nullable(z.string()),
  prompt_head: z.string(),
  error_code: z.nullable(ErrorCode),
  collected: z.boolean(),
  background: z.boolean(),
});
export type JobSummary = z.infer<typeof JobSummary>;

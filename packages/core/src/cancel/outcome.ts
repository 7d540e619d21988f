import { EXIT, type ExitCode } from "../errors/companion-error.js";
import type { JobStatus, PidInfo } from "../record/schema.js";
import type { TerminateSignal } from "./signal.js";

/**
 * Where a cancel ended, after every effect. `signaled`: `signal` is the signal that ended the
 * target ("SIGKILL" with `escalated`: SIGTERM came first and the grace period ran out);
 * `exited`: the process was seen gone before cancel stopped watching.
 */
export type CancelOutcome =
  | { outcome: "already_terminal"; job_status: JobStatus }
  | { outcome: "cancel_pending" }
  | { outcome: "signaled"; signal: TerminateSignal; escalated: boolean; exited: boolean }
  | { outcome: "already_dead" }
  | { outcome: "stale_pid"; mismatch: "starttime" | "argv0"; observed: PidInfo }
  | { outcome: "unverifiable"; reason: string }
  | { outcome: "no_pid_info" }
  | { outcome: "not_found" }
  | { outcome: "cancel_failed"; reason: string }
  | { outcome: "signal_failed"; errno: string };

export type CancelEnvelope = { ok: boolean; outcome: CancelOutcome["outcome"]; job_id: string } & Record<string, unknown>;

const succeeded = (jobId: string, outcome: CancelOutcome): CancelEnvelope => ({ ok: true, job_id: jobId, ...outcome });

const refused = (jobId: string, outcome: CancelOutcome, message: string, suggestedAction: string): CancelEnvelope => ({
  ok: false,
  job_id: jobId,
  ...outcome,
  message,
  suggested_action: suggestedAction,
});

/** Operation failures also carry `error` (= outcome), as every error envelope does (SPEC §3.1). */
const failed = (jobId: string, outcome: CancelOutcome, message: string, suggestedAction: string): CancelEnvelope => ({
  ...refused(jobId, outcome, message, suggestedAction),
  error: outcome.outcome,
});

const CHECK_STATUS = "Run `status --job ID`; if the job stays active, stop its process yourself after checking it.";

/** The cancel JSON document (SPEC §7.2) and exit code for a final outcome. Pure. */
export const cancelEnvelope = (jobId: string, outcome: CancelOutcome): { envelope: CancelEnvelope; exit_code: ExitCode } => {
  switch (outcome.outcome) {
    case "already_terminal":
    case "cancel_pending":
    case "signaled":
    case "already_dead":
      return { envelope: succeeded(jobId, outcome), exit_code: EXIT.ok };
    case "stale_pid":
      return {
        envelope: refused(jobId, outcome, `Recorded pid ${outcome.observed.pid} now belongs to another process (${outcome.mismatch} differs); nothing was signalled.`, CHECK_STATUS),
        exit_code: EXIT.refused,
      };
    case "unverifiable":
      return {
        envelope: refused(jobId, outcome, `Could not prove the job's process is ours (${outcome.reason}); nothing was signalled.`, CHECK_STATUS),
        exit_code: EXIT.refused,
      };
    case "no_pid_info":
      return {
        envelope: refused(jobId, outcome, "The job is running but its process identity was never recorded; nothing was signalled.", CHECK_STATUS),
        exit_code: EXIT.refused,
      };
    case "not_found":
      return {
        envelope: failed(jobId, outcome, `No job ${jobId}.`, "Run `status --all` to list jobs."),
        exit_code: EXIT.failed,
      };
    case "cancel_failed":
      return {
        envelope: failed(jobId, outcome, `Could not record the cancel request: ${outcome.reason}`, "Check the state directory's permissions and free space, then retry."),
        exit_code: EXIT.failed,
      };
    case "signal_failed":
      return {
        envelope: failed(jobId, outcome, `Signalling the job's process failed (${outcome.errno}).`, "Check that the job runs as your user; retry, or stop it yourself."),
        exit_code: EXIT.failed,
      };
  }
};

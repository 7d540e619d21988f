import { EXIT, type ExitCode } from "../errors/companion-error.js";
import type { Verification } from "../identity/types.js";
import type { JobStatus, PidInfo } from "../record/schema.js";

/**
 * What is known about the process doing a running job's work. `worker_only`: the worker is
 * recorded but the target's identity is not yet (not spawned, or spawned and not yet captured).
 */
export type TargetEvidence =
  | { kind: "target"; info: PidInfo; verification: Verification }
  | { kind: "worker_only" }
  | { kind: "none" };

export interface CancelInput {
  status: JobStatus;
  evidence: TargetEvidence;
}

/**
 * SPEC §7.2 before any effect. `cancel_pending` and `signal` still have work to do (write the
 * marker; write it and then terminate); their exit code is the one when that work succeeds.
 */
export type CancelDecision =
  | { outcome: "already_terminal"; job_status: JobStatus; exit_code: ExitCode }
  | { outcome: "cancel_pending"; exit_code: ExitCode }
  | { outcome: "signal"; target: PidInfo; exit_code: ExitCode }
  | { outcome: "already_dead"; exit_code: ExitCode }
  | { outcome: "stale_pid"; mismatch: "starttime" | "argv0"; observed: PidInfo; exit_code: ExitCode }
  | { outcome: "unverifiable"; reason: string; exit_code: ExitCode }
  | { outcome: "no_pid_info"; exit_code: ExitCode };

const decideRunning = (evidence: TargetEvidence): CancelDecision => {
  // The worker checks the marker before it spawns and again right after it records the
  // target's identity, so a marker is how a not-yet-identified target is stopped.
  if (evidence.kind === "worker_only") return { outcome: "cancel_pending", exit_code: EXIT.ok };
  if (evidence.kind === "none") return { outcome: "no_pid_info", exit_code: EXIT.refused };
  const { verification } = evidence;
  switch (verification.outcome) {
    case "match":
      return { outcome: "signal", target: evidence.info, exit_code: EXIT.ok };
    case "process_gone":
      return { outcome: "already_dead", exit_code: EXIT.ok };
    case "starttime_mismatch":
      return { outcome: "stale_pid", mismatch: "starttime", observed: verification.observed, exit_code: EXIT.refused };
    case "argv0_mismatch":
      return { outcome: "stale_pid", mismatch: "argv0", observed: verification.observed, exit_code: EXIT.refused };
    case "capture_error":
      return { outcome: "unverifiable", reason: verification.reason, exit_code: EXIT.refused };
  }
};

export const decideCancel = (input: CancelInput): CancelDecision => {
  switch (input.status) {
    case "queued":
      return { outcome: "cancel_pending", exit_code: EXIT.ok };
    case "running":
      return decideRunning(input.evidence);
    case "completed":
    case "failed":
    case "cancelled":
    case "stale":
      return { outcome: "already_terminal", job_status: input.status, exit_code: EXIT.ok };
  }
};

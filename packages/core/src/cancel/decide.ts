import type { Verification } from "../identity/types.js";
import type { JobStatus, PidInfo } from "../record/schema.js";
import type { CancelOutcome } from "./outcome.js";

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
 * SPEC §7.2 before any effect: either the final outcome, or the work still to do — write the
 * marker (`mark`), or write it and then stop the verified target (`signal`).
 */
export type CancelStep = { step: "finish"; outcome: CancelOutcome } | { step: "mark" } | { step: "signal"; target: PidInfo };

/** Why a process may not be signalled: it is gone, or it cannot be proved ours. */
export type Refusal = Extract<CancelOutcome, { outcome: "already_dead" | "stale_pid" | "unverifiable" }>;

/** The one place an identity check becomes a cancel outcome: null for a verified match (ours to signal). */
export const refusalOf = (verification: Verification): Refusal | null => {
  switch (verification.outcome) {
    case "match":
      return null;
    case "process_gone":
      return { outcome: "already_dead" };
    case "starttime_mismatch":
      return { outcome: "stale_pid", mismatch: "starttime", observed: verification.observed };
    case "argv0_mismatch":
      return { outcome: "stale_pid", mismatch: "argv0", observed: verification.observed };
    case "capture_error":
      return { outcome: "unverifiable", reason: verification.reason };
  }
};

const decideRunning = (evidence: TargetEvidence): CancelStep => {
  // The worker checks the marker before it spawns and again right after it records the
  // target's identity, so a marker is how a not-yet-identified target is stopped.
  if (evidence.kind === "worker_only") return { step: "mark" };
  if (evidence.kind === "none") return { step: "finish", outcome: { outcome: "no_pid_info" } };
  const refusal = refusalOf(evidence.verification);
  return refusal === null ? { step: "signal", target: evidence.info } : { step: "finish", outcome: refusal };
};

export const decideCancel = (input: CancelInput): CancelStep => {
  switch (input.status) {
    case "queued":
      return { step: "mark" };
    case "running":
      return decideRunning(input.evidence);
    case "completed":
    case "failed":
    case "cancelled":
    case "stale":
      return { step: "finish", outcome: { outcome: "already_terminal", job_status: input.status } };
  }
};

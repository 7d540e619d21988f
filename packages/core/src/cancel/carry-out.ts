import type { PidInfo } from "../record/schema.js";
import type { CancelDecision } from "./decide.js";
import type { MarkerWrite } from "./marker.js";
import type { CancelOutcome } from "./outcome.js";
import type { TerminateOutcome } from "./signal.js";

/** The effects a decision may need; the cancel command binds them to the job's dir and flags. */
export interface CancelEffects {
  writeMarker(): Promise<MarkerWrite>;
  terminate(info: PidInfo): Promise<TerminateOutcome>;
}

/**
 * Performs a decision. The marker is written before any signal, and a failed marker write stops
 * the cancel before anything is signalled: without the marker the job could finish `completed`.
 */
export const carryOutCancel = async (decision: CancelDecision, effects: CancelEffects): Promise<CancelOutcome> => {
  switch (decision.outcome) {
    case "cancel_pending": {
      const written = await effects.writeMarker();
      return written.outcome === "written" ? { outcome: "cancel_pending" } : { outcome: "cancel_failed", reason: written.reason };
    }
    case "signal": {
      const written = await effects.writeMarker();
      if (written.outcome === "error") return { outcome: "cancel_failed", reason: written.reason };
      return effects.terminate(decision.target);
    }
    case "already_terminal":
      return { outcome: "already_terminal", job_status: decision.job_status };
    case "already_dead":
    case "no_pid_info":
      return { outcome: decision.outcome };
    case "stale_pid":
      return { outcome: "stale_pid", mismatch: decision.mismatch, observed: decision.observed };
    case "unverifiable":
      return { outcome: "unverifiable", reason: decision.reason };
  }
};

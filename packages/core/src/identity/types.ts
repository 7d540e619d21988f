import type { PidInfo } from "../record/schema.js";

/** The identity of whatever process currently holds a pid. */
export type Capture =
  | { outcome: "captured"; info: PidInfo }
  /** Definitely no such (live) process: ENOENT under a readable procfs, ESRCH, or ps's "no match". */
  | { outcome: "gone" }
  /** Anything we could not check. Never to be read as "gone". */
  | { outcome: "capture_error"; reason: string };

/** Whether a recorded identity still names a live process. */
export type Verification =
  | { outcome: "match" }
  | { outcome: "process_gone" }
  | { outcome: "starttime_mismatch"; observed: PidInfo }
  | { outcome: "argv0_mismatch"; observed: PidInfo }
  | { outcome: "capture_error"; reason: string };

/**
 * One look at a pid. `exited` is a zombie: it has terminated and only waits to be reaped, so it
 * does no work and cannot be signalled meaningfully, but its start time is still readable.
 */
export type Observation =
  | { outcome: "alive"; info: PidInfo }
  | { outcome: "exited"; starttime: string }
  | { outcome: "gone" }
  | { outcome: "capture_error"; reason: string };

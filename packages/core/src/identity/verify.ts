import type { PidInfo } from "../record/schema.js";
import type { IdentityOptions } from "./options.js";
import { observeProcess } from "./observe.js";
import type { Observation, Verification } from "./types.js";

/**
 * Pure comparison of a recorded identity with an observation. Start time is compared before the
 * zombie check: a zombie with another start time is someone else's process, and reporting the
 * mismatch keeps "stale pid" distinct from "our process ended".
 */
export const compareIdentity = (expected: PidInfo, observed: Observation): Verification => {
  switch (observed.outcome) {
    case "gone":
      return { outcome: "process_gone" };
    case "capture_error":
      return observed;
    case "exited":
      return observed.starttime === expected.starttime
        ? { outcome: "process_gone" }
        : { outcome: "starttime_mismatch", observed: { pid: expected.pid, starttime: observed.starttime, argv0: "" } };
    case "alive":
      if (observed.info.starttime !== expected.starttime) return { outcome: "starttime_mismatch", observed: observed.info };
      if (observed.info.argv0 !== expected.argv0) return { outcome: "argv0_mismatch", observed: observed.info };
      return { outcome: "match" };
  }
};

export const verifyIdentity = async (info: PidInfo, options?: IdentityOptions): Promise<Verification> =>
  compareIdentity(info, await observeProcess(info.pid, options));

import type { IdentityOptions } from "../identity/options.js";
import type { Verification } from "../identity/types.js";
import { verifyIdentity } from "../identity/verify.js";
import type { JobRecord, PidInfo } from "../record/schema.js";
import type { TargetEvidence } from "./decide.js";

export type Verify = (info: PidInfo, options?: IdentityOptions) => Promise<Verification>;

/**
 * Verifies the target only for a running job: the target's pid is the one that does the work
 * and the only one cancel ever signals. The worker's identity is not a signalling target.
 */
export const gatherEvidence = async (
  record: Pick<JobRecord, "status" | "pid_info" | "worker_pid_info">,
  options: { verify?: Verify; identity?: IdentityOptions } = {},
): Promise<TargetEvidence> => {
  if (record.status !== "running") return { kind: "none" };
  if (record.pid_info !== null) {
    const verify = options.verify ?? verifyIdentity;
    return { kind: "target", info: record.pid_info, verification: await verify(record.pid_info, options.identity) };
  }
  return record.worker_pid_info !== null ? { kind: "worker_only" } : { kind: "none" };
};

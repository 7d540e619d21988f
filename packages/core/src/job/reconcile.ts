import { verifyIdentity } from "../identity/verify.js";
import type { Verification } from "../identity/types.js";
import { markStale } from "../record/build.js";
import type { JobRecord, PidInfo } from "../record/schema.js";
import { isActive } from "../record/values.js";
import type { JobStore } from "../store/job-store.js";

/** Records with no identity to check become stale only this long past their deadline. */
export const NO_PROOF_GRACE_S = 3600;

export type Liveness =
  | { verdict: "alive" }
  | { verdict: "unknown"; reason: string }
  | { verdict: "gone"; reason: string };

type Verify = (info: PidInfo) => Promise<Verification>;

/**
 * Decides from identity checks alone whether an active job's processes are provably gone.
 * A process that cannot be checked is never counted as gone.
 */
export async function assessLiveness(record: JobRecord, now: Date, verify: Verify = verifyIdentity): Promise<Liveness> {
  const checks = [
    ["worker", record.worker_pid_info],
    ["target", record.pid_info],
  ] as const;
  const gone: string[] = [];
  for (const [role, info] of checks) {
    if (info === null) continue;
    const verification = await verify(info);
    switch (verification.outcome) {
      case "match":
        return { verdict: "alive" };
      case "capture_error":
        return { verdict: "unknown", reason: `${role} identity could not be checked: ${verification.reason}` };
      case "process_gone":
        gone.push(`${role} pid ${info.pid} has exited`);
        break;
      case "starttime_mismatch":
      case "argv0_mismatch":
        gone.push(`${role} pid ${info.pid} now belongs to another process`);
        break;
    }
  }
  if (gone.length > 0) return { verdict: "gone", reason: `The job was ${record.status} but ${gone.join(" and ")}.` };
  const deadline = Date.parse(record.created_at) + (record.timeout_s + NO_PROOF_GRACE_S) * 1000;
  return now.getTime() > deadline
    ? { verdict: "gone", reason: `The job was ${record.status} with no process identity recorded and is long past its deadline.` }
    : { verdict: "unknown", reason: "no process identity recorded yet" };
}

/** Turns an active record whose processes are provably gone into `stale`; others are returned as they are. */
export async function reconcile(store: JobStore, record: JobRecord, now = new Date(), verify?: Verify): Promise<JobRecord> {
  if (!isActive(record.status)) return record;
  const liveness = await assessLiveness(record, now, verify);
  if (liveness.verdict !== "gone") return record;
  return store.update(record.job_id, (current) => (isActive(current.status) ? markStale(current, liveness.reason) : null));
}

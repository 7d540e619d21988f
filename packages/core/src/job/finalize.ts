import { consumeCancelMarker, hasCancelMarker } from "../cancel/marker.js";
import { type Ending, finalizeRecord, type PhaseMarks, withProgress } from "../record/build.js";
import type { AuthEnv, Changes, JobRecord, Mutation, Progress, Review } from "../record/schema.js";
import type { JobStore } from "../store/job-store.js";

/** Fields the job learned along the way that the terminal record carries. */
export interface Learned {
  readonly review?: Review | null;
  /** Written here when the job ends before its preparation was recorded. */
  readonly auth_env?: AuthEnv;
  /** The target's progress as last seen, newer than the last (throttled) progress write. */
  readonly live?: { readonly progress: Progress; readonly sessionId: string | null };
}

/** A `stale` verdict reached while the job was in fact alive is overtaken by the real ending. */
const finalizable = (record: JobRecord): boolean => record.status === "queued" || record.status === "running" || record.status === "stale";

/**
 * Writes a job's terminal record and consumes its cancel marker: the pipeline at the end of
 * every job, and `cancel` for a job whose worker died. A requested cancel wins over how the
 * target ended (SPEC §7.2). Terminal records other than `stale` are never rewritten — not
 * even by the fallback that records a failed finalization, since another process may have
 * finalized the job meanwhile.
 */
export async function finalizeJob(
  store: Pick<JobStore, "jobDir" | "update">,
  jobId: string,
  ending: Ending,
  mutations: Mutation[],
  marks: PhaseMarks | null = null,
  changes: Changes | null = null,
  learned: Learned = {},
): Promise<JobRecord> {
  const authEnv = learned.auth_env === undefined ? {} : { auth_env: learned.auth_env };
  const live = (current: JobRecord): JobRecord => (learned.live === undefined ? current : withProgress(current, learned.live.progress, learned.live.sessionId));
  const jobDir = store.jobDir(jobId);
  const final: Ending =
    hasCancelMarker(jobDir) && ending.ending !== "cancelled" && ending.ending !== "error" ? { ...ending, ending: "cancelled" } : ending;
  try {
    const record = await store.update(jobId, (current) => (finalizable(current) ? { ...finalizeRecord(live(current), final, mutations, marks, changes), ...authEnv, review: learned.review ?? null } : null));
    await consumeCancelMarker(jobDir);
    return record;
  } catch (error) {
    const message = `The job ended but its record could not be finalized: ${(error as Error).message}`;
    const failed: Ending = {
      ending: "error",
      error: { error_code: "finalization_failed", message, suggested_action: "Check that the state directory is writable, then run the job again." },
    };
    return store.update(jobId, (current) => (finalizable(current) ? { ...finalizeRecord(live(current), failed, [], marks, changes), ...authEnv } : null));
  }
}

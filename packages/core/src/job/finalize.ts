import { consumeCancelMarker, hasCancelMarker } from "../cancel/marker.js";
import { type Ending, finalizeRecord, type PhaseMarks } from "../record/build.js";
import type { Changes, JobRecord, Mutation } from "../record/schema.js";
import type { JobStore } from "../store/job-store.js";

/**
 * Writes a job's terminal record and consumes its cancel marker: the pipeline at the end of
 * every job, and `cancel` for a job whose worker died. A requested cancel wins over how the
 * target ended (SPEC §7.2). A `stale` verdict reached while the job was in fact alive is
 * overtaken by the real ending; other terminal records are never rewritten.
 */
export async function finalizeJob(
  store: JobStore,
  jobId: string,
  ending: Ending,
  mutations: Mutation[],
  marks: PhaseMarks | null = null,
  changes: Changes | null = null,
): Promise<JobRecord> {
  const jobDir = store.jobDir(jobId);
  const final: Ending =
    hasCancelMarker(jobDir) && ending.ending !== "cancelled" && ending.ending !== "error" ? { ...ending, ending: "cancelled" } : ending;
  try {
    const record = await store.update(jobId, (current) =>
      current.status === "queued" || current.status === "running" || current.status === "stale"
        ? finalizeRecord(current, final, mutations, marks, changes)
        : null,
    );
    await consumeCancelMarker(jobDir);
    return record;
  } catch (error) {
    const message = `The job ended but its record could not be finalized: ${(error as Error).message}`;
    return store.update(jobId, (current) =>
      finalizeRecord(current, { ending: "error", error: { error_code: "finalization_failed", message, suggested_action: "Check that the state directory is writable, then run the job again." } }, [], marks, changes),
    );
  }
}

import type { JobRecord } from "../record/schema.js";
import type { JobStore } from "../store/job-store.js";

/** How often a foreground run re-reads its record for the caller's progress display. */
const WATCH_MS = 1000;

/** Reports a job's record to `onProgress` until stopped (the pipeline writes progress into it). */
export function watchProgress(store: JobStore, jobId: string, onProgress: (record: JobRecord) => void): { stop(): void } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    store
      .get(jobId)
      .then(onProgress, () => undefined)
      .finally(() => {
        busy = false;
      });
  }, WATCH_MS);
  return { stop: () => clearInterval(timer) };
}

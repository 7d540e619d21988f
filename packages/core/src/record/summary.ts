import type { JobRecord, JobSummary } from "./schema.js";

export const summarize = (record: JobRecord): JobSummary => ({
  job_id: record.job_id,
  status: record.status,
  mode: record.mode,
  created_at: record.created_at,
  ended_at: record.ended_at,
  prompt_head: record.prompt_head,
  error_code: record.error_code,
  collected: record.collected_at !== null,
  background: record.background,
});

/** Whether a change to a record changes what a listing shows (progress updates do not). */
export const summaryChanged = (before: JobRecord, after: JobRecord): boolean =>
  before.status !== after.status ||
  before.ended_at !== after.ended_at ||
  before.error_code !== after.error_code ||
  (before.collected_at === null) !== (after.collected_at === null);

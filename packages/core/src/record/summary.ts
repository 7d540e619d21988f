import * as z from "zod/mini";
import { JobStatus, type JobRecord, Mode, ErrorCode } from "./schema.js";

/** What a listing shows of a job; kept in the workspace log so a listing reads no records. */
export const JobSummary = z.object({
  job_id: z.string(),
  status: JobStatus,
  mode: Mode,
  created_at: z.string(),
  ended_at: z.nullable(z.string()),
  prompt_head: z.string(),
  error_code: z.nullable(ErrorCode),
  collected: z.boolean(),
  background: z.boolean(),
});
export type JobSummary = z.infer<typeof JobSummary>;

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

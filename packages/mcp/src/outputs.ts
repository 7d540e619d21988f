import type { ToolCommand } from "@agent-companion/core";
import { recordSchemas } from "@agent-companion/core/front-end";
import * as z from "zod";
import type { $ZodType } from "zod/v4/core";

let built: Record<ToolCommand, $ZodType> | undefined;

/**
 * What each tool's structuredContent holds: the document the CLI prints for the same
 * operation. Loose objects where a tool answers with more than one shape. A new tool in the
 * table needs its entry here (a type error until it has one). Built on the first tools/list,
 * which is the only request that needs them.
 */
export async function outputSchemas(): Promise<Record<ToolCommand, $ZodType>> {
  built ??= describeOutputs((await recordSchemas()).JobRecord);
  return built;
}

function describeOutputs(jobRecord: $ZodType): Record<ToolCommand, $ZodType> {
  const jobId = z.string().describe("the job's id (UUID v4)");
  const status = z.string().describe("queued, running, completed, failed, cancelled or stale");
  const launchedOrRecord = z.looseObject({ job_id: jobId, status }).describe('the "launched" document ({event: "launched", job_id, target, mode, workspace_root, status}), or the final JobRecord when background is false');
  return {
    run: launchedOrRecord,
    continue: launchedOrRecord,
    status: z.looseObject({ job_id: jobId.optional(), jobs: z.array(z.looseObject({ job_id: jobId, status })).optional() }).describe("a JobRecord (with job_id), or the listing {ok, target, workspace_root, jobs, problems}"),
    result: jobRecord,
    wait: z
      .looseObject({ job_id: jobId, status, timed_out: z.literal(true).optional().describe("present when timeout_s elapsed first: call wait again") })
      .describe("the terminal JobRecord, or {job_id, status, timed_out: true, progress} while the job is still active"),
    cancel: z.looseObject({ ok: z.boolean(), outcome: z.string(), job_id: jobId }).describe("the cancel document: outcome signaled, cancel_pending, already_terminal or already_dead"),
    preflight: z.looseObject({ ok: z.boolean(), files: z.array(z.looseObject({ path: z.string(), bytes: z.number() })) }).describe("the files a review would send, with counts and bytes"),
    doctor: z.looseObject({ ok: z.boolean(), target: z.string() }).describe("binary, contract and auth readiness"),
    apply: z.looseObject({ ok: z.boolean(), job_id: jobId, applied: z.array(z.string()), dry_run: z.boolean() }).describe("the files the isolated rescue's changes touched in the working tree"),
  };
}

import * as z from "zod/mini";
import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { EXIT } from "../errors/companion-error.js";
import { captureIdentity } from "../identity/capture.js";
import { executeJob } from "../job/pipeline.js";
import { pruneLazily } from "../job/retention.js";
import { withWorker } from "../record/build.js";
import { parseJobId } from "../store/job-id.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";

const HandOff = z.object({ prompt: z.string(), jsonSchema: z.nullable(z.string()), keepSnapshot: z.boolean() });

/** The hidden background worker: reads the hand-off from its stdin pipe and runs the job. */
export async function workerOperation(ctx: OperationContext, input: InputOf<"__worker">): Promise<OperationResult> {
  const jobId = parseJobId(input.job);
  try {
    return await runWorker(ctx, jobId);
  } catch (error) {
    // The worker's stdio leads nowhere; this log beside the record is where a crash shows.
    await appendFile(join(ctx.store.jobDir(jobId), "worker.log"), `${new Date().toISOString()} ${(error as Error).stack ?? String(error)}\n`, { mode: 0o600 }).catch(() => undefined);
    throw error;
  }
}

async function runWorker(ctx: OperationContext, jobId: string): Promise<OperationResult> {
  const input = HandOff.parse(JSON.parse(await text(process.stdin)));
  // The launcher records the worker's identity; a worker started any other way records its own.
  if ((await ctx.store.get(jobId)).worker_pid_info === null) {
    const self = await captureIdentity(process.pid);
    await ctx.store.update(jobId, (current) => (current.worker_pid_info ? null : withWorker(current, self.outcome === "captured" ? self.info : null)));
  }
  const final = await executeJob({ adapter: await ctx.loadAdapter(), store: ctx.store, env: ctx.env, companionVersion: ctx.version }, jobId, input, new AbortController());
  await pruneLazily(ctx.store, ctx.env).catch(() => undefined);
  return { document: { ok: true, job_id: jobId, status: final.status }, exitCode: EXIT.ok };
}

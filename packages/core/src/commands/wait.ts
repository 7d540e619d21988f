import { setTimeout as sleep } from "node:timers/promises";
import { EXIT } from "../errors/companion-error.js";
import { reconcile } from "../job/reconcile.js";
import { isActive } from "../record/values.js";
import { parseJobId } from "../store/job-id.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";
import { renderRecord } from "./render.js";

const POLL_MS = 200;

/** The job's record once terminal; exit 124 with the still-active record when the timeout elapses. */
export async function waitOperation(ctx: OperationContext, input: InputOf<"wait">): Promise<OperationResult> {
  const jobId = parseJobId(input.job);
  const deadline = input.timeout === undefined ? Number.POSITIVE_INFINITY : Date.now() + input.timeout * 1000;
  for (;;) {
    const record = await reconcile(ctx.store, await ctx.store.get(jobId));
    if (!isActive(record.status)) {
      return { document: record, exitCode: record.status === "completed" ? EXIT.ok : EXIT.failed, human: renderRecord(record) };
    }
    ctx.onProgress?.(record);
    if (Date.now() >= deadline) {
      const notice = `wait: --timeout ${input.timeout} s elapsed; job ${jobId} is still ${record.status}`;
      return { document: record, exitCode: EXIT.waitTimeout, human: renderRecord(record), notice };
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

import { cancelJob } from "../cancel/cancel-job.js";
import { cancelEnvelope } from "../cancel/outcome.js";
import { parseJobId } from "../store/job-id.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";

export async function cancelOperation(ctx: OperationContext, input: InputOf<"cancel">): Promise<OperationResult> {
  const jobId = parseJobId(input.job);
  const wrongBin = (await ctx.store.read(jobId)).outcome === "not_found" ? ctx.store.heldByOtherTarget(jobId) : null;
  if (wrongBin) throw wrongBin;
  const { outcome, settled } = await cancelJob(ctx.store, jobId, { force: input.force });
  const { envelope, exit_code } = cancelEnvelope(jobId, outcome);
  const document = settled ? { ...envelope, job_status: settled.status } : envelope;
  const human = `${jobId}: ${outcome.outcome}${settled ? ` (job ${settled.status})` : ""}${envelope.ok ? "" : ` — ${String(envelope.message)}`}`;
  return { document, exitCode: exit_code, human, ...(envelope.ok ? {} : { failed: true, notice: `cancel: ${String(envelope.message ?? outcome.outcome)}` }) };
}

import { CompanionError, EXIT } from "../errors/companion-error.js";
import { reconcile } from "../job/reconcile.js";
import { markCollected } from "../record/build.js";
import { isActive } from "../record/values.js";
import { parseJobId } from "../store/job-id.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";
import { renderRecord } from "./render.js";

export async function resultOperation(ctx: OperationContext, input: InputOf<"result">): Promise<OperationResult> {
  const jobId = parseJobId(input.job);
  const current = await reconcile(ctx.store, await ctx.store.get(jobId));
  if (isActive(current.status)) {
    throw new CompanionError("not_terminal", `Job ${jobId} is still ${current.status}.`, {
      suggestedAction: `Wait for it: companion-${ctx.target.name} wait --job ${jobId}`,
    });
  }
  // Collecting writes once; reading an already-collected result takes no lock.
  const record = current.collected_at ? current : await ctx.store.update(jobId, (latest) => (latest.collected_at ? null : markCollected(latest)));
  return { document: record, exitCode: record.status === "completed" ? EXIT.ok : EXIT.failed, human: renderRecord(record) };
}

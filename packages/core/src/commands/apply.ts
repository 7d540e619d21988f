import { EXIT } from "../errors/companion-error.js";
import { applyJob } from "../isolation/apply.js";
import { parseJobId } from "../store/job-id.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";

export async function applyOperation(ctx: OperationContext, input: InputOf<"apply">): Promise<OperationResult> {
  const document = await applyJob(ctx.store, { jobId: parseJobId(input.job), dryRun: input.dryRun }, `companion-${ctx.target.name}`);
  const verb = document.dry_run ? "would apply" : "applied";
  const human = [`${verb} ${document.applied.length} file(s) of job ${document.job_id}`, ...document.applied.map((path) => `  ${path}`)].join("\n");
  return { document, exitCode: EXIT.ok, human };
}

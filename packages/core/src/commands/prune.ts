import { EXIT } from "../errors/companion-error.js";
import { prune } from "../job/retention.js";
import { retentionPolicy } from "../job/retention-policy.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";

export async function pruneOperation(ctx: OperationContext, input: InputOf<"prune">): Promise<OperationResult> {
  const { dryRun } = input;
  const policy = retentionPolicy(ctx.env);
  const report = await prune(ctx.store, policy, { dryRun });
  const document = { ok: true, dry_run: dryRun, ttl_s: policy.ttlMs / 1000, max_jobs: policy.maxJobs, ...report };
  const verb = dryRun ? "would remove" : "removed";
  const human = [`${verb} ${report.removed.length} job(s), ${report.kept} kept`, ...report.removed.map((e) => `  ${e.job_id}  ${e.status}  (${e.reason})`)].join("\n");
  return { document, exitCode: EXIT.ok, human };
}

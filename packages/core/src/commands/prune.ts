import { EXIT } from "../errors/companion-error.js";
import { prune, retentionPolicy } from "../job/retention.js";
import type { ParsedCommand } from "../cli/args.js";
import type { CommandOutput } from "../cli/output.js";
import type { CommandContext } from "./context.js";

export async function pruneCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<CommandOutput> {
  const dryRun = parsed.values["dry-run"] === true;
  const policy = retentionPolicy(ctx.env);
  const report = await prune(ctx.store, policy, { dryRun });
  const document = { ok: true, dry_run: dryRun, ttl_s: policy.ttlMs / 1000, max_jobs: policy.maxJobs, ...report };
  const verb = dryRun ? "would remove" : "removed";
  const human = [`${verb} ${report.removed.length} job(s), ${report.kept} kept`, ...report.removed.map((e) => `  ${e.job_id}  ${e.status}  (${e.reason})`)].join("\n");
  return { document, exitCode: EXIT.ok, human };
}

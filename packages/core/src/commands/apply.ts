import { EXIT } from "../errors/companion-error.js";
import { applyJob } from "../isolation/apply.js";
import { parseJobId } from "../store/job-id.js";
import { type ParsedCommand, requiredFlag } from "../cli/args.js";
import type { CommandOutput } from "../cli/output.js";
import type { CommandContext } from "./context.js";

export async function applyCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<CommandOutput> {
  const input = { jobId: parseJobId(requiredFlag(parsed, "job")), dryRun: parsed.values["dry-run"] === true };
  const document = await applyJob(ctx.store, input, `companion-${ctx.target.name}`);
  const verb = document.dry_run ? "would apply" : "applied";
  const human = [`${verb} ${document.applied.length} file(s) of job ${document.job_id}`, ...document.applied.map((path) => `  ${path}`)].join("\n");
  return { document, exitCode: EXIT.ok, human };
}

import { EXIT } from "../errors/companion-error.js";
import { reconcile } from "../job/reconcile.js";
import { parseJobId } from "../store/job-id.js";
import { resolveSourceDir, workspaceRootOf } from "../workspace/root.js";
import { type ParsedCommand, stringFlag } from "../cli/args.js";
import type { CommandOutput } from "../cli/output.js";
import type { CommandContext } from "./context.js";
import { type JobSummary, renderRecord, renderSummaries, summarize } from "./render.js";

export async function statusCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<CommandOutput> {
  const jobFlag = stringFlag(parsed, "job");
  if (jobFlag !== undefined) {
    const record = await reconcile(ctx.store, await ctx.store.get(parseJobId(jobFlag)));
    return { document: record, exitCode: EXIT.ok, human: renderRecord(record) };
  }
  const workspace = parsed.values.all === true ? null : workspaceRootOf(resolveSourceDir(stringFlag(parsed, "cwd"), ctx.cwd));
  const jobs: JobSummary[] = [];
  const problems: { job_id: string; error: string }[] = [];
  for (const id of await ctx.store.listIds(workspace)) {
    const read = await ctx.store.read(id).catch((error: Error) => ({ outcome: "corrupt" as const, reason: error.message }));
    switch (read.outcome) {
      case "ok":
        jobs.push(summarize(await reconcile(ctx.store, read.record).catch(() => read.record)));
        break;
      case "not_found":
        break;
      case "corrupt":
        problems.push({ job_id: id, error: `corrupt record: ${read.reason}` });
        break;
      case "newer_schema":
        problems.push({ job_id: id, error: `record has schema version ${read.version}, newer than this companion` });
        break;
    }
  }
  jobs.sort((a, b) => b.created_at.localeCompare(a.created_at));
  const document = { ok: true, target: ctx.target.name, workspace_root: workspace, jobs, problems };
  return { document, exitCode: EXIT.ok, human: renderSummaries(workspace, jobs, problems) };
}

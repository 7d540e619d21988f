import { EXIT } from "../errors/companion-error.js";
import { reconcile } from "../job/reconcile.js";
import type { JobSummary } from "../record/schema.js";
import { summarize } from "../record/summary.js";
import { isActive } from "../record/values.js";
import { parseJobId } from "../store/job-id.js";
import type { JobStore } from "../store/job-store.js";
import { type Listed, type ListingPart, newestFirst, summariesOf } from "../store/workspace-log.js";
import { resolveSourceDir, workspaceRootOf } from "../workspace/root.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";
import { listingJson, renderRecord, renderSummaries } from "./render.js";

interface Problem {
  job_id: string;
  error: string;
}

export async function statusOperation(ctx: OperationContext, input: InputOf<"status">): Promise<OperationResult> {
  if (input.job !== undefined) {
    const record = await reconcile(ctx.store, await ctx.store.get(parseJobId(input.job)));
    return { document: record, exitCode: EXIT.ok, human: renderRecord(record) };
  }
  const workspace = input.all ? null : workspaceRootOf(resolveSourceDir(input.cwd, ctx.cwd));
  const problems: Problem[] = [];
  const parts =
    workspace === null ? newestFirst(await scanAll(ctx.store, problems)) : await refreshActive(ctx.store, await ctx.store.workspaceListing(workspace), problems);
  let jobs: JobSummary[] | undefined;
  const document = {
    ok: true,
    target: ctx.target.name,
    workspace_root: workspace,
    // Parsed only when read (MCP, --human): the CLI prints the log's lines as they are.
    get jobs(): JobSummary[] {
      return (jobs ??= summariesOf(parts));
    },
    problems,
  };
  return {
    document,
    exitCode: EXIT.ok,
    // Each rendered only when asked for: a listing of 10,000 jobs is megabytes either way.
    get human() {
      return renderSummaries(workspace, document.jobs, problems);
    },
    get json() {
      return listingJson(document, parts);
    },
  };
}

/**
 * A workspace listing comes from the summary log; only active jobs are re-read from their
 * records, to reconcile them (a crashed worker must not show as running forever).
 */
async function refreshActive(store: JobStore, listing: ListingPart[], problems: Problem[]): Promise<ListingPart[]> {
  const jobs: ListingPart[] = [];
  for (const job of listing) {
    if ("lines" in job || !isActive(job.summary.status)) {
      jobs.push(job);
      continue;
    }
    const current = await readSummary(store, job.summary.job_id, problems);
    if (current) jobs.push({ summary: current, line: null });
  }
  return jobs;
}

/** `status --all`: every record in the store is read, so unreadable ones are reported. */
async function scanAll(store: JobStore, problems: Problem[]): Promise<Listed[]> {
  const jobs: Listed[] = [];
  for (const id of await store.allJobIds()) {
    const current = await readSummary(store, id, problems);
    if (current) jobs.push({ summary: current, line: null });
  }
  return jobs;
}

async function readSummary(store: JobStore, jobId: string, problems: Problem[]): Promise<JobSummary | null> {
  const read = await store.read(jobId).catch((error: Error) => ({ outcome: "corrupt" as const, reason: error.message }));
  switch (read.outcome) {
    case "ok":
      return summarize(await reconcile(store, read.record).catch(() => read.record));
    case "not_found":
      return null;
    case "corrupt":
      problems.push({ job_id: jobId, error: `corrupt record: ${read.reason}` });
      return null;
    case "newer_schema":
      problems.push({ job_id: jobId, error: `record has schema version ${read.version}, newer than this companion` });
      return null;
  }
}

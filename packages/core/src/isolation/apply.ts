import { CompanionError } from "../errors/companion-error.js";
import { gitTopLevel } from "../workspace/root.js";
import { reconcile } from "../job/reconcile.js";
import { nowIso } from "../record/build.js";
import type { JobRecord } from "../record/schema.js";
import { isActive } from "../record/values.js";
import type { JobStore } from "../store/job-store.js";
import { applyEdits, type FileEdit, planMerge } from "./merge.js";

export interface ApplyInput {
  jobId: string;
  dryRun: boolean;
}

/** The document `apply` prints (SPEC §9.3). */
export interface ApplyDocument {
  ok: true;
  job_id: string;
  applied: string[];
  dry_run: boolean;
}

export type Applicability =
  | { readonly outcome: "applicable"; readonly base: string; readonly result: string }
  | { readonly outcome: "refused"; readonly error: CompanionError };

/** Pure: whether a record's changes can be brought into the user's tree. */
export function applicability(record: JobRecord, bin: string): Applicability {
  const refuse = (error: CompanionError): Applicability => ({ outcome: "refused", error });
  if (isActive(record.status)) {
    return refuse(new CompanionError("not_terminal", `Job ${record.job_id} is still ${record.status}; its work is not captured yet.`, { suggestedAction: `Wait for it: ${bin} wait --job ${record.job_id}` }));
  }
  if (record.containment !== "worktree") {
    return refuse(new CompanionError("not_applicable", `Job ${record.job_id} did not run isolated: its changes, if any, are already in ${record.cwd}.`, { suggestedAction: "Only jobs run with `run --mode rescue --isolate` have changes to apply." }));
  }
  if (record.applied_at !== null) {
    return refuse(new CompanionError("already_applied", `Job ${record.job_id} was already applied at ${record.applied_at}.`, { suggestedAction: "Look at `git status` / `git diff` in your tree." }));
  }
  const base = record.changes?.base_commit;
  const result = record.changes?.result_commit;
  if (!base || !result) {
    return refuse(new CompanionError("not_applicable", `Job ${record.job_id} ended before its work was committed, so there is nothing to apply.`, { suggestedAction: "Run the rescue again." }));
  }
  return { outcome: "applicable", base, result };
}

/**
 * Brings an isolated job's changes (base→result) into the user's working tree as
 * uncommitted edits, merged three-way with whatever the user has there now. Nothing is
 * staged or committed; on any conflict nothing changes at all.
 */
export async function applyJob(store: JobStore, input: ApplyInput, bin: string): Promise<ApplyDocument> {
  // A job whose processes are gone reads as stale, not as still running.
  const record = await reconcile(store, await store.get(input.jobId));
  const check = applicability(record, bin);
  if (check.outcome === "refused") throw check.error;
  const repo = record.workspace_root;
  if ((await gitTopLevel(repo).catch(() => null)) !== repo) {
    throw new CompanionError("not_applicable", `${repo} is no longer a git work tree.`, { suggestedAction: "Restore the repository, then apply again." });
  }
  const plan = await planMerge(repo, check.base, check.result).catch((error: unknown) => {
    throw new CompanionError("io_error", `Could not merge the job's changes: ${(error as Error).message}`, { suggestedAction: "Check that the repository still holds the job's commits (`prune` removes them with the job)." });
  });
  if (plan.outcome === "conflict") {
    throw new CompanionError("apply_conflict", `The changes of job ${record.job_id} conflict with your tree in: ${plan.files.join(", ")}. Nothing was changed.`, {
      suggestedAction: `Commit, stash or undo your edits to those files and apply again, or continue the job to rework them.`,
    });
  }
  const applied = plan.edits.map((edit) => edit.path);
  if (!input.dryRun) await applyClaimed(store, record.job_id, repo, plan.edits);
  return { ok: true, job_id: record.job_id, applied, dry_run: input.dryRun };
}

/** Marks the job applied first, so two concurrent applies never both write; a failed write releases the mark. */
async function applyClaimed(store: JobStore, jobId: string, repo: string, edits: readonly FileEdit[]): Promise<void> {
  let claimed = false;
  const record = await store.update(jobId, (current) => {
    if (current.applied_at !== null) return null;
    claimed = true;
    return { ...current, applied_at: nowIso() };
  });
  if (!claimed) throw new CompanionError("already_applied", `Job ${jobId} was already applied at ${record.applied_at ?? "?"}.`);
  try {
    await applyEdits(repo, edits);
  } catch (error) {
    await store.update(jobId, (current) => ({ ...current, applied_at: null }));
    throw new CompanionError("io_error", `Applying the changes of job ${jobId} failed part way: ${(error as Error).message}`, {
      suggestedAction: "Check `git status` in your tree and the file permissions, then apply again.",
    });
  }
}

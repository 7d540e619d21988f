import { CompanionError } from "../errors/companion-error.js";
import { gitTopLevel } from "../workspace/root.js";
import { listChanges } from "../isolation/changes.js";
import { commitWorkingState, headCommit } from "../isolation/commit-state.js";
import { jobRef, readJobRef, writeJobRef } from "../isolation/refs.js";
import { copyIgnored } from "../isolation/with-ignored.js";
import { addWorktree, removeWorktree } from "../isolation/worktree.js";
import { captureGitStatus } from "../mutations/capture.js";
import { diffMutations } from "../mutations/diff.js";
import type { Changes, JobRecord } from "../record/schema.js";
import type { PreparedSource } from "./source.js";

/** Where the chain's worktree starts: the user's state (a new job) or the parent's result (continue). */
interface Start {
  /** What `changes` and `apply` are measured against: the user's state when the chain began. */
  base: string;
  /** The commit the worktree is checked out at. */
  checkout: string;
}

/**
 * Containment `worktree` (SPEC §9.3): the target works with write access in a private git
 * worktree, at a commit holding the user's current state (or, for `continue`, the parent's
 * result). At the end its work is committed on the job's private result ref and the
 * worktree is removed; the user's tree is only watched for mutations.
 */
export async function prepareIsolated(record: JobRecord, userPrompt: string, worktreeDir: string): Promise<PreparedSource> {
  const repo = record.workspace_root;
  if ((await gitTopLevel(repo)) !== repo) {
    throw new CompanionError("scope_failed", `${repo} is no longer a git work tree; an isolated rescue needs one.`, { suggestedAction: "Run the job again from inside the repository." });
  }
  const baseline = await captureGitStatus(repo);
  const start = await startingPoint(record);
  await writeJobRef(repo, jobRef(record.target, record.job_id, "base"), start.base);
  try {
    await addWorktree(repo, worktreeDir, start.checkout);
  } catch (error) {
    throw new CompanionError("scope_failed", `Could not create the job's worktree at ${worktreeDir}: ${(error as Error).message}`, {
      suggestedAction: `Another job of this chain may still be running there: wait for it. If none is, a killed one left it behind: \`git worktree remove --force ${worktreeDir}\`, then retry.`,
    });
  }
  try {
    await copyIgnored(repo, worktreeDir, record.scope_paths);
  } catch (error) {
    await removeWorktree(repo, worktreeDir);
    throw new CompanionError("scope_failed", `Could not copy the --with-ignored paths into the job's worktree: ${(error as Error).message}`, {
      suggestedAction: "Check the --with-ignored globs and free disk space, then retry.",
    });
  }
  let capture: Promise<Changes> | null = null;
  return {
    prompt: userPrompt,
    snapshotDir: null,
    keptSnapshotPath: null,
    audit: null,
    targetCwd: worktreeDir,
    changes: { base_commit: start.base, result_commit: null, files: [] },
    detectMutations: async () => diffMutations(baseline, await captureGitStatus(repo)),
    // Once only: the pipeline also calls it on its error path.
    captureChanges: () => (capture ??= captureResult(record, worktreeDir, start)),
    cleanup: async () => undefined,
  };
}

async function startingPoint(record: JobRecord): Promise<Start> {
  const repo = record.workspace_root;
  if (record.parent_job_id === null) {
    const state = await commitWorkingState({ root: repo, parent: await headCommit(repo), message: `agent-companion: state before job ${record.job_id}` });
    return { base: state, checkout: state };
  }
  const base = await readJobRef(repo, jobRef(record.target, record.parent_job_id, "base"));
  const checkout = await readJobRef(repo, jobRef(record.target, record.parent_job_id, "result"));
  if (base === null || checkout === null) {
    throw new CompanionError("scope_failed", `The commits of job ${record.parent_job_id} are gone from ${repo}, so there is nothing to continue from.`, {
      suggestedAction: "Start a new isolated rescue with `run --mode rescue --isolate`.",
    });
  }
  return { base, checkout };
}

/** Commits whatever the target left in the worktree, then removes it; on failure the worktree stays for the user. */
async function captureResult(record: JobRecord, worktreeDir: string, start: Start): Promise<Changes> {
  const repo = record.workspace_root;
  let changes: Changes;
  try {
    const result = await commitWorkingState({ root: worktreeDir, parent: start.checkout, message: `agent-companion: result of job ${record.job_id}` });
    await writeJobRef(repo, jobRef(record.target, record.job_id, "result"), result);
    changes = { base_commit: start.base, result_commit: result, files: await listChanges(repo, start.base, result) };
  } catch (error) {
    throw new CompanionError("finalization_failed", `The job's work could not be committed: ${(error as Error).message}. It is still in ${worktreeDir}.`, {
      suggestedAction: `Copy what you need from ${worktreeDir}, then run \`prune\` once the job has expired.`,
    });
  }
  // The work is safe on its ref; a worktree that will not go now goes with the record (retention).
  await removeWorktree(repo, worktreeDir).catch(() => undefined);
  return changes;
}

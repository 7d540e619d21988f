import { splitNul } from "../git/nul.js";
import { runGit, tryGit } from "../git/run.js";
import type { TargetName } from "../record/schema.js";
import { parseJobId } from "../store/job-id.js";

/**
 * A job's commits live on private refs outside refs/heads and refs/tags: no branch a user
 * sees, but reachable, so git's garbage collection keeps them until the job expires.
 */
export type JobRefKind = "base" | "result";

const jobRefPrefix = (target: TargetName, jobId: string): string => `refs/companion/${target}/${parseJobId(jobId)}/`;

export const jobRef = (target: TargetName, jobId: string, kind: JobRefKind): string => `${jobRefPrefix(target, jobId)}${kind}`;

export async function writeJobRef(root: string, ref: string, commit: string): Promise<void> {
  await runGit(root, ["update-ref", "--no-deref", ref, commit]);
}

/** The commit a job ref points at, or null when the ref is gone. */
export async function readJobRef(root: string, ref: string): Promise<string | null> {
  return (await tryGit(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]))?.trim() || null;
}

/** Deletes every ref of a job (retention). */
export async function deleteJobRefs(root: string, target: TargetName, jobId: string): Promise<void> {
  const refs = splitNul(await runGit(root, ["for-each-ref", "--format=%(refname)%00", jobRefPrefix(target, jobId)])).map((ref) => ref.trim()).filter(Boolean);
  if (refs.length === 0) return;
  await runGit(root, ["update-ref", "--stdin", "-z"], { input: refs.map((ref) => `delete ${ref}\0\0`).join("") });
}

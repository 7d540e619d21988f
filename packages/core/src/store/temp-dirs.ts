import { readdir, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Directories a job creates in the system temp directory (the target's private TMPDIR, the
 * review snapshot) carry the job's id in their names, so that what a killed worker left
 * behind can be attributed to its job and swept by `prune` (SPEC §6.4). They stay outside the
 * store: a target may put sockets in its TMPDIR, whose paths must stay short.
 */
export type JobTempKind = "target-tmp" | "snapshot";

/** The `mkdtemp` prefix of a job's temp directory of one kind. */
export const jobTempPrefix = (kind: JobTempKind, jobId: string): string => `companion-${kind}-${jobId}-`;

const NAME = /^companion-(?:target-tmp|snapshot)-([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})-[^/]+$/;

/** The temp directory jobs use, as a real path (snapshots are created under it). */
export const jobTempParent = (): Promise<string> => realpath(tmpdir());

/**
 * Removes the temp directories of the given jobs (ids of this store's jobs that are over),
 * except paths in `keep` (kept snapshots). Directories of any other job, including jobs of
 * other stores sharing the temp directory, are never touched.
 */
export async function sweepJobTempDirs(jobIds: ReadonlySet<string>, keep: ReadonlySet<string>, parent?: string): Promise<string[]> {
  const dir = parent ?? (await jobTempParent());
  const swept: string[] = [];
  for (const name of await readdir(dir).catch(() => [])) {
    const owner = NAME.exec(name)?.[1];
    const path = join(dir, name);
    if (owner === undefined || !jobIds.has(owner) || keep.has(path)) continue;
    await rm(path, { recursive: true, force: true });
    swept.push(path);
  }
  return swept;
}

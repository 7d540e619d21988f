import { readdir, readFile, realpath, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { filterOverrides } from "../git/filters.js";
import { runGit } from "../git/run.js";

/**
 * A job's private work tree: a linked git worktree at `dir`, checked out detached at
 * `commit`, so no branch is created and the user's HEAD and index are never involved.
 * Checkout runs no smudge filter and no hook (hardened git runner).
 */
export async function addWorktree(repo: string, dir: string, commit: string): Promise<void> {
  const config = await filterOverrides(repo);
  await runGit(repo, ["worktree", "add", "--detach", "--quiet", "--end-of-options", dir, commit], { config });
}

/**
 * Removes a job's worktree directory and exactly its administrative entry. Not
 * `git worktree prune`: that would also drop the user's own entries whose directories
 * happen to be missing (an unplugged disk).
 */
export async function removeWorktree(repo: string, dir: string): Promise<void> {
  // git records the worktree's real path.
  const real = await realpath(dir).catch(() => dir);
  await rm(dir, { recursive: true, force: true });
  const common = resolve(repo, (await runGit(repo, ["rev-parse", "--git-common-dir"])).trim());
  const adminDir = join(common, "worktrees");
  const names = await readdir(adminDir).catch(() => [] as string[]);
  for (const name of names) {
    const gitdir = await readFile(join(adminDir, name, "gitdir"), "utf8").catch(() => "");
    if (gitdir.trim() === join(real, ".git")) await rm(join(adminDir, name), { recursive: true, force: true });
  }
}

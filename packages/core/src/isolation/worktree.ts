import { readdir, readFile, realpath, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { filterOverrides } from "../git/filters.js";
import { GitError, runGit } from "../git/run.js";

const ADD_ATTEMPTS = 5;
const RETRY_STEP_MS = 25;

/**
 * A job's private work tree: a linked git worktree at `dir`, checked out detached at
 * `commit`, so no branch is created and the user's HEAD and index are never involved.
 * Checkout runs no smudge filter and no hook (hardened git runner).
 */
export async function addWorktree(repo: string, dir: string, commit: string): Promise<void> {
  const config = await filterOverrides(repo);
  for (let attempt = 1; ; attempt++) {
    try {
      await runGit(repo, ["worktree", "add", "--detach", "--quiet", "--end-of-options", dir, commit], { config });
      return;
    } catch (error) {
      if (!raced(error) || attempt >= ADD_ATTEMPTS) throw error;
      await sleep(attempt * RETRY_STEP_MS);
    }
  }
}

/**
 * `git worktree add` reads every linked worktree's admin files (their HEADs), and dies on one
 * another add has created but not yet written ("failed to read .git/worktrees/<id>/commondir"):
 * parallel isolated jobs in one repository, or the user's own git, race there. The failed add
 * has removed what it made, so it is tried again.
 */
const raced = (error: unknown): boolean => error instanceof GitError && /failed to read .*worktrees[\\/]/.test(error.stderr);

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

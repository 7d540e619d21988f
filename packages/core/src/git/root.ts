import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { tryGit } from "./run.js";

/**
 * Cheap, process-free: the nearest ancestor of `start` (itself included, realpath'd)
 * holding a `.git` entry (a directory, or a file for worktrees and submodules).
 */
export function findGitRootSync(start: string): string | null {
  let dir = realpathSync(start);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** git's own idea of the work tree containing `cwd` (realpath'd), or null outside one. */
export async function gitTopLevel(cwd: string): Promise<string | null> {
  const out = await tryGit(cwd, ["rev-parse", "--show-toplevel"]);
  const top = out?.replace(/\n$/, "");
  return top ? realpathSync(top) : null;
}

/** Workspace root as records store it: the git top level, else the directory itself. */
export async function resolveWorkspaceRoot(cwd: string): Promise<string> {
  return (await gitTopLevel(cwd)) ?? realpathSync(cwd);
}

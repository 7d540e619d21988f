import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

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

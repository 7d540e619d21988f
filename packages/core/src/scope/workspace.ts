import { realpath } from "node:fs/promises";
import { findGitRootSync } from "../git/find-root.js";
import { gitTopLevel } from "../git/root.js";
import { ScopeError } from "./scope-error.js";

export interface Workspace {
  readonly root: string;
  readonly git: boolean;
  /** Realpath of the directory the request came from (inside root). */
  readonly cwd: string;
}

/**
 * The tree a review reads. The `.git` entry found on disk and git's own answer must
 * agree: a repository whose config moves the work tree elsewhere (core.worktree) could
 * otherwise make a review read files outside the directory the user pointed at.
 */
export async function locateWorkspace(cwd: string): Promise<Workspace> {
  const real = await realpath(cwd).catch((error: unknown) => {
    throw new ScopeError(`cannot read directory ${cwd}: ${(error as Error).message}`, "Pass an existing directory with --cwd.");
  });
  const onDisk = findGitRootSync(real);
  if (onDisk === null) return { root: real, git: false, cwd: real };
  const top = await gitTopLevel(real);
  if (top !== onDisk) {
    throw new ScopeError(
      `git reports work tree ${top ?? "(none)"} for ${real}, but the repository on disk is ${onDisk}`,
      "Check the repository's core.worktree setting and ownership (safe.directory), or run from a plain directory.",
    );
  }
  return { root: onDisk, git: true, cwd: real };
}

import { existsSync, promises as fs, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { usageError } from "../errors/companion-error.js";
import { ScopeError } from "../scope/scope-error.js";

/**
 * Where a job's source is and which workspace it belongs to. Listing and launching only walk
 * the disk (no process); a review also asks git, which must agree (see locateWorkspace).
 */

/** An existing directory given by the user, realpath'd. */
export function resolveSourceDir(dir: string | undefined, cwd: string): string {
  const wanted = resolve(cwd, dir ?? ".");
  try {
    if (statSync(wanted).isDirectory()) return realpathSync(wanted);
  } catch {
    // Reported below.
  }
  throw usageError(`--cwd: "${wanted}" is not an existing directory.`);
}

/**
 * The nearest ancestor of `start` (itself included, realpath'd) holding a `.git` entry (a
 * directory, or a file for worktrees and submodules); null outside any repository.
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

/** The key jobs are listed under (SPEC §6.1): the enclosing git work tree, else the directory itself. */
export const workspaceRootOf = (sourceDir: string): string => findGitRootSync(sourceDir) ?? sourceDir;

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
  const { workspace, confirmed } = await findWorkspace(cwd);
  await confirmed;
  return workspace;
}

/**
 * locateWorkspace in two steps, for a caller that reads the tree while git is asked: the
 * workspace as found on disk at once, and `confirmed`, which rejects when git disagrees.
 * Nothing read meanwhile may be used, or sent anywhere, before `confirmed` has resolved.
 */
export async function findWorkspace(cwd: string): Promise<{ workspace: Workspace; confirmed: Promise<void> }> {
  const real = await fs.realpath(cwd).catch((error: unknown) => {
    throw new ScopeError(`cannot read directory ${cwd}: ${(error as Error).message}`, "Pass an existing directory with --cwd.");
  });
  const onDisk = findGitRootSync(real);
  if (onDisk === null) return { workspace: { root: real, git: false, cwd: real }, confirmed: Promise.resolve() };
  return { workspace: { root: onDisk, git: true, cwd: real }, confirmed: confirmTopLevel(real, onDisk) };
}

async function confirmTopLevel(real: string, onDisk: string): Promise<void> {
  const top = await gitTopLevel(real);
  if (top !== onDisk) {
    throw new ScopeError(
      `git reports work tree ${top ?? "(none)"} for ${real}, but the repository on disk is ${onDisk}`,
      "Check the repository's core.worktree setting and ownership (safe.directory), or run from a plain directory.",
    );
  }
}

/** git's own idea of the work tree containing `cwd` (realpath'd), or null outside one. */
export async function gitTopLevel(cwd: string): Promise<string | null> {
  // Loaded here: status and launching use this module and never start git.
  const { tryGit } = await import("../git/run.js");
  const top = (await tryGit(cwd, ["rev-parse", "--show-toplevel"]))?.replace(/\n$/, "");
  return top ? realpathSync(top) : null;
}

import { realpathSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { usageError } from "../errors/companion-error.js";
import { findGitRootSync } from "../git/find-root.js";

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
 * The key jobs are listed under: the enclosing git work tree, else the directory itself.
 * Found by walking up for `.git` so listing never has to start git.
 */
export const workspaceRootOf = (sourceDir: string): string => findGitRootSync(sourceDir) ?? sourceDir;

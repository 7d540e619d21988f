import { constants } from "node:fs";
import { cp, mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { splitNul } from "../git/nul.js";
import { runGit } from "../git/run.js";
import { compileGlob } from "../scope/glob.js";
import { secretByName } from "../secrets/names.js";

/** Pure: the ignored entries (`dir/` for a whole ignored directory) that any glob names. */
export function selectIgnored(entries: readonly string[], globs: readonly string[]): string[] {
  const compiled = globs.map((glob) => compileGlob(glob, ""));
  return entries
    .map((entry) => entry.replace(/\/$/, ""))
    .filter((path) => secretByName(path) === null && compiled.some((glob) => glob.matches(path)));
}

/**
 * Makes the ignored paths the user named (`node_modules`, `.venv`) available in a job's
 * worktree. They are copied, not linked: the target has write access there, and a link
 * would let an `npm install` or a stray edit in the worktree change the user's own tree.
 * The copy clones file extents where the filesystem can (copy-on-write), so large
 * dependency trees stay cheap; secret files inside them are never copied.
 * Returns the copied paths.
 */
export async function copyIgnored(repo: string, worktree: string, globs: readonly string[]): Promise<string[]> {
  if (globs.length === 0) return [];
  const listing = await runGit(repo, ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"]);
  const paths = selectIgnored(splitNul(listing), globs);
  for (const path of paths) {
    await mkdir(dirname(join(worktree, path)), { recursive: true });
    await cp(join(repo, path), join(worktree, path), {
      recursive: true,
      verbatimSymlinks: true,
      mode: constants.COPYFILE_FICLONE,
      filter: (source) => secretByName(basename(source)) === null,
    });
  }
  return paths;
}

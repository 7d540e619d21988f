import { lstat, readdir, realpath } from "node:fs/promises";
import { dirname, join } from "node:path";
import { splitNul } from "../git/nul.js";
import { runGit } from "../git/run.js";
import { isUndecodable, undecodableNote, undecodableSkip } from "./file-name.js";
import { mapLimit } from "./map-limit.js";
import { ScopeError } from "./scope-error.js";
import type { SelectedFile, Withheld } from "./selection.js";
import { resolveWorktreeLink } from "./worktree-link.js";

const FS_CONCURRENCY = 32;

/** Tracked plus untracked-but-not-ignored paths, as git lists them (unique, any order). */
export async function gitWorktreePaths(root: string): Promise<string[]> {
  const out = await runGit(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  return [...new Set(splitNul(out))];
}

/** Every non-directory path below a plain (non-git) directory; `.git` entries are skipped. */
export async function walkPaths(root: string, rel = ""): Promise<string[]> {
  const entries = await readdir(rel === "" ? root : join(root, rel), { withFileTypes: true });
  const nested = await mapLimit(entries, FS_CONCURRENCY, async (entry) => {
    if (entry.name === ".git") return [];
    const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
    // Dirent types come from lstat semantics: a linked directory is a link, not walked. A
    // directory whose name cannot be decoded cannot be opened by it: listed, to be noted.
    return entry.isDirectory() && !isUndecodable(entry.name) ? walkPaths(root, path) : [path];
  });
  return nested.flat();
}

export type Inspected = { readonly kind: "file"; readonly file: SelectedFile } | { readonly kind: "note"; readonly note: string } | { readonly kind: "absent" };

/**
 * What each listed path contributes: live content (links resolved), a note for things
 * left out on purpose, or nothing for tracked files deleted from the disk.
 */
export async function inspectPaths(root: string, paths: readonly string[]): Promise<{ files: SelectedFile[]; notes: string[]; skipped: Withheld[] }> {
  const realDirs = new Map<string, Promise<string | null>>();
  const realDir = (dir: string) => {
    let known = realDirs.get(dir);
    if (known === undefined) {
      known = realpath(dir).catch(() => null);
      realDirs.set(dir, known);
    }
    return known;
  };
  const results = await mapLimit(paths, FS_CONCURRENCY, (path) => inspectPath(root, path, realDir));
  return {
    files: results.flatMap((r) => (r.kind === "file" ? [r.file] : [])),
    notes: results.flatMap((r) => (r.kind === "note" ? [r.note] : [])),
    skipped: paths.filter(isUndecodable).map(undecodableSkip),
  };
}

async function inspectPath(root: string, path: string, realDir: (dir: string) => Promise<string | null>): Promise<Inspected> {
  if (isUndecodable(path)) return { kind: "note", note: undecodableNote(path) };
  if (path.endsWith("/")) return { kind: "note", note: `skipped nested repository ${path}` };
  const absPath = join(root, path);
  const parentReal = await realDir(dirname(absPath));
  if (parentReal === null) return { kind: "absent" };
  if (parentReal !== dirname(absPath)) {
    // A tracked path whose directory became a link would otherwise read through it.
    throw new ScopeError(
      `${path} lies under a symlinked directory`,
      "Replace the directory link with a real directory, or leave the path out with --scope custom --paths.",
    );
  }
  const info = await lstat(absPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return null;
    throw error;
  });
  if (info === null) return { kind: "absent" };
  if (info.isFile()) return { kind: "file", file: { path, size: info.size, source: { kind: "worktree", absPath } } };
  if (info.isSymbolicLink()) {
    const target = await resolveWorktreeLink(root, absPath, path);
    return { kind: "file", file: { path, size: target.size, source: { kind: "worktree", absPath: target.absPath } } };
  }
  if (info.isDirectory()) return { kind: "note", note: `skipped submodule ${path}` };
  return { kind: "note", note: `skipped ${path}: not a regular file` };
}

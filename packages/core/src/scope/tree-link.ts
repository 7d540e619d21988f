import { posix } from "node:path";
import { LINK_HOP_LIMIT } from "./worktree-link.js";

/** One entry of a git tree or index listing. */
export interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly oid: string;
  /** Known from `ls-tree -l`; null when it has to be asked for. */
  readonly size: number | null;
}

export const SYMLINK_MODE = "120000";
export const GITLINK_MODE = "160000";

export type TreeLinkResolution = { readonly ok: true; readonly entry: TreeEntry } | { readonly ok: false; readonly reason: string };

/**
 * Pure: follows a symlink blob (mode 120000) inside a tree, lexically, the way the
 * snapshot would see it. `targets` holds the text of every link blob in the tree.
 */
export function resolveTreeLink(
  linkPath: string,
  entries: ReadonlyMap<string, TreeEntry>,
  targets: ReadonlyMap<string, string>,
): TreeLinkResolution {
  const refuse = (reason: string): TreeLinkResolution => ({ ok: false, reason: `symlink ${linkPath} ${reason}` });
  const seen = new Set<string>();
  let current = linkPath;
  for (let hop = 0; ; hop++) {
    if (seen.has(current)) return refuse("is part of a loop");
    if (hop >= LINK_HOP_LIMIT) return refuse(`is a chain of more than ${LINK_HOP_LIMIT} links`);
    seen.add(current);
    const target = targets.get(current) ?? "";
    if (target.startsWith("/")) return refuse(`points at an absolute path (${target})`);
    const next = posix.normalize(posix.join(posix.dirname(current), target));
    if (next === ".." || next.startsWith("../")) return refuse(`escapes the source (${target})`);
    if (next.split("/").includes(".git")) return refuse("points into .git");
    const entry = entries.get(next.replace(/\/$/, ""));
    if (entry === undefined) {
      return refuse(next === "." || isDirectory(next, entries) ? "points at a directory" : "is dangling (its target is not in the tree)");
    }
    if (entry.mode === GITLINK_MODE) return refuse("points at a submodule");
    if (entry.mode !== SYMLINK_MODE) return { ok: true, entry };
    current = entry.path;
  }
}

function isDirectory(path: string, entries: ReadonlyMap<string, TreeEntry>): boolean {
  const prefix = `${path.replace(/\/$/, "")}/`;
  for (const key of entries.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

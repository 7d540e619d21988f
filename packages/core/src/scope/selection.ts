import type { Scope } from "../record/schema.js";

/** Where a selected file's bytes come from: the live file, or a git blob. */
export type FileSource =
  | { readonly kind: "worktree"; readonly absPath: string }
  | { readonly kind: "blob"; readonly oid: string };

export interface SelectedFile {
  /** POSIX path relative to the workspace root; the path it gets in the snapshot. */
  readonly path: string;
  readonly size: number;
  readonly source: FileSource;
}

export interface Selection {
  readonly root: string;
  readonly scope: Scope;
  /** The base ref branch-diff compared against (as given or defaulted); null otherwise. */
  readonly base: string | null;
  /** merge-base(base, HEAD) for branch-diff; null otherwise. */
  readonly mergeBase: string | null;
  /** Sorted by path, unique. */
  readonly files: readonly SelectedFile[];
  readonly fileCount: number;
  readonly byteCount: number;
  /** Things left out on purpose that a person may want to know about (submodules…). */
  readonly notes: readonly string[];
}

export interface ScopeRequest {
  readonly cwd: string;
  readonly scope: Scope;
  readonly base: string | null;
  /** Globs for the custom scope (see glob.ts for the dialect). */
  readonly paths: readonly string[];
}

const byPath = (a: SelectedFile, b: SelectedFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Pure: the Selection for a set of files (sorted, counted). */
export function makeSelection(
  fields: Pick<Selection, "root" | "scope" | "base" | "mergeBase" | "notes">,
  files: readonly SelectedFile[],
): Selection {
  const sorted = [...files].sort(byPath);
  return {
    ...fields,
    files: sorted,
    fileCount: sorted.length,
    byteCount: sorted.reduce((sum, file) => sum + file.size, 0),
  };
}

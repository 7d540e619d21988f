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

/** A file kept from the target on purpose, and why (SPEC §9.1). */
export interface Withheld {
  readonly path: string;
  readonly reason: string;
}

/** One path the change under review touches, with git's id of its earlier content. */
export interface Change {
  readonly path: string;
  readonly status: "added" | "modified" | "deleted";
  /** Added files git does not track yet. */
  readonly untracked: boolean;
  /** Blob of the earlier side (HEAD, index or merge-base); null when there was none. */
  readonly oldOid: string | null;
}

export interface GitIdentity {
  readonly head: string | null;
  readonly branch: string | null;
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
  /** Files left out by name: secrets (content is screened later) and names that are not UTF-8. */
  readonly withheld: readonly Withheld[];
  /** Paths the user sends although they look secret (--include-secret). */
  readonly included: readonly string[];
  /** What the change under review touches; null for scopes without one (custom, head, no git). */
  readonly changes: readonly Change[] | null;
  readonly git: GitIdentity | null;
}

export interface ScopeRequest {
  readonly cwd: string;
  readonly scope: Scope;
  readonly base: string | null;
  /** Globs for the custom scope (see glob.ts for the dialect). */
  readonly paths: readonly string[];
  /** Exact paths (relative to cwd) sent although the secret filter would withhold them. */
  readonly includeSecrets?: readonly string[];
}

const byPath = (a: SelectedFile, b: SelectedFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Pure: the Selection for a set of files (sorted, counted). */
export function makeSelection(
  fields: Omit<Selection, "files" | "fileCount" | "byteCount">,
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

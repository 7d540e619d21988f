import type { Audit, Scope } from "../record/schema.js";
import type { ContentScreen } from "./screen.js";
import type { Selection } from "./selection.js";

/** Pure: the proof of what a review lets the target see (SPEC §9.2); the prompt's hash is added once it exists. */
export function auditOf(selection: Selection, screen: ContentScreen, promptSha256: string | null): Audit {
  return {
    files: screen.files.map((file) => ({ path: file.path, bytes: file.bytes, sha256: file.sha256 })),
    excluded: screen.withheld.map((item) => ({ path: item.path, reason: item.reason })),
    totals: { files: screen.files.length, bytes: screen.files.reduce((sum, file) => sum + file.bytes, 0), excluded: screen.withheld.length },
    git: selection.git === null ? null : { head: selection.git.head, branch: selection.git.branch, base_ref: selection.base, merge_base: selection.mergeBase },
    prompt_sha256: promptSha256,
  };
}

export interface SelectionDescription extends Omit<Audit, "prompt_sha256"> {
  readonly file_count: number;
  readonly byte_count: number;
  readonly scope: Scope;
  readonly base: string | null;
  readonly root: string;
  readonly notes: readonly string[];
}

/** Pure: what `preflight` prints — the same files, hashes and withheld list a run's audit records. */
export function describeSelection(selection: Selection, screen: ContentScreen): SelectionDescription {
  const { files, excluded, totals, git } = auditOf(selection, screen, null);
  return {
    files,
    file_count: totals.files,
    byte_count: totals.bytes,
    excluded,
    totals,
    git,
    scope: selection.scope,
    base: selection.base,
    root: selection.root,
    notes: selection.notes,
  };
}

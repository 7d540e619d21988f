import type { Scope } from "../record/schema.js";
import type { Selection } from "./selection.js";

export interface SelectionDescription {
  readonly files: Array<{ readonly path: string; readonly bytes: number }>;
  readonly file_count: number;
  readonly byte_count: number;
  readonly scope: Scope;
  readonly base: string | null;
  readonly root: string;
  readonly notes: readonly string[];
}

/** Pure: what `preflight` prints — what a review would send, without sending it. */
export function describeSelection(selection: Selection): SelectionDescription {
  return {
    files: selection.files.map((file) => ({ path: file.path, bytes: file.size })),
    file_count: selection.fileCount,
    byte_count: selection.byteCount,
    scope: selection.scope,
    base: selection.base,
    root: selection.root,
    notes: selection.notes,
  };
}

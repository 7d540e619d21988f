import { structuredPatch } from "diff";

/** Past this many line edits a diff is not worth inlining; the snapshot has the file. */
const MAX_EDITS = 1000;

/**
 * Pure: a git-style unified diff of one file, or null when the change is too large to
 * compute cheaply. `before` / `after` null mean the file did not exist on that side.
 */
export function unifiedDiff(path: string, before: string | null, after: string | null): string | null {
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before ?? "", after ?? "", undefined, undefined, { context: 3, maxEditLength: MAX_EDITS });
  if (patch === undefined) return null;
  const header = [`--- ${before === null ? "/dev/null" : `a/${path}`}`, `+++ ${after === null ? "/dev/null" : `b/${path}`}`];
  const hunks = patch.hunks.map((hunk) => [`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines].join("\n"));
  return [...header, ...hunks].join("\n");
}

/** Unified-diff ranges: a range of no lines starts one line earlier, as git writes it. */
const range = (start: number, lines: number): string => (lines === 1 ? `${start}` : `${lines === 0 ? Math.max(start - 1, 0) : start},${lines}`);

import type { Mutation } from "../record/schema.js";
import type { StatusCapture } from "./capture.js";

/**
 * Pure: what changed in the user's tree between two captures — new status lines, lines
 * whose file changed again while already dirty, lines that vanished (a revert, stash or
 * commit hides work just as surely), and HEAD moving. A failed capture is itself listed.
 */
export function diffMutations(before: StatusCapture, after: StatusCapture): Mutation[] {
  if (!before.ok || !after.ok) return detectionFailures(before, after);
  const earlier = new Set(before.entries);
  const later = new Set(after.entries);
  const mutations: Mutation[] = [];
  if (before.head !== after.head) mutations.push(changed(`HEAD moved from ${before.head ?? "(no commits)"} to ${after.head ?? "(no commits)"}`));
  for (const line of after.entries) {
    if (!earlier.has(line)) mutations.push(changed(line));
    else if (before.fingerprints[pathOf(line)] !== after.fingerprints[pathOf(line)]) {
      mutations.push(changed(`${line} (content changed during the review)`));
    }
  }
  for (const line of before.entries) {
    if (!later.has(line)) mutations.push(changed(`${line} (no longer reported after the review)`));
  }
  return mutations;
}

/** Porcelain v1 lines are "XY path". */
const pathOf = (line: string): string => line.slice(3);

type Capture = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Pure: a capture that failed, before or after the review, listed as such (once each). */
export function detectionFailures(before: Capture, after: Capture): Mutation[] {
  return [
    ...(before.ok ? [] : [failed(`before the review: ${before.reason}`)]),
    ...(after.ok ? [] : [failed(`after the review: ${after.reason}`)]),
  ];
}

const changed = (entry: string): Mutation => ({ kind: "changed", entry });
const failed = (reason: string): Mutation => ({ kind: "detection_failed", reason });

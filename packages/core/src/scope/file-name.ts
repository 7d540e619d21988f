import type { Withheld } from "./selection.js";

/**
 * git and readdir hand names over as UTF-8 text; bytes that are not valid UTF-8 arrive as
 * U+FFFD, so the decoded name opens nothing on disk and two such names can collide in the
 * snapshot. Such files are left out with a note instead of failing the whole review.
 */
export const isUndecodable = (path: string): boolean => path.includes("\uFFFD");

const UNDECODABLE = "its file name is not valid UTF-8";

export const undecodableNote = (path: string): string => `skipped ${path}: ${UNDECODABLE}`;

/** How such a file is listed among what a review left out (preflight, `audit.excluded`). */
export const undecodableSkip = (path: string): Withheld => ({ path, reason: UNDECODABLE });

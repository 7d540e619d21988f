/**
 * git and readdir hand names over as UTF-8 text; bytes that are not valid UTF-8 arrive as
 * U+FFFD, so the decoded name opens nothing on disk and two such names can collide in the
 * snapshot. Such files are left out with a note instead of failing the whole review.
 */
export const isUndecodable = (path: string): boolean => path.includes("\uFFFD");

export const undecodableNote = (path: string): string => `skipped ${path}: its file name is not valid UTF-8`;

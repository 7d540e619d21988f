import { lstat, readlink, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { ScopeError } from "./scope-error.js";

/** Longest chain of links followed before giving up (the kernel allows 40; reviews need few). */
export const LINK_HOP_LIMIT = 8;

export const isWithin = (root: string, path: string): boolean => path === root || path.startsWith(root + sep);

export const isInGitDir = (root: string, path: string): boolean => relative(root, path).split(sep).includes(".git");

export interface ResolvedFile {
  readonly absPath: string;
  readonly size: number;
}

const SUGGESTION =
  "Replace the link with a regular file or a link to a regular file inside the repository, or leave it out with --scope custom --paths.";

const linkError = (rel: string, what: string): ScopeError => new ScopeError(`symlink ${rel} ${what}`, SUGGESTION);

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * Follows a symlink on disk one hop at a time. Only a link ending, within `root`
 * (realpath'd), at a regular file outside `.git` yields content; every other ending is
 * a ScopeError, raised before anything is copied or sent.
 */
export async function resolveWorktreeLink(root: string, linkAbs: string, rel: string): Promise<ResolvedFile> {
  const seen = new Set<string>();
  let current = linkAbs;
  for (let hop = 0; ; hop++) {
    if (seen.has(current)) throw linkError(rel, "is part of a loop");
    if (hop >= LINK_HOP_LIMIT) throw linkError(rel, `is a chain of more than ${LINK_HOP_LIMIT} links`);
    seen.add(current);
    const target = await readlink(current);
    const next = resolve(dirname(current), target);
    if (!isWithin(root, next)) {
      throw linkError(rel, isAbsolute(target) ? `points at an absolute path outside the source (${target})` : `escapes the source (${target})`);
    }
    if (isInGitDir(root, next)) throw linkError(rel, "points into .git");
    const info = await lstat(next).catch((error: unknown) => {
      throw endingError(rel, error);
    });
    if (!info.isSymbolicLink()) return finalTarget(root, next, rel);
    current = next;
  }
}

/** `path` may still pass through linked directories: its real location decides. */
async function finalTarget(root: string, path: string, rel: string): Promise<ResolvedFile> {
  const real = await realpath(path).catch((error: unknown) => {
    throw endingError(rel, error);
  });
  if (!isWithin(root, real)) throw linkError(rel, "escapes the source through a linked directory");
  if (isInGitDir(root, real)) throw linkError(rel, "points into .git");
  const info = await stat(real);
  if (info.isDirectory()) throw linkError(rel, "points at a directory");
  if (!info.isFile()) throw linkError(rel, "points at something other than a regular file");
  return { absPath: real, size: info.size };
}

function endingError(rel: string, error: unknown): ScopeError {
  switch (errno(error)) {
    case "ELOOP":
      return linkError(rel, "is part of a loop");
    case "ENOENT":
    case "ENOTDIR":
      return linkError(rel, "is dangling (its target does not exist)");
    default:
      return linkError(rel, `cannot be followed (${(error as Error).message})`);
  }
}

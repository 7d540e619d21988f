import { tryGit } from "./run.js";

export type RevisionCheck = { readonly ok: true; readonly revision: string } | { readonly ok: false; readonly reason: string };

/**
 * Pure: whether a user-supplied base is a plain ref name or object id, optionally
 * followed by `~N` / `^N` ancestry suffixes. Anything git could read as an option or as
 * a richer revision expression (ranges, `@{...}`, `:path`, globs) is refused up front.
 */
export function checkRevision(value: string): RevisionCheck {
  const refuse = (reason: string): RevisionCheck => ({ ok: false, reason: `invalid ref ${JSON.stringify(value)}: ${reason}` });
  if (value.length === 0) return refuse("empty");
  if (value.length > 255) return refuse("too long");
  if (value.startsWith("-")) return refuse("looks like an option");
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f:?*[\\]/.test(value)) return refuse("contains a space, control or special character");
  if (value.includes("..")) return refuse("contains '..'");
  if (value.includes("@{")) return refuse("contains '@{'");
  const name = value.replace(/(?:[~^]\d*)+$/, "");
  if (/[~^]/.test(name)) return refuse("'~' and '^' are only allowed as trailing ancestry suffixes");
  if (name.length === 0) return refuse("no ref name");
  if (name.endsWith(".")) return refuse("ends with '.'");
  for (const component of name.split("/")) {
    if (component.length === 0) return refuse("empty path component");
    if (component.startsWith(".")) return refuse("a component starts with '.'");
    if (component.endsWith(".lock")) return refuse("a component ends with '.lock'");
  }
  return { ok: true, revision: value };
}

/** The commit a checked revision names, or null when it names none. */
export async function resolveCommit(root: string, revision: string): Promise<string | null> {
  const check = checkRevision(revision);
  if (!check.ok) return null;
  const out = await tryGit(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${check.revision}^{commit}`]);
  return out?.trim() || null;
}

/** The repository's default branch: origin/HEAD's target, else `main`, else `master`. */
export async function defaultBaseRef(root: string): Promise<string | null> {
  const originHead = (await tryGit(root, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]))?.trim();
  if (originHead?.startsWith("refs/remotes/")) return originHead.slice("refs/remotes/".length);
  for (const branch of ["main", "master"]) {
    if (await tryGit(root, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`])) return branch;
  }
  return null;
}

export async function mergeBase(root: string, a: string, b: string): Promise<string | null> {
  return (await tryGit(root, ["merge-base", a, b]))?.trim() || null;
}

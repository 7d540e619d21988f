import { copyFile, mkdtemp, readFile, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { filterOverrides } from "../git/filters.js";
import { splitNul } from "../git/nul.js";
import { runGit, tryGit } from "../git/run.js";
import { secretInContent } from "../secrets/content.js";
import { secretByName } from "../secrets/names.js";

/** Commits made by the companion carry their own identity: the user's config is never read. */
const IDENTITY: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: "agent-companion",
  GIT_AUTHOR_EMAIL: "agent-companion@localhost",
  GIT_COMMITTER_NAME: "agent-companion",
  GIT_COMMITTER_EMAIL: "agent-companion@localhost",
};

export interface StateRequest {
  /** A work tree: the user's, or a job's worktree. */
  readonly root: string;
  readonly parent: string | null;
  readonly message: string;
}

/**
 * Commits a work tree's current state — its HEAD plus staged and unstaged changes to
 * tracked files plus untracked files that are neither ignored nor secret — with plumbing
 * only. Everything happens in a private copy of the index outside the repository, so the
 * tree's own index, HEAD, branches and files are never written.
 */
export async function commitWorkingState(request: StateRequest): Promise<string> {
  const { root } = request;
  const dir = await mkdtemp(join(tmpdir(), "companion-index-"));
  try {
    const gitEnv = { GIT_INDEX_FILE: join(dir, "index") };
    await seedIndex(root, gitEnv.GIT_INDEX_FILE);
    // A trailing slash marks a nested repository, which is not part of this one.
    const keep = (path: string) => !path.endsWith("/");
    const tracked = splitNul(await runGit(root, ["ls-files", "-z", "--cached"], { gitEnv })).filter(keep);
    const untracked = await withoutSecrets(root, splitNul(await runGit(root, ["ls-files", "-z", "--others", "--exclude-standard"], { gitEnv })).filter(keep));
    const paths = [...new Set([...tracked, ...untracked])];
    // Hashing a file runs its clean filter, an arbitrary command: every driver is neutralised.
    // Entries a sparse checkout keeps off the disk stay as they are, not deleted.
    const config = await filterOverrides(root);
    if (paths.length > 0) {
      await runGit(root, ["update-index", "-z", "--add", "--remove", "--replace", "--ignore-skip-worktree-entries", "--stdin"], { gitEnv, config, input: paths.map((p) => `${p}\0`).join("") });
    }
    const tree = (await runGit(root, ["write-tree"], { gitEnv })).trim();
    const parents = request.parent === null ? [] : ["-p", request.parent];
    return (await runGit(root, ["commit-tree", tree, ...parents, "-m", request.message], { gitEnv: IDENTITY })).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the private index from a copy of the tree's own, so unchanged files are not
 * hashed again. The copy keeps the original's modification time: git treats entries
 * changed in the same instant as the index as "racily clean" and rehashes them, and a
 * newer copy would hide exactly those edits. No index yet (a fresh repository): start empty.
 */
async function seedIndex(root: string, indexFile: string): Promise<void> {
  const own = resolve(root, (await runGit(root, ["rev-parse", "--git-path", "index"])).trim());
  const info = await stat(own).catch(() => null);
  if (info === null) return;
  await copyFile(own, indexFile);
  await utimes(indexFile, info.atime, info.mtime);
}

/** The commit HEAD names, or null on an unborn branch (a repository with no commits yet). */
export async function headCommit(root: string): Promise<string | null> {
  return (await tryGit(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]))?.trim() || null;
}

/**
 * Untracked files that hold credentials, by name or by content (SPEC §9.1), stay out of the
 * captured state, so a target never sees them. Tracked files are already in the user's commits.
 */
async function withoutSecrets(root: string, paths: readonly string[]): Promise<string[]> {
  const named = paths.filter((path) => secretByName(path) === null);
  const contents = await Promise.all(named.map((path) => readFile(join(root, path)).catch(() => null)));
  return named.filter((_, i) => {
    const content = contents[i];
    return content === null || content === undefined || secretInContent(content) === null;
  });
}

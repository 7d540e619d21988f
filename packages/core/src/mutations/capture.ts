import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, readlink } from "node:fs/promises";
import { join } from "node:path";
import { filterOverrides } from "../git/filters.js";
import { GitError, runGit } from "../git/run.js";
import { mapLimit } from "../scope/map-limit.js";
import { type ParsedStatus, parseStatusV2, type StatusEntry } from "./porcelain.js";

export type StatusCapture =
  | {
      readonly ok: true;
      readonly head: string | null;
      /** Porcelain v1 lines ("XY path"), as people know them. */
      readonly entries: string[];
      /** Per listed path: index blob + on-disk content digest, to notice edits to files already dirty. */
      readonly fingerprints: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly reason: string };

const HASH_CONCURRENCY = 16;

/** `git status` of the tree, untracked files listed one by one, with HEAD's side of each change. */
export async function readGitStatus(root: string): Promise<ParsedStatus> {
  // Stat-dirty files are hashed through clean filters unless those are neutralised.
  const config = await filterOverrides(root);
  const output = await runGit(
    root,
    ["status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all", "--ignore-submodules=dirty", "--no-renames"],
    { config },
  );
  return parseStatusV2(output);
}

/**
 * The user's tree as `git status` sees it (untracked included), plus content fingerprints.
 * `reading` is a status of `root` just read for another purpose (scope selection): taking it
 * as the baseline saves a second pass over the tree.
 */
export async function captureGitStatus(root: string, reading?: ParsedStatus): Promise<StatusCapture> {
  try {
    const status = reading ?? (await readGitStatus(root));
    const digests = await mapLimit(status.entries, HASH_CONCURRENCY, (entry) => fingerprint(root, entry));
    return {
      ok: true,
      head: status.head,
      entries: status.entries.map((entry) => entry.line),
      fingerprints: Object.fromEntries(status.entries.map((entry, i) => [entry.path, digests[i] ?? ""])),
    };
  } catch (error) {
    // A GitError already says which command failed where.
    const said = error instanceof GitError ? error.message : `git status failed in ${root}: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, reason: said };
  }
}

async function fingerprint(root: string, entry: StatusEntry): Promise<string> {
  const disk = entry.worktreeDirty ? await contentDigest(join(root, entry.path)) : "clean";
  return `${entry.indexOid ?? "-"}:${disk}`;
}

/** Digest of what is on disk at `path` without following links: content, link text, or a kind. */
async function contentDigest(path: string): Promise<string> {
  const info = await lstat(path).catch(() => null);
  if (info === null) return "absent";
  if (info.isSymbolicLink()) return `link:${await readlink(path)}`;
  if (!info.isFile()) return info.isDirectory() ? "directory" : "special";
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

import { splitNul } from "../git/nul.js";
import { runGit, tryGit } from "../git/run.js";
import type { ParsedStatus } from "../mutations/porcelain.js";
import type { Change, GitIdentity } from "./selection.js";
import { GITLINK_MODE } from "./tree-link.js";

const ZERO_OID = /^0+$/;
const oidOrNull = (oid: string | undefined): string | null => (oid === undefined || oid === "" || ZERO_OID.test(oid) ? null : oid);

/**
 * Pure: the changes in `git diff-tree` / `git diff-index` raw `-z --no-renames` output
 * (":oldmode newmode oldoid newoid status" then the path). Submodules are left out.
 */
export function parseRawDiff(output: string): Change[] {
  const records = splitNul(output);
  const changes: Change[] = [];
  for (let i = 0; i + 1 < records.length; i += 2) {
    const [oldMode = "", newMode = "", oldOid, , status = ""] = (records[i] ?? "").slice(1).split(" ");
    const path = records[i + 1] ?? "";
    if (oldMode === GITLINK_MODE || newMode === GITLINK_MODE) continue;
    const kind = status.startsWith("A") ? "added" : status.startsWith("D") ? "deleted" : "modified";
    changes.push({ path, status: kind, untracked: false, oldOid: kind === "added" ? null : oidOrNull(oldOid) });
  }
  return changes;
}

/** Pure: uncommitted changes against HEAD from a `git status --porcelain=v2` reading. */
export function statusChanges(status: ParsedStatus): Change[] {
  return status.entries.flatMap((entry): Change[] => {
    if (entry.head === null) return entry.path.endsWith("/") ? [] : [{ path: entry.path, status: "added", untracked: true, oldOid: null }];
    if (entry.head.mode === GITLINK_MODE) return [];
    const oldOid = oidOrNull(entry.head.oid);
    if (oldOid === null) return entry.xy.includes("D") ? [] : [{ path: entry.path, status: "added", untracked: false, oldOid }];
    return [{ path: entry.path, status: entry.xy.includes("D") ? "deleted" : "modified", untracked: false, oldOid }];
  });
}

export async function treeChanges(root: string, from: string, to: string): Promise<Change[]> {
  return parseRawDiff(await runGit(root, ["diff-tree", "-r", "-z", "--raw", "--no-renames", "--no-ext-diff", "--no-textconv", from, to]));
}

/** Staged changes: the index against HEAD, from objects only (`--cached` reads no files). */
export async function indexChanges(root: string, head: string): Promise<Change[]> {
  return parseRawDiff(await runGit(root, ["diff-index", "--cached", "-z", "--raw", "--no-renames", head]));
}

export async function gitIdentity(root: string): Promise<GitIdentity> {
  const [head, branch] = await Promise.all([
    tryGit(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]),
    tryGit(root, ["symbolic-ref", "--quiet", "--short", "HEAD"]),
  ]);
  return { head: head?.trim() || null, branch: branch?.trim() || null };
}

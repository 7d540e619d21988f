import { randomBytes } from "node:crypto";
import { lstat, mkdir, rename, rm, rmdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readBlobs, writeBlobsToFiles } from "../git/cat-file.js";
import { mergeDriverOverrides } from "../git/filters.js";
import { splitNul } from "../git/nul.js";
import { runGit } from "../git/run.js";
import { commitWorkingState } from "./commit-state.js";

/** One change to a file of the user's tree. */
export type FileEdit =
  | { readonly kind: "write"; readonly path: string; readonly oid: string; readonly mode: string; readonly created: boolean }
  | { readonly kind: "delete"; readonly path: string };

export type MergePlan = { readonly outcome: "clean"; readonly edits: FileEdit[] } | { readonly outcome: "conflict"; readonly files: string[] };

/** Pure: the conflicted paths `merge-tree --write-tree --name-only -z` lists after the tree id. */
export function parseMergeTree(output: string): { tree: string; conflicts: string[] } {
  const [tree = "", ...rest] = output.split("\0");
  const end = rest.indexOf("");
  return { tree, conflicts: [...new Set(end < 0 ? rest : rest.slice(0, end))] };
}

/** Pure: `diff-tree -r -z` raw output as edits of the work tree. */
export function parseRawDiff(output: string): FileEdit[] {
  const records = splitNul(output);
  const edits: FileEdit[] = [];
  for (let i = 0; i + 1 < records.length; i += 2) {
    const [srcMode = "", dstMode = "", , dstOid = "", status = ""] = (records[i] ?? "").replace(/^:/, "").split(" ");
    const path = records[i + 1] ?? "";
    // Submodules (gitlinks) are the submodule's own business, as in `git checkout`.
    if (srcMode === "160000" || dstMode === "160000") continue;
    edits.push(status === "D" ? { kind: "delete", path } : { kind: "write", path, oid: dstOid, mode: dstMode, created: status === "A" });
  }
  return edits;
}

/**
 * Three-way merge of base→result onto the user's tree as it is now (commits, staged,
 * unstaged and untracked work). The current state is committed with `base` as its parent,
 * so `merge-tree` (git 2.39 has no --merge-base) takes `base` as the merge base. Nothing
 * in the user's tree changes here.
 */
export async function planMerge(repo: string, base: string, result: string): Promise<MergePlan> {
  const current = await commitWorkingState({ root: repo, parent: base, message: "agent-companion: your tree before apply" });
  const config = await mergeDriverOverrides(repo);
  const merged = parseMergeTree(await runGit(repo, ["merge-tree", "--write-tree", "--name-only", "-z", current, result], { config, answerExitCodes: [1] }));
  if (merged.conflicts.length > 0) return { outcome: "conflict", files: merged.conflicts };
  const edits = parseRawDiff(await runGit(repo, ["diff-tree", "-r", "-z", "--no-renames", current, merged.tree]));
  // A new file must not land on one git does not see (ignored, or a withheld secret).
  const inTheWay = await Promise.all(edits.map(async (edit) => (edit.kind === "write" && edit.created && (await exists(join(repo, edit.path))) ? [edit.path] : [])));
  const blocked = inTheWay.flat();
  return blocked.length > 0 ? { outcome: "conflict", files: blocked } : { outcome: "clean", edits };
}

/** Writes the edits into the work tree: deletions first, then each file through a temporary name and a rename. */
export async function applyEdits(repo: string, edits: readonly FileEdit[]): Promise<void> {
  for (const edit of edits) {
    if (edit.kind === "delete") {
      await rm(join(repo, edit.path), { force: true });
      await removeEmptyParents(repo, edit.path);
    }
  }
  const writes = edits.flatMap((edit) => (edit.kind === "write" ? [{ ...edit, abs: join(repo, edit.path), temp: tempBeside(join(repo, edit.path)) }] : []));
  for (const write of writes) await mkdir(dirname(write.abs), { recursive: true });
  try {
    for (const [mode, fileMode] of [["100644", 0o644], ["100755", 0o755]] as const) {
      await writeBlobsToFiles(repo, writes.filter((w) => w.mode === mode).map((w) => ({ oid: w.oid, dest: w.temp })), fileMode);
    }
    const links = writes.filter((w) => w.mode === "120000");
    const targets = await readBlobs(repo, links.map((link) => link.oid));
    for (const [i, link] of links.entries()) await symlink(targets[i] ?? Buffer.alloc(0), link.temp);
    for (const write of writes) {
      // A directory the result replaces by a file is empty by now (its files were deletions).
      if ((await lstat(write.abs).catch(() => null))?.isDirectory()) await rmdir(write.abs);
      await rename(write.temp, write.abs);
    }
  } finally {
    await Promise.all(writes.map((write) => rm(write.temp, { force: true })));
  }
}

const tempBeside = (path: string): string => join(dirname(path), `.companion-apply-${randomBytes(6).toString("hex")}`);

const exists = async (path: string): Promise<boolean> => (await lstat(path).catch(() => null)) !== null;

async function removeEmptyParents(repo: string, path: string): Promise<void> {
  for (let dir = dirname(path); dir !== "." && dir !== ""; dir = dirname(dir)) {
    const removed = await rmdir(join(repo, dir)).then(
      () => true,
      () => false,
    );
    if (!removed) return;
  }
}

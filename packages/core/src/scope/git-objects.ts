import { blobSizes, readBlobs } from "../git/cat-file.js";
import { splitNul } from "../git/nul.js";
import { runGit } from "../git/run.js";
import { isUndecodable, undecodableNote, undecodableSkip } from "./file-name.js";
import { ScopeError } from "./scope-error.js";
import type { SelectedFile, Withheld } from "./selection.js";
import { GITLINK_MODE, resolveTreeLink, SYMLINK_MODE, type TreeEntry } from "./tree-link.js";

/** Pure: `git ls-files -s -z` records ("mode oid stage\tpath"). */
export function parseIndexListing(output: string): Array<TreeEntry & { stage: string }> {
  return splitNul(output).map((record) => {
    const tab = record.indexOf("\t");
    const [mode = "", oid = "", stage = ""] = record.slice(0, tab).split(" ");
    return { path: record.slice(tab + 1), mode, oid, stage, size: null };
  });
}

/** Pure: `git ls-tree -r -l -z` records ("mode type oid size\tpath", size "-" for commits). */
export function parseTreeListing(output: string): TreeEntry[] {
  return splitNul(output).map((record) => {
    const tab = record.indexOf("\t");
    const [mode = "", , oid = "", size = ""] = record.slice(0, tab).split(/ +/);
    return { path: record.slice(tab + 1), mode, oid, size: /^\d+$/.test(size) ? Number(size) : null };
  });
}

export async function indexEntries(root: string): Promise<TreeEntry[]> {
  const entries = parseIndexListing(await runGit(root, ["ls-files", "-s", "-z"]));
  const conflicted = entries.find((entry) => entry.stage !== "0");
  if (conflicted !== undefined) {
    throw new ScopeError(`the index has unresolved conflicts (${conflicted.path})`, "Resolve the conflicts and stage the result, or review the working tree.");
  }
  return entries;
}

export async function treeEntries(root: string, commit: string): Promise<TreeEntry[]> {
  return parseTreeListing(await runGit(root, ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]));
}

/**
 * The selected entries as blob-sourced files: links replaced by the in-tree file they
 * name (or a ScopeError), submodules noted and skipped, sizes asked for when unknown.
 */
export async function filesFromEntries(
  root: string,
  all: readonly TreeEntry[],
  wanted: ReadonlySet<string> | null,
): Promise<{ files: SelectedFile[]; notes: string[]; skipped: Withheld[] }> {
  const byPath = new Map(all.map((entry) => [entry.path, entry]));
  const selected = wanted === null ? all : all.filter((entry) => wanted.has(entry.path));
  const targets = await linkTargets(root, selected.some((e) => e.mode === SYMLINK_MODE) ? all : []);
  const notes: string[] = [];
  const skipped: Withheld[] = [];
  const chosen: Array<{ path: string; entry: TreeEntry }> = [];
  for (const entry of selected) {
    if (isUndecodable(entry.path)) {
      notes.push(undecodableNote(entry.path));
      skipped.push(undecodableSkip(entry.path));
    } else if (entry.mode === GITLINK_MODE) notes.push(`skipped submodule ${entry.path}`);
    else if (entry.mode !== SYMLINK_MODE) chosen.push({ path: entry.path, entry });
    else {
      const resolution = resolveTreeLink(entry.path, byPath, targets);
      if (!resolution.ok) {
        throw new ScopeError(resolution.reason, "Replace the link with a link to a regular file inside the repository, or choose another scope.");
      }
      chosen.push({ path: entry.path, entry: resolution.entry });
    }
  }
  const sizes = await knownSizes(root, chosen.map((c) => c.entry));
  const files = chosen.map(({ path, entry }, i): SelectedFile => ({ path, size: sizes[i] ?? 0, source: { kind: "blob", oid: entry.oid } }));
  return { files, notes, skipped };
}

async function linkTargets(root: string, entries: readonly TreeEntry[]): Promise<Map<string, string>> {
  const links = entries.filter((entry) => entry.mode === SYMLINK_MODE);
  const contents = await readBlobs(root, links.map((link) => link.oid));
  return new Map(links.map((link, i) => [link.path, contents[i]?.toString("utf8") ?? ""]));
}

async function knownSizes(root: string, entries: readonly TreeEntry[]): Promise<number[]> {
  const unknown = entries.flatMap((entry, i) => (entry.size === null ? [i] : []));
  const asked = await blobSizes(root, unknown.map((i) => entries[i]?.oid ?? ""));
  const sizes = entries.map((entry) => entry.size ?? 0);
  unknown.forEach((index, j) => {
    sizes[index] = asked[j] ?? 0;
  });
  return sizes;
}

import { splitNul } from "../git/nul.js";

/** One `git status --porcelain=v2 -z` record, reduced to what mutation detection needs. */
export interface StatusEntry {
  /** The porcelain v1 line for people: "XY path" ("?? path" for untracked). */
  readonly line: string;
  readonly path: string;
  /** Index blob id when git reports one (tracked changes), else null. */
  readonly indexOid: string | null;
  /** Whether the file on disk differs from the index (or is untracked). */
  readonly worktreeDirty: boolean;
  /** The HEAD side (mode, blob id) when git reports one; null for untracked files. */
  readonly head: { readonly mode: string; readonly oid: string } | null;
  /** Porcelain XY ("." for unchanged), "??" for untracked. */
  readonly xy: string;
}

export interface ParsedStatus {
  /** HEAD commit, or null before the first commit. */
  readonly head: string | null;
  /** Checked-out branch, or null when HEAD is detached. */
  readonly branch: string | null;
  readonly entries: StatusEntry[];
}

const v1 = (xy: string, path: string): string => `${xy.replaceAll(".", " ")} ${path}`;

/** Pure: parses `git status --porcelain=v2 -z --branch --no-renames` output. */
export function parseStatusV2(output: string): ParsedStatus {
  let head: string | null = null;
  let branch: string | null = null;
  const entries: StatusEntry[] = [];
  for (const record of splitNul(output)) {
    if (record.startsWith("# branch.oid ")) {
      const oid = record.slice("# branch.oid ".length);
      head = oid === "(initial)" ? null : oid;
    } else if (record.startsWith("# branch.head ")) {
      const name = record.slice("# branch.head ".length);
      branch = name === "(detached)" ? null : name;
    } else if (record.startsWith("1 ")) {
      const fields = record.split(" ");
      const xy = fields[1] ?? "..";
      const path = fields.slice(8).join(" ");
      const head = { mode: fields[3] ?? "", oid: fields[6] ?? "" };
      entries.push({ line: v1(xy, path), path, indexOid: fields[7] ?? null, worktreeDirty: xy[1] !== ".", head, xy });
    } else if (record.startsWith("u ")) {
      const fields = record.split(" ");
      const path = fields.slice(10).join(" ");
      // Stage 2 ("ours") is what HEAD holds.
      const head = { mode: fields[4] ?? "", oid: fields[8] ?? "" };
      entries.push({ line: v1(fields[1] ?? "UU", path), path, indexOid: null, worktreeDirty: true, head, xy: fields[1] ?? "UU" });
    } else if (record.startsWith("? ")) {
      const path = record.slice(2);
      entries.push({ line: `?? ${path}`, path, indexOid: null, worktreeDirty: true, head: null, xy: "??" });
    }
  }
  return { head, branch, entries };
}

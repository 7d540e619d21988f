import { splitNul } from "../git/nul.js";
import { runGit } from "../git/run.js";
import type { ChangedFile } from "../record/schema.js";

const STATUS: Readonly<Record<string, ChangedFile["status"]>> = { A: "added", D: "deleted", M: "modified", T: "modified" };

/** Pure: `diff-tree -z --name-status` and `--numstat` output joined per path (binary files count 0 lines). */
export function parseChanges(nameStatus: string, numstat: string): ChangedFile[] {
  const counts = new Map<string, [number, number]>();
  for (const line of splitNul(numstat)) {
    const match = /^([\d-]+)\t([\d-]+)\t(.*)$/s.exec(line);
    if (match) counts.set(match[3] ?? "", [Number(match[1]) || 0, Number(match[2]) || 0]);
  }
  const records = splitNul(nameStatus);
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < records.length; i += 2) {
    const path = records[i + 1] ?? "";
    const [insertions, deletions] = counts.get(path) ?? [0, 0];
    files.push({ path, status: STATUS[records[i] ?? ""] ?? "modified", insertions, deletions });
  }
  return files;
}

/** Files changed from `base` to `result`, renames reported as a deletion and an addition. */
export async function listChanges(repo: string, base: string, result: string): Promise<ChangedFile[]> {
  const diff = ["diff-tree", "-r", "-z", "--no-renames", "--no-ext-diff", "--no-textconv"];
  const [nameStatus, numstat] = await Promise.all([
    runGit(repo, [...diff, "--name-status", base, result]),
    runGit(repo, [...diff, "--numstat", base, result]),
  ]);
  return parseChanges(nameStatus, numstat);
}

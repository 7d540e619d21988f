import { splitNul } from "./nul.js";
import { tryGit } from "./run.js";

/**
 * `git status` hashes stat-dirty files through the repository's clean filters, which are
 * arbitrary commands (LFS included). In-tree .gitattributes cannot be switched off in
 * git 2.39, so every configured driver is overridden with an empty, optional one.
 */

/** Pure: driver names from `git config --name-only --get-regexp ^filter\.` -z output. */
export function filterDriverNames(output: string): string[] {
  const names = new Set<string>();
  for (const key of splitNul(output)) {
    const match = /^filter\.(.+)\.[^.]+$/s.exec(key);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return [...names];
}

/** Pure: config entries that turn each driver into a no-op (empty commands run nothing). */
export function neutralisedFilterConfig(drivers: readonly string[]): Array<[string, string]> {
  return drivers.flatMap((driver): Array<[string, string]> => [
    [`filter.${driver}.clean`, ""],
    [`filter.${driver}.smudge`, ""],
    [`filter.${driver}.process`, ""],
    [`filter.${driver}.required`, "false"],
  ]);
}

export async function filterOverrides(root: string): Promise<Array<[string, string]>> {
  const out = await tryGit(root, ["config", "-z", "--name-only", "--get-regexp", "^filter\\."]);
  return neutralisedFilterConfig(filterDriverNames(out ?? ""));
}

/** Pure: driver names from `git config --name-only --get-regexp ^merge\..*\.driver$` -z output. */
export function mergeDriverNames(output: string): string[] {
  return splitNul(output).flatMap((key) => /^merge\.(.+)\.driver$/s.exec(key)?.[1] ?? []);
}

/**
 * A merge driver is an arbitrary command picked by in-tree .gitattributes. Each configured
 * one is replaced by `false`, which runs nothing and makes git report a conflict instead.
 */
export async function mergeDriverOverrides(root: string): Promise<Array<[string, string]>> {
  const out = await tryGit(root, ["config", "-z", "--name-only", "--get-regexp", "^merge\\..*\\.driver$"]);
  return mergeDriverNames(out ?? "").map((driver): [string, string] => [`merge.${driver}.driver`, "false"]);
}

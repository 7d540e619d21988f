import { secretByName } from "../secrets/names.js";
import { ScopeError } from "./scope-error.js";
import type { SelectedFile, Withheld } from "./selection.js";

export interface NameScreen {
  readonly files: SelectedFile[];
  readonly withheld: Withheld[];
  /** The --include-secret paths, all of them picked files. */
  readonly included: string[];
}

/**
 * Pure: the picked files less those whose names mark them as secrets, unless the user named
 * them with --include-secret. Naming a file the scope did not pick is an error: a typo must
 * not pass for consent that was never used.
 */
export function withholdByName(files: readonly SelectedFile[], include: readonly string[]): NameScreen {
  const picked = new Set(files.map((file) => file.path));
  for (const path of include) {
    if (!picked.has(path)) {
      throw new ScopeError(
        `--include-secret ${path} names no file of this review's selection`,
        "Give the exact path of a file the review selects or withholds (see `preflight`); an ignored file also needs --mode custom-review --paths PATH.",
      );
    }
  }
  const included = new Set(include);
  const kept: SelectedFile[] = [];
  const withheld: Withheld[] = [];
  for (const file of files) {
    const reason = included.has(file.path) ? null : secretByName(file.path);
    if (reason === null) kept.push(file);
    else withheld.push({ path: file.path, reason });
  }
  return { files: kept, withheld, included: [...included] };
}

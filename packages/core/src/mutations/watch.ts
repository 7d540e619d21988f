import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Mutation } from "../record/schema.js";
import type { ParsedStatus } from "./porcelain.js";
import { captureGitStatus } from "./capture.js";
import { detectionFailures, diffMutations } from "./diff.js";
import { captureListing, diffListings } from "./listing.js";

/** A baseline of the user's tree, taken before the target starts. */
export interface TreeWatch {
  /** What changed since the baseline; a failure to tell is itself listed. */
  changes(): Promise<Mutation[]>;
}

/**
 * Watches the user's tree for a review (SPEC §9): `git status` inside a repository, else a
 * listing of the tree. The method is chosen once, so a repository the target creates
 * (`git init`) shows up as new files instead of switching methods midway. `skip` leaves out
 * directories the companion itself writes to (its state directory inside the tree).
 * `gitStatus`, a status of `root` read moments ago (by scope selection), is taken as the
 * baseline instead of reading another.
 */
export async function watchTree(root: string, options: { skip?: readonly string[]; gitStatus?: ParsedStatus } = {}): Promise<TreeWatch> {
  if (options.gitStatus !== undefined || existsSync(join(root, ".git"))) {
    const before = await captureGitStatus(root, options.gitStatus);
    return { changes: async () => diffMutations(before, await captureGitStatus(root)) };
  }
  const before = await captureListing(root, options);
  return {
    changes: async () => {
      const after = await captureListing(root, options);
      return before.ok && after.ok ? diffListings(before.entries, after.entries) : detectionFailures(before, after);
    },
  };
}

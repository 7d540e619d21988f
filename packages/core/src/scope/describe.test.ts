import { describe, expect, it } from "vitest";
import { auditOf, describeSelection } from "./describe.js";
import { makeSelection } from "./selection.js";

const selection = makeSelection(
  {
    root: "/r",
    scope: "branch-diff",
    base: "main",
    mergeBase: "m",
    notes: ["skipped submodule s"],
    withheld: [{ path: ".env", reason: "secret file name (.env)" }],
    included: [],
    changes: [],
    git: { head: "h", branch: "feature" },
  },
  [
    { path: "b", size: 2, source: { kind: "blob", oid: "1".repeat(40) } },
    { path: "a", size: 3, source: { kind: "worktree", absPath: "/r/a" } },
  ],
);
const screen = {
  files: [
    { path: "a", bytes: 3, sha256: "aa" },
    { path: "b", bytes: 2, sha256: "bb" },
  ],
  withheld: [
    { path: ".env", reason: "secret file name (.env)" },
    { path: "c", reason: "secret content: GitHub token (line 1)" },
  ],
};

describe("describeSelection and auditOf", () => {
  it("list the screened files with hashes, what was withheld, totals and the git identity", () => {
    const described = describeSelection(selection, screen);
    expect(described).toEqual({
      files: [
        { path: "a", bytes: 3, sha256: "aa" },
        { path: "b", bytes: 2, sha256: "bb" },
      ],
      file_count: 2,
      byte_count: 5,
      excluded: screen.withheld,
      totals: { files: 2, bytes: 5, excluded: 2 },
      git: { head: "h", branch: "feature", base_ref: "main", merge_base: "m" },
      scope: "branch-diff",
      base: "main",
      root: "/r",
      notes: ["skipped submodule s"],
    });
    const audit = auditOf(selection, screen, "p".repeat(64));
    expect(audit).toMatchObject({ files: described.files, excluded: described.excluded, totals: described.totals, git: described.git, prompt_sha256: "p".repeat(64) });
    expect(auditOf({ ...selection, git: null }, screen, null).git).toBeNull();
  });
});

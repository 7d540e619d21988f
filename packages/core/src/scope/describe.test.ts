import { describe, expect, it } from "vitest";
import { describeSelection } from "./describe.js";
import { makeSelection } from "./selection.js";

describe("describeSelection", () => {
  it("lists what preflight prints, sorted, with totals", () => {
    const selection = makeSelection({ root: "/r", scope: "branch-diff", base: "main", mergeBase: "m", notes: ["skipped submodule s"] }, [
      { path: "b", size: 2, source: { kind: "blob", oid: "1".repeat(40) } },
      { path: "a", size: 3, source: { kind: "worktree", absPath: "/r/a" } },
    ]);
    expect(describeSelection(selection)).toEqual({
      files: [
        { path: "a", bytes: 3 },
        { path: "b", bytes: 2 },
      ],
      file_count: 2,
      byte_count: 5,
      scope: "branch-diff",
      base: "main",
      root: "/r",
      notes: ["skipped submodule s"],
    });
  });
});

import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./diff.js";

describe("unifiedDiff", () => {
  it("writes a git-style diff with context", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\n";
    const after = "a\nb\nc\nD\ne\nf\ng\n";
    expect(unifiedDiff("src/x.ts", before, after)).toBe(["--- a/src/x.ts", "+++ b/src/x.ts", "@@ -1,7 +1,7 @@", " a", " b", " c", "-d", "+D", " e", " f", " g"].join("\n"));
  });

  it("shows a deletion against /dev/null and marks a missing final newline", () => {
    expect(unifiedDiff("gone.txt", "x\ny\n", null)).toBe(["--- a/gone.txt", "+++ /dev/null", "@@ -1,2 +0,0 @@", "-x", "-y"].join("\n"));
    expect(unifiedDiff("n.txt", "x\n", "x")).toContain("\\ No newline at end of file");
  });

  it("is empty of hunks when nothing changed", () => {
    expect(unifiedDiff("same.txt", "x\n", "x\n")).toBe("--- a/same.txt\n+++ b/same.txt");
  });

  it("gives up (null) on a change too large to compute cheaply", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join("\n");
    const after = Array.from({ length: 3000 }, (_, i) => `other ${i}`).join("\n");
    expect(unifiedDiff("big.txt", before, after)).toBeNull();
  });
});

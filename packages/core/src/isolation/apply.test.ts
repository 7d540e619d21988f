import { describe, expect, it } from "vitest";
import { sampleRecord } from "../test-support/records.js";
import { applicability } from "./apply.js";

const changes = { base_commit: "a".repeat(40), result_commit: "b".repeat(40), files: [] };
const refusal = (overrides: Parameters<typeof sampleRecord>[0]) => {
  const check = applicability(sampleRecord(overrides), "companion-claude");
  return check.outcome === "refused" ? check.error.code : null;
};

describe("applicability", () => {
  it("accepts a finished isolated job whose work was committed, whatever its status", () => {
    for (const status of ["completed", "failed", "cancelled", "stale"] as const) {
      expect(applicability(sampleRecord({ status, containment: "worktree", changes }), "companion-claude")).toEqual({ outcome: "applicable", base: changes.base_commit, result: changes.result_commit });
    }
  });

  it("refuses active, non-isolated, uncaptured and already applied jobs", () => {
    expect(refusal({ status: "running", containment: "worktree", changes })).toBe("not_terminal");
    expect(refusal({ status: "queued", containment: "worktree", changes: null })).toBe("not_terminal");
    expect(refusal({ status: "completed", containment: "none", changes: null })).toBe("not_applicable");
    expect(refusal({ status: "completed", containment: "snapshot", changes: null })).toBe("not_applicable");
    expect(refusal({ status: "stale", containment: "worktree", changes: { ...changes, result_commit: null } })).toBe("not_applicable");
    expect(refusal({ status: "completed", containment: "worktree", changes, applied_at: "2026-12-02T00:00:00.000Z" })).toBe("already_applied");
  });
});

import { describe, expect, it } from "vitest";
import { Mode } from "../record/schema.js";
import { MODE_PROFILES } from "./profiles.js";

describe("MODE_PROFILES (SPEC §5)", () => {
  it("has a row for every mode", () => {
    expect(Object.keys(MODE_PROFILES).sort()).toEqual([...Mode.options].sort());
  });

  it("keeps reviews read-only, contained, stripped and mutation-checked", () => {
    for (const mode of ["review", "adversarial-review", "custom-review"] as const) {
      expect(MODE_PROFILES[mode]).toMatchObject({
        access: "read-only",
        containment: "snapshot",
        stripProjectContext: true,
        defaultTimeoutS: 900,
        structuredOutputAllowed: true,
        detectMutations: true,
      });
    }
    expect(MODE_PROFILES.review.scope).toBe("working-tree");
    expect(MODE_PROFILES["adversarial-review"].scope).toBe("branch-diff");
    expect(MODE_PROFILES["custom-review"].scope).toBe("custom");
  });

  it("lets rescue write on the live tree for up to an hour", () => {
    expect(MODE_PROFILES.rescue).toMatchObject({
      access: "write",
      scope: "working-tree",
      containment: "none",
      stripProjectContext: false,
      defaultTimeoutS: 3600,
      structuredOutputAllowed: false,
      detectMutations: false,
    });
  });
});

import { describe, expect, it } from "vitest";
import { MODE_PROFILES } from "./profiles.js";
import { resolveScope } from "./overrides.js";

describe("resolveScope", () => {
  it("uses the profile's defaults", () => {
    expect(resolveScope(MODE_PROFILES.review, { paths: [] })).toEqual({ scope: "working-tree", containment: "snapshot", base: null, paths: [] });
    expect(resolveScope(MODE_PROFILES["adversarial-review"], { paths: [], base: "develop" }).base).toBe("develop");
  });

  it("--isolate (or --containment worktree) moves a rescue into a worktree, recording --with-ignored as its paths", () => {
    expect(resolveScope(MODE_PROFILES.rescue, { isolate: true, withIgnored: ["node_modules", ".venv"], paths: [] })).toEqual({
      scope: "working-tree",
      containment: "worktree",
      base: null,
      paths: ["node_modules", ".venv"],
    });
    expect(resolveScope(MODE_PROFILES.rescue, { containment: "worktree", paths: [] }).containment).toBe("worktree");
  });

  it("lets a review pick another scope", () => {
    expect(resolveScope(MODE_PROFILES.review, { scope: "staged", paths: [] }).scope).toBe("staged");
  });

  it.each([
    ["a review without containment", MODE_PROFILES.review, { containment: "none" as const, paths: [] }],
    ["rescue in a snapshot", MODE_PROFILES.rescue, { containment: "snapshot" as const, paths: [] }],
    ["rescue on another scope", MODE_PROFILES.rescue, { scope: "head" as const, paths: [] }],
    ["custom without globs", MODE_PROFILES["custom-review"], { paths: [] }],
    ["globs outside custom", MODE_PROFILES.review, { paths: ["*.ts"] }],
    ["--base outside branch-diff", MODE_PROFILES.review, { base: "main", paths: [] }],
    ["--isolate for a review", MODE_PROFILES.review, { isolate: true, paths: [] }],
    ["worktree containment for a review", MODE_PROFILES["custom-review"], { containment: "worktree" as const, paths: ["*.ts"] }],
    ["--isolate with --containment none", MODE_PROFILES.rescue, { isolate: true, containment: "none" as const, paths: [] }],
    ["--with-ignored without --isolate", MODE_PROFILES.rescue, { withIgnored: ["node_modules"], paths: [] }],
    ["an option-shaped --with-ignored glob", MODE_PROFILES.rescue, { isolate: true, withIgnored: ["-x"], paths: [] }],
    ["--paths with --isolate", MODE_PROFILES.rescue, { isolate: true, paths: ["*.ts"] }],
  ])("rejects %s", (_name, profile, overrides) => {
    expect(() => resolveScope(profile, overrides)).toThrow(expect.objectContaining({ code: "usage_error" }));
  });
});

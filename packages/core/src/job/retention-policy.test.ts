import { describe, expect, it } from "vitest";
import { CompanionError } from "../errors/companion-error.js";
import { retentionPolicy } from "./retention-policy.js";

describe("retentionPolicy", () => {
  it("reads COMPANION_TTL (seconds) and COMPANION_MAX_JOBS, with defaults when unset", () => {
    expect(retentionPolicy({ COMPANION_TTL: "60", COMPANION_MAX_JOBS: "3" })).toEqual({ ttlMs: 60_000, maxJobs: 3 });
    expect(retentionPolicy({ COMPANION_TTL: "0.5", COMPANION_MAX_JOBS: "0" })).toEqual({ ttlMs: 500, maxJobs: 0 });
    expect(retentionPolicy({})).toEqual({ ttlMs: 7 * 86_400_000, maxJobs: 500 });
    expect(retentionPolicy({ COMPANION_TTL: "", COMPANION_MAX_JOBS: "" })).toEqual({ ttlMs: 7 * 86_400_000, maxJobs: 500 });
  });

  it.each([
    ["COMPANION_TTL", "abc"],
    ["COMPANION_TTL", "-1"],
    ["COMPANION_TTL", "0"],
    ["COMPANION_TTL", "1e3"],
    ["COMPANION_MAX_JOBS", "-1"],
    ["COMPANION_MAX_JOBS", "x"],
    ["COMPANION_MAX_JOBS", "2.5"],
  ])("refuses %s=%s as a usage error naming the variable", (name, value) => {
    let thrown: unknown;
    try {
      retentionPolicy({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CompanionError);
    expect(thrown).toMatchObject({ code: "usage_error", exitCode: 2 });
    expect((thrown as Error).message).toContain(name);
    expect((thrown as Error).message).toContain(JSON.stringify(value));
  });
});

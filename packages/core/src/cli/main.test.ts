import { afterEach, describe, expect, it, vi } from "vitest";
import type { TargetFacts } from "../adapter/adapter.js";
import { READ_ONLY_COMMANDS } from "./read-only-commands.js";
import { runCli } from "./main.js";

const target = { name: "claude", displayName: "Claude Code" } as TargetFacts;
const environment = {
  version: "0.0.0",
  binPath: "/nonexistent",
  loadAdapter: () => Promise.reject(new Error("not needed")),
  commands: READ_ONLY_COMMANDS,
  env: { COMPANION_STATE_DIR: "/nonexistent-state" },
};

describe("runCli with a partial command table", () => {
  afterEach(() => vi.restoreAllMocks());

  it("refuses a command its entry point does not carry, as a usage error", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await runCli(target, ["prune"], environment)).toBe(2);
    expect(JSON.parse(String(stdout.mock.calls[0]?.[0]))).toMatchObject({ ok: false, error: "usage_error" });
  });

  it("runs the ones it carries", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    // A well-formed id that does not exist: the status command ran and answered not_found
    // (exit 1 alone would also be a crash).
    expect(await runCli(target, ["status", "--job", "3f1c2a9e-0000-4000-8000-000000000000"], environment)).toBe(1);
    expect(JSON.parse(String(stdout.mock.calls[0]?.[0]))).toMatchObject({
      ok: false,
      error: "not_found",
      message: expect.stringContaining("3f1c2a9e-0000-4000-8000-000000000000") as unknown,
    });
  });
});

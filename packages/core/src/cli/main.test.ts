import { afterEach, describe, expect, it, vi } from "vitest";
import type { TargetFacts } from "../adapter/adapter.js";
import { READ_ONLY_OPERATIONS } from "../commands/read-only-operations.js";
import { runCli } from "./main.js";
import { writeStderr, writeStdout } from "./stdio.js";

vi.mock("./stdio.js", () => ({ writeStdout: vi.fn(), writeStderr: vi.fn() }));

const target = { name: "claude", displayName: "Claude Code", binaryEnvVar: "CLAUDE_BINARY" } as TargetFacts;
const environment = {
  version: "0.0.0",
  binPath: "/nonexistent",
  loadAdapter: () => Promise.reject(new Error("not needed")),
  operations: READ_ONLY_OPERATIONS,
  env: { COMPANION_STATE_DIR: "/nonexistent-state" },
};

const capture = () => {
  vi.mocked(writeStdout).mockClear();
  vi.mocked(writeStderr).mockClear();
  return { stdout: vi.mocked(writeStdout), stderr: vi.mocked(writeStderr) };
};
const written = (spy: ReturnType<typeof capture>["stdout"]): string => spy.mock.calls.map((call) => String(call[0])).join("");

describe("runCli", () => {
  afterEach(() => vi.restoreAllMocks());

  it("refuses a command its entry point does not carry, as a usage error envelope", async () => {
    const out = capture();
    expect(await runCli(target, ["prune"], environment)).toBe(2);
    expect(JSON.parse(written(out.stdout))).toMatchObject({ ok: false, error: "usage_error", message: '"prune" is not available from this entry point.' });
  });

  it("runs the ones it carries: status of an unknown id answers not_found", async () => {
    const out = capture();
    expect(await runCli(target, ["status", "--job", "3f1c2a9e-0000-4000-8000-000000000000"], environment)).toBe(1);
    expect(JSON.parse(written(out.stdout))).toMatchObject({ ok: false, error: "not_found" });
  });

  it("suggests the nearest command for a misspelt one", async () => {
    const out = capture();
    expect(await runCli(target, ["stauts"], environment)).toBe(2);
    expect(JSON.parse(written(out.stdout))).toMatchObject({ error: "usage_error", message: 'unknown command "stauts"; did you mean status?' });
  });

  it("prints an error once with --human: one line on stderr, nothing on stdout", async () => {
    const out = capture();
    expect(await runCli(target, ["status", "--job", "nope", "--human"], environment)).toBe(2);
    expect(written(out.stdout)).toBe("");
    expect(written(out.stderr).trim().split("\n")).toHaveLength(1);
    expect(written(out.stderr)).toMatch(/^error: /);
  });

  it("prints the JSON envelope on stdout and one readable line on stderr without --human", async () => {
    const out = capture();
    expect(await runCli(target, ["status", "--job", "nope"], environment)).toBe(2);
    expect(JSON.parse(written(out.stdout))).toMatchObject({ ok: false, error: "usage_error" });
    expect(written(out.stderr).trim().split("\n")).toHaveLength(1);
  });

  it("prints help derived from the table, for a command and for the bin", async () => {
    const out = capture();
    expect(await runCli(target, ["wait", "--help"], environment)).toBe(0);
    expect(await runCli(target, ["--help"], environment)).toBe(0);
    const text = written(out.stdout);
    expect(text).toContain("Usage: companion-claude wait --job ID [--timeout SEC]");
    expect(text).toMatch(/--job ID\s+the job to wait for \[required\]/);
    expect(text).toMatch(/\n {2}mcp\s+Serve the commands as MCP tools/);
    expect(text).not.toContain("__worker");
  });
});

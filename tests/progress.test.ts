import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";

const STATUS_LINE = /^\[[0-9a-f]{8}\] \d+:\d\d · (queued|running) · \d+ events? · \d+ tool calls?( · .+)?$/;
const SLOW = { MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "5000" };

const statusLines = (stderr: string): string[] => stderr.split("\n").filter((line) => line.startsWith("["));

describe.each(TARGETS)("%s progress on stderr", (target) => {
  let h: Harness;
  let work: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("a foreground run off a terminal prints a status line per change on stderr and only the record on stdout", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "take a while"], { env: SLOW });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "completed" });
    expect(run.stdout.trimStart().startsWith("{")).toBe(true);
    const lines = statusLines(run.stderr);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(STATUS_LINE);
    expect(run.stderr).not.toContain("\r");
    // Off a terminal a line is written only when the job's state changed.
    const states = lines.map((line) => line.replace(/^\S+ \S+ · /, ""));
    expect(new Set(states).size).toBe(states.length);
  });

  it("wait prints the same status lines while a background job runs", async () => {
    const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", work, "take a while"], { env: SLOW });
    const waited = await h.run(["wait", "--job", String(launched.json.job_id), "--timeout", "120"]);
    expect(waited.json).toMatchObject({ status: "completed" });
    const lines = statusLines(waited.stderr);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(STATUS_LINE);
  });

  it("a run faster than the progress throttle ends with its last progress, not the first throttled write", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "quick"]);
    const record = run.json as { status: string; progress: { events: number; last_text: string | null } };
    expect(record.status).toBe("completed");
    expect(record.progress.last_text).toContain("VERDICT: APPROVE");
    expect(record.progress.events).toBeGreaterThan(1);
  });

  it("streamed text counts as progress, and the final answer is the whole answer", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "take a while"], { env: SLOW });
    const record = run.json as { progress: { events: number; last_text: string }; result: string };
    expect(record.result).toMatch(/^No blocking issues found\. VERDICT: APPROVE/);
    expect(record.progress.last_text).toContain("VERDICT: APPROVE");
    if (target === "claude") {
      const calls = (await readFile(join(h.dir, "mock-log.jsonl"), "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as { argv: string[] });
      expect(calls.at(-1)?.argv).toContain("--include-partial-messages");
      // init, four messages and the result are 6 lines; their text deltas add the rest.
      expect(record.progress.events).toBeGreaterThan(20);
    } else {
      expect(record.progress.events).toBeGreaterThanOrEqual(6);
    }
  });
});

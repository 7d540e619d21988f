import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "./support/companion.js";

interface Timings {
  prepare_ms: number | null;
  target_ms: number | null;
  finalize_ms: number | null;
  total_ms: number | null;
}

const timingsOf = (record: Record<string, unknown>): Timings => record.timings as Timings;
const elapsedMs = (record: Record<string, unknown>): number => Date.parse(String(record.ended_at)) - Date.parse(String(record.created_at));

/** Every phase measured, and together they are the job's whole time from creation to its terminal record. */
function expectAllPhases(record: Record<string, unknown>): void {
  const timings = timingsOf(record);
  for (const phase of ["prepare_ms", "target_ms", "finalize_ms", "total_ms"] as const) expect(timings[phase], phase).toEqual(expect.any(Number));
  expect(timings.total_ms).toBe(elapsedMs(record));
  expect((timings.prepare_ms ?? 0) + (timings.target_ms ?? 0) + (timings.finalize_ms ?? 0)).toBe(timings.total_ms);
}

describe("timings in the record show where a job's time went", () => {
  let h: Harness;
  let work: string;
  beforeEach(async () => {
    h = await Harness.create("claude");
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("a foreground review records preparation, target and finalization", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", work, "look"], { env: { MOCK_CLI_DELAY_MS: "300" } });
    expect(run.json.status).toBe("completed");
    expectAllPhases(run.json);
    expect(timingsOf(run.json).target_ms).toBeGreaterThanOrEqual(300);
  });

  it("a background job records them too, preparation counted from the launch", async () => {
    const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", work, "do it"]);
    const waited = await h.run(["wait", "--job", String(launched.json.job_id), "--timeout", "60"]);
    expect(waited.json.status).toBe("completed");
    expectAllPhases(waited.json);
  });

  it("a job that fails before its target starts spends all its time in preparation", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--auth-mode", "api_key", "--cwd", work, "do it"]);
    expect(run.json).toMatchObject({ status: "failed", error_code: "not_authed" });
    expect(timingsOf(run.json)).toEqual({ prepare_ms: elapsedMs(run.json), target_ms: null, finalize_ms: null, total_ms: elapsedMs(run.json) });
  });

  it("a target that fails still has every phase measured", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "do it"], { env: { MOCK_CLI_SCENARIO: "crash" } });
    expect(run.json.status).toBe("failed");
    expectAllPhases(run.json);
  });
});

import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, binOf, eventually, isAlive } from "./support/companion.js";
import { readRecord } from "./support/store.js";

describe.each(TARGETS)("%s foreground run interrupted with Ctrl-C", (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create(target, { MOCK_CLI_SCENARIO: "hang" });
  });
  afterEach(() => h.cleanup());

  it("cancels the job, stops the target and prints the cancelled record", async () => {
    const run = execa(process.execPath, [binOf(target), "run", "--mode", "rescue", "--cwd", h.dir, "work"], { env: h.env, extendEnv: false, reject: false, stdin: "ignore" });
    const jobsDir = join(h.stateDir, target, "jobs");
    const running = await eventually(async () => {
      const [jobId] = await readdir(jobsDir).catch(() => []);
      if (!jobId) return null;
      // The job's directory exists a moment before its first record is renamed into it.
      const record = await readRecord(h.stateDir, target, jobId).catch(() => null);
      return record?.status === "running" && record.pid_info && (record.progress as { events: number }).events >= 1 ? record : null;
    });
    run.kill("SIGINT");
    const result = await run;
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(String(result.stdout))).toMatchObject({ job_id: running.job_id, status: "cancelled" });
    expect(isAlive((running.pid_info as { pid: number }).pid)).toBe(false);
    expect(await readRecord(h.stateDir, target, String(running.job_id))).toMatchObject({ status: "cancelled" });
  });
});

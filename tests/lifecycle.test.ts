import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, eventually, isAlive } from "./support/companion.js";
import { readRecord } from "./support/store.js";

interface MockCall {
  argv: string[];
  cwd: string;
  stdin: string;
}

const mockCalls = async (h: Harness): Promise<MockCall[]> => {
  const text = await readFile(join(h.dir, "mock-log.jsonl"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as MockCall).filter((call) => !call.argv.includes("--help") && !call.argv.includes("--version"));
};

describe.each(TARGETS)("%s job lifecycle through the bin", (target) => {
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

  it("runs a foreground rescue and prints the completed record, also stored on disk", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "--", "fix", "the", "test"]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", target, mode: "rescue", cwd: work, prompt_head: "fix the test" });
    expect(typeof run.json.result).toBe("string");
    expect(run.json.target_session_id).toMatch(/[0-9a-f-]{36}/);
    expect(run.json.target_session_id).not.toBe(run.json.job_id);
    expect(await readRecord(h.stateDir, target, String(run.json.job_id))).toEqual(run.json);
    const [call] = await mockCalls(h);
    expect(call?.cwd).toBe(work);
    expect(call?.stdin).toContain("fix the test");
    expect(call?.argv.join(" ")).not.toContain("fix the test");
  });

  it("runs a foreground review on a snapshot, not in the user's tree", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", work, "focus on naming"]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", mode: "review", containment: "snapshot", snapshot_path: null });
    const [call] = await mockCalls(h);
    expect(call?.cwd).not.toBe(work);
    expect(call?.stdin).toContain("export const answer = 42;");
    expect(call?.stdin).toContain("focus on naming");
  });

  it("backgrounds a job, then status from another cwd, wait and result collect it", async () => {
    const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", work, "do it"], { env: { MOCK_CLI_DELAY_MS: "500" } });
    expect(launched.exitCode).toBe(0);
    expect(launched.json).toMatchObject({ event: "launched", target, mode: "rescue", workspace_root: work, status: "queued" });
    const jobId = String(launched.json.job_id);

    const elsewhere = await h.run(["status", "--job", jobId], { cwd: tmpdir() });
    expect(elsewhere.exitCode).toBe(0);
    expect(elsewhere.json.job_id).toBe(jobId);

    const waited = await h.run(["wait", "--job", jobId, "--timeout", "30"]);
    expect(waited.exitCode).toBe(0);
    expect(waited.json).toMatchObject({ job_id: jobId, status: "completed", background: true });

    const listed = await h.run(["status", "--cwd", work]);
    expect((listed.json.jobs as { job_id: string }[]).map((job) => job.job_id)).toEqual([jobId]);

    const result = await h.run(["result", "--job", jobId]);
    expect(result.exitCode).toBe(0);
    expect(result.json.collected_at).toEqual(expect.any(String));
  });

  it("wait --timeout exits 124 while the job is still active", async () => {
    const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", work, "slow"], { env: { MOCK_CLI_SCENARIO: "hang" } });
    const jobId = String(launched.json.job_id);
    const waited = await h.run(["wait", "--job", jobId, "--timeout", "1"]);
    expect(waited.exitCode).toBe(124);
    expect(waited.stderr).toContain(jobId.slice(0, 8));
    expect(["queued", "running"]).toContain(waited.json.status);
    const cancelled = await h.run(["cancel", "--job", jobId]);
    expect(cancelled.json.ok).toBe(true);
  });

  it("continue resumes the prior target session with read-only flags re-applied", async () => {
    const first = await h.run(["run", "--mode", "review", "--cwd", work, "first look"]);
    expect(first.exitCode).toBe(0);
    const session = String(first.json.target_session_id);
    const next = await h.run(["continue", "--job", String(first.json.job_id), "and", "the", "tests?"]);
    expect(next.exitCode).toBe(0);
    expect(next.json).toMatchObject({ parent_job_id: first.json.job_id, resume_chain: [session], mode: "review" });
    const calls = await mockCalls(h);
    expect(calls).toHaveLength(2);
    const [firstCall, resumed] = calls as [MockCall, MockCall];
    const argv = resumed.argv.join(" ");
    expect(argv).toContain(session);
    expect(argv).toMatch(/--resume/);
    expect(resumed.cwd).toBe(firstCall.cwd);
    if (target === "claude") {
      expect(argv).toContain("--tools=Read,Grep,Glob");
      expect(argv).toMatch(/--permission-mode[= ]default/);
    } else {
      expect(argv).toContain("--approval-mode plan");
      expect(argv).toContain("--policy");
    }
  });

  it("times out a target that outlives --timeout and records error_code timeout", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--timeout", "1", "--cwd", work, "hang"], { env: { MOCK_CLI_SCENARIO: "hang" } });
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "timeout", signal: "SIGTERM" });
    expect(run.json.suggested_action).toEqual(expect.any(String));
    // The run has returned, so the target must already be gone, not left running.
    expect(isAlive((run.json.pid_info as { pid: number }).pid)).toBe(false);
  });

  it.each([
    ["auth", "not_authed"],
    ["rate-limit", "rate_limited"],
    ["quota", "usage_limited"],
    ["unknown-model", "model_not_found"],
    ["garbage", "parse_error"],
  ])("classifies a %s failure as %s", async (scenario, code) => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "x"], { env: { MOCK_CLI_SCENARIO: scenario } });
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: code });
    expect(run.json.suggested_action).toEqual(expect.any(String));
  });

  it("reports a missing target binary as binary_not_found", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "x"], { env: { [target === "claude" ? "CLAUDE_BINARY" : "GEMINI_BINARY"]: join(work, "nope") } });
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "binary_not_found" });
  });

  it("usage errors exit 2 with the error envelope and a stderr line", async () => {
    for (const args of [["run", "--mode", "review", "--bogus"], ["run", "--mode", "nope"], ["status", "--job", "../../etc"], ["run"], ["frobnicate"], ["run", "--mode", "adversarial-review", "--base", "-x"]]) {
      const run = await h.run(args);
      expect(run.exitCode, args.join(" ")).toBe(2);
      expect(run.json).toMatchObject({ ok: false, error: "usage_error" });
      expect(run.stderr).toMatch(/error:/);
    }
  });

  it("prints --human text for status, result and wait", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "x"]);
    const jobId = String(run.json.job_id);
    for (const args of [["status", "--job", jobId], ["result", "--job", jobId], ["wait", "--job", jobId], ["status", "--cwd", work]]) {
      const human = await h.run([...args, "--human"]);
      expect(human.exitCode).toBe(0);
      expect(human.stdout).toContain(jobId);
      expect(() => JSON.parse(human.stdout)).toThrow();
    }
  });

  it("every command has --help", async () => {
    for (const command of ["run", "continue", "status", "result", "wait", "cancel", "preflight", "doctor", "prune"]) {
      const help = await h.run([command, "--help"]);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toContain(`companion-${target} ${command}`);
    }
  });

  it("result of an unknown job is not_found (exit 1)", async () => {
    const run = await h.run(["result", "--job", "3f1c2a9e-0000-4000-8000-000000000000"]);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ ok: false, error: "not_found" });
  });

  it("a background job finishes with nobody waiting and records its worker identity", async () => {
    const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", work, "x"]);
    const jobId = String(launched.json.job_id);
    const record = await eventually(async () => {
      const current = await readRecord(h.stateDir, target, jobId);
      return current.status === "completed" ? current : null;
    });
    expect(record.worker_pid_info).toEqual(expect.objectContaining({ pid: expect.any(Number) }));
  });
});

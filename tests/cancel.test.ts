import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, eventually, isAlive } from "./support/companion.js";
import { type Json, forgeActiveRecord, readRecord, updateRecord } from "./support/store.js";

const NO_SUCH_PID = 4_194_000;

describe.each(TARGETS)("%s cancel (SPEC §7.2)", (target) => {
  let h: Harness;
  let work: string;
  const pids: number[] = [];
  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
  });
  afterEach(async () => {
    for (const pid of pids.splice(0)) if (isAlive(pid)) process.kill(pid, "SIGKILL");
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  /** Starts a background job and waits until its target runs, identified, and has spoken. */
  async function runningJob(scenario: string): Promise<{ jobId: string; pid: number; record: Json }> {
    const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", work, "work"], { env: { MOCK_CLI_SCENARIO: scenario } });
    expect(launched.exitCode).toBe(0);
    const jobId = String(launched.json.job_id);
    const record = await eventually(async () => {
      const current = await readRecord(h.stateDir, target, jobId);
      if (!["queued", "running"].includes(String(current.status))) throw new Error(`job ended before it ran: ${JSON.stringify(current)}`);
      return current.status === "running" && current.pid_info ? current : null;
    }, 45_000);
    const pid = (record.pid_info as { pid: number }).pid;
    pids.push(pid);
    // The target's first event is recorded only once it has started up (and set its traps).
    await eventually(async () => ((await readRecord(h.stateDir, target, jobId)).progress as { events: number }).events >= 1);
    return { jobId, pid, record };
  }

  /** Rewrites a live job's pid_info under the record lock, so no later worker write reverts it. */
  async function tamperPidInfo(jobId: string, patch: Json): Promise<void> {
    await updateRecord(h.stateDir, target, jobId, (current) => ({ ...current, pid_info: { ...(current.pid_info as Json), ...patch } }));
  }

  async function completedTemplate(): Promise<Json> {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "template"]);
    expect(run.exitCode).toBe(0);
    return run.json;
  }

  it("no such job: error not_found, exit 1", async () => {
    const run = await h.run(["cancel", "--job", "3f1c2a9e-0000-4000-8000-000000000000"]);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ ok: false, outcome: "not_found" });
  });

  it("already terminal: already_terminal with job_status, exit 0", async () => {
    const done = await completedTemplate();
    const run = await h.run(["cancel", "--job", String(done.job_id)]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ ok: true, outcome: "already_terminal", job_status: "completed" });
  });

  it("running, identity verified: SIGTERM, the job ends cancelled and the process is gone", async () => {
    const { jobId, pid } = await runningJob("hang");
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ ok: true, outcome: "signaled", signal: "SIGTERM", job_status: "cancelled" });
    expect(isAlive(pid)).toBe(false);
    expect(await readRecord(h.stateDir, target, jobId)).toMatchObject({ status: "cancelled" });
    expect(existsSync(join(h.stateDir, target, "jobs", jobId, "cancel-requested"))).toBe(false);
  });

  it("a target that traps SIGTERM and exits 0 with valid output still ends cancelled", async () => {
    const { jobId } = await runningJob("trap-term");
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.json).toMatchObject({ outcome: "signaled", job_status: "cancelled" });
    const record = await readRecord(h.stateDir, target, jobId);
    expect(record.status).toBe("cancelled");
    expect(record.exit_code).toBe(0);
  });

  it("a target that ignores SIGTERM is SIGKILLed after the grace period", async () => {
    const { jobId, pid } = await runningJob("ignore-term");
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ outcome: "signaled", signal: "SIGKILL", escalated: true, job_status: "cancelled" });
    expect(isAlive(pid)).toBe(false);
    expect(await readRecord(h.stateDir, target, jobId)).toMatchObject({ status: "cancelled", signal: "SIGKILL" });
  });

  it("--force sends SIGKILL at once", async () => {
    const { jobId, pid } = await runningJob("ignore-term");
    const run = await h.run(["cancel", "--job", jobId, "--force"]);
    expect(run.json).toMatchObject({ outcome: "signaled", signal: "SIGKILL" });
    expect(isAlive(pid)).toBe(false);
  });

  it("a pid whose starttime does not match is refused (exit 3) and nothing is signalled", async () => {
    const { jobId, pid, record } = await runningJob("hang");
    const pidInfo = record.pid_info as { starttime: string };
    await tamperPidInfo(jobId, { starttime: String(Number(pidInfo.starttime) + 1) });
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.exitCode).toBe(3);
    expect(run.json).toMatchObject({ ok: false, outcome: "stale_pid" });
    expect(isAlive(pid)).toBe(true);
  });

  it("an argv0 that does not match is refused (exit 3) and the process survives", async () => {
    const { jobId, pid } = await runningJob("hang");
    await tamperPidInfo(jobId, { argv0: "/usr/bin/definitely-not-it" });
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.exitCode).toBe(3);
    expect(run.json).toMatchObject({ outcome: "stale_pid" });
    expect(isAlive(pid)).toBe(true);
  });

  it("a foreign process at a recorded pid is never signalled", async () => {
    const template = await completedTemplate();
    const foreign = spawn("sleep", ["30"], { stdio: "ignore" });
    pids.push(foreign.pid as number);
    const jobId = await forgeActiveRecord(h.stateDir, target, template, {
      status: "running",
      pid_info: { pid: foreign.pid, starttime: "1", argv0: "sleep" },
    });
    const run = await h.run(["cancel", "--job", jobId, "--force"]);
    expect(run.exitCode).toBe(3);
    expect(isAlive(foreign.pid as number)).toBe(true);
  });

  it("running with no identity ever captured: no_pid_info, exit 3", async () => {
    const template = await completedTemplate();
    const jobId = await forgeActiveRecord(h.stateDir, target, template, { status: "running" });
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.exitCode).toBe(3);
    expect(run.json).toMatchObject({ ok: false, outcome: "no_pid_info" });
  });

  it("running but the process is gone: already_dead, exit 0", async () => {
    const template = await completedTemplate();
    const jobId = await forgeActiveRecord(h.stateDir, target, template, {
      status: "running",
      pid_info: { pid: NO_SUCH_PID, starttime: "1", argv0: "claude" },
    });
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ ok: true, outcome: "already_dead" });
  });

  it("queued: cancel_pending, and the worker then ends the job cancelled without spawning the target", async () => {
    const template = await completedTemplate();
    const jobId = await forgeActiveRecord(h.stateDir, target, template, { status: "queued" });
    const run = await h.run(["cancel", "--job", jobId]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ ok: true, outcome: "cancel_pending" });
    const marker = join(h.stateDir, target, "jobs", jobId, "cancel-requested");
    expect(existsSync(marker)).toBe(true);
    const callsBefore = (await readFile(join(h.dir, "mock-log.jsonl"), "utf8")).split("\n").length;
    const worker = await h.run(["__worker", "--job", jobId], { input: JSON.stringify({ prompt: "p", jsonSchema: null, keepSnapshot: false, includeSecrets: [] }) });
    expect(worker.exitCode).toBe(0);
    expect(await readRecord(h.stateDir, target, jobId)).toMatchObject({ status: "cancelled" });
    expect((await readFile(join(h.dir, "mock-log.jsonl"), "utf8")).split("\n").length).toBe(callsBefore);
    expect(existsSync(marker)).toBe(false);
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, eventually, isAlive } from "../support/companion.js";
import { type Json, forgeActiveRecord, readRecord } from "../support/store.js";
import { record, startWorker } from "./support/jobs.js";
import { Processes, identityOf } from "./support/processes.js";

/** SPEC §6.3 default: records without identity go stale this long past their deadline. */
const NO_PROOF_GRACE_S = 3600;
const TIMEOUT_S = 60;

const agoIso = (seconds: number): string => new Date(Date.now() - seconds * 1000).toISOString();

describe.each(TARGETS)("%s reconcile (SPEC §6.3)", (target) => {
  let h: Harness;
  let work: string;
  let template: Json;
  const procs = new Processes();

  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "template"]);
    expect(run.exitCode).toBe(0);
    template = run.json;
  });
  afterEach(async () => {
    procs.killAll();
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const forge = (overrides: Json): Promise<string> => forgeActiveRecord(h.stateDir, target, template, { timeout_s: TIMEOUT_S, ...overrides });

  async function exitedIdentity(argv0: string): Promise<Json> {
    return { pid: await procs.exitedPid(), starttime: "1", argv0 };
  }

  it("status --job turns a running job whose worker and target have exited into stale", async () => {
    const worker = await exitedIdentity(process.execPath);
    const targetInfo = await exitedIdentity(process.execPath);
    const jobId = await forge({ status: "running", worker_pid_info: worker, pid_info: targetInfo });
    const status = await h.run(["status", "--job", jobId]);
    expect(status.exitCode).toBe(0);
    expect(status.json).toMatchObject({ job_id: jobId, status: "stale", error_code: "stale_active_job", ended_at: expect.any(String) });
    expect(status.json.error_message).toContain(`worker pid ${String(worker.pid)} has exited`);
    expect(status.json.error_message).toContain(`target pid ${String(targetInfo.pid)} has exited`);
    expect(status.json.suggested_action).toEqual(expect.any(String));
    expect(await record(h, jobId)).toEqual(status.json);
  });

  it("wait and the workspace listing reconcile as well", async () => {
    const waited = await forge({ status: "running", worker_pid_info: await exitedIdentity(process.execPath) });
    const listed = await forge({ status: "queued", worker_pid_info: await exitedIdentity(process.execPath) });
    const wait = await h.run(["wait", "--job", waited, "--timeout", "20"]);
    expect(wait.exitCode).toBe(1);
    expect(wait.json).toMatchObject({ job_id: waited, status: "stale", error_code: "stale_active_job" });
    const list = await h.run(["status", "--all"]);
    expect(list.exitCode).toBe(0);
    const jobs = list.json.jobs as Json[];
    expect(jobs.find((job) => job.job_id === listed)).toMatchObject({ status: "stale", error_code: "stale_active_job" });
    expect(await record(h, listed)).toMatchObject({ status: "stale" });
  });

  it("a job whose target still runs stays running though its worker is gone, and goes stale once the target exits", async () => {
    const live = procs.foreign();
    const jobId = await forge({ status: "running", worker_pid_info: await exitedIdentity(process.execPath), pid_info: await identityOf(live.pid as number) });
    expect((await h.run(["status", "--job", jobId])).json).toMatchObject({ status: "running", error_code: null });
    live.kill("SIGKILL");
    await eventually(async () => !isAlive(live.pid as number) || null);
    expect((await h.run(["status", "--job", jobId])).json).toMatchObject({ status: "stale", error_code: "stale_active_job" });
  });

  it("a pid now held by another process counts as gone, and that process is left alone", async () => {
    const foreign = procs.foreign();
    const real = await identityOf(foreign.pid as number);
    const jobId = await forge({
      status: "running",
      worker_pid_info: await exitedIdentity(process.execPath),
      pid_info: { ...real, starttime: String(Number(real.starttime) + 1) },
    });
    const status = await h.run(["status", "--job", jobId]);
    expect(status.json).toMatchObject({ status: "stale", error_code: "stale_active_job" });
    expect(status.json.error_message).toContain(`target pid ${String(real.pid)} now belongs to another process`);
    expect(isAlive(real.pid)).toBe(true);
  });

  it("a job with no identity proof stays active inside the age window and goes stale after it", async () => {
    const window = TIMEOUT_S + NO_PROOF_GRACE_S;
    const young = await forge({ status: "queued", created_at: agoIso(window - 120) });
    const old = await forge({ status: "queued", created_at: agoIso(window + 60) });
    expect((await h.run(["status", "--job", young])).json).toMatchObject({ status: "queued", error_code: null });
    const stale = await h.run(["status", "--job", old]);
    expect(stale.json).toMatchObject({ status: "stale", error_code: "stale_active_job" });
    expect(stale.json.error_message).toContain("no process identity");
  });

  it("a worker finishing after a stale verdict writes its real result, and the record never turns active again", async () => {
    const jobId = await forge({ status: "queued", created_at: agoIso(TIMEOUT_S + NO_PROOF_GRACE_S + 60) });
    // The worker is alive but has not recorded itself yet, so reconcile has no proof it lives.
    const worker = startWorker(h, jobId, { MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "1500", MOCK_CLI_RESULT_TEXT: "the real answer" });
    expect((await h.run(["status", "--job", jobId])).json).toMatchObject({ status: "stale" });
    worker.handOff("finish anyway");
    const seen = new Set<string>();
    const final = await eventually(async () => {
      const now = await readRecord(h.stateDir, target, jobId);
      seen.add(String(now.status));
      return ["completed", "failed", "cancelled"].includes(String(now.status)) ? now : null;
    }, 30_000, 20);
    expect((await worker.child).exitCode).toBe(0);
    expect(final).toMatchObject({ status: "completed", error_code: null, error_message: null, result: expect.stringContaining("the real answer") });
    expect([...seen].sort()).toEqual(["completed", "stale"]);
    expect((await h.run(["result", "--job", jobId])).exitCode).toBe(0);
  });
});

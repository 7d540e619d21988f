import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, eventually, isAlive } from "../support/companion.js";
import { type Json, forgeActiveRecord, recordPath, writeRecord } from "../support/store.js";
import { launch, record, startWorker, whenRunning } from "./support/jobs.js";
import { Processes, findWorkerPid, hasExited } from "./support/processes.js";

const agoIso = (seconds: number): string => new Date(Date.now() - seconds * 1000).toISOString();
/** Past any job's no-proof window (timeout + 1 h). */
const LONG_AGO_S = 4 * 3600 + 60;

/** Reads the record file over and over; every read must be one whole record. */
class TornReadDetector {
  private running = true;
  private readonly loop: Promise<{ reads: number; torn: string[] }>;

  constructor(path: string) {
    this.loop = (async () => {
      const torn: string[] = [];
      let reads = 0;
      while (this.running) {
        const text = await readFile(path, "utf8").catch(() => null);
        if (text !== null) {
          reads += 1;
          try {
            JSON.parse(text);
          } catch {
            torn.push(text.slice(-80));
          }
        }
        await sleep(2);
      }
      return { reads, torn };
    })();
  }

  async stop(): Promise<{ reads: number; torn: string[] }> {
    this.running = false;
    return this.loop;
  }
}

describe.each(TARGETS)("%s kill -9 of the worker", (target) => {
  let h: Harness;
  let work: string;
  let temp: string;
  const procs = new Processes();

  beforeEach(async () => {
    // What a killed worker leaves in the temp directory waits for `prune` (SPEC §6.4): here it
    // goes with the test.
    temp = await mkdtemp(join(tmpdir(), "companion-tmpdir-"));
    h = await Harness.create(target, { TMPDIR: temp });
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
  });
  afterEach(async () => {
    procs.killAll();
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
    await rm(temp, { recursive: true, force: true });
  });

  const status = async (jobId: string): Promise<Json> => {
    const run = await h.run(["status", "--job", jobId]);
    expect(run.exitCode, run.stderr).toBe(0);
    return run.json;
  };

  /** The worker's pid, or "finished" when it is already done (a kill can come too late). */
  async function workerOrFinished(jobId: string): Promise<number | "finished" | null> {
    const pid = await findWorkerPid(jobId);
    if (pid !== null) return pid;
    return (await record(h, jobId)).status === "completed" ? "finished" : null;
  }

  it("before the worker recorded itself: queued without proof, stale once past the age window", async () => {
    const template = (await h.run(["run", "--mode", "rescue", "--cwd", work, "template"])).json;
    const jobId = await forgeActiveRecord(h.stateDir, target, template, { status: "queued" });
    const worker = startWorker(h, jobId);
    await eventually(async () => findWorkerPid(jobId));
    worker.child.kill("SIGKILL");
    await worker.child;
    expect(await status(jobId)).toMatchObject({ status: "queued", worker_pid_info: null, error_code: null });
    await writeRecord(h.stateDir, target, { ...(await record(h, jobId)), created_at: agoIso(LONG_AGO_S) });
    expect(await status(jobId)).toMatchObject({ status: "stale", error_code: "stale_active_job" });
  });

  it("after the target spawned: running while the target lives; cancel still stops it and records cancelled", async () => {
    const jobId = await launch(h, work, { MOCK_CLI_SCENARIO: "hang" });
    const { worker, target: targetInfo } = await whenRunning(h, jobId);
    procs.track(targetInfo.pid);
    process.kill(worker.pid, "SIGKILL");
    await eventually(async () => !isAlive(worker.pid) || null);
    expect(await status(jobId)).toMatchObject({ status: "running", error_code: null });
    const cancel = await h.run(["cancel", "--job", jobId]);
    expect(cancel.exitCode).toBe(0);
    expect(cancel.json).toMatchObject({ outcome: "signaled", job_status: "cancelled" });
    expect(await hasExited(targetInfo.pid)).toBe(true);
    expect(await record(h, jobId)).toMatchObject({ status: "cancelled" });
  });

  it("while streaming: stale once the target is gone too, never stuck running", async () => {
    const jobId = await launch(h, work, { MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "3000" });
    const { worker, target: targetInfo } = await whenRunning(h, jobId);
    procs.track(targetInfo.pid);
    await eventually(async () => ((await record(h, jobId)).progress as { events: number }).events >= 2 || null);
    process.kill(worker.pid, "SIGKILL");
    const final = await eventually(async () => {
      const now = await status(jobId);
      return now.status === "running" ? null : now;
    }, 30_000, 250);
    expect(final).toMatchObject({ status: "stale", error_code: "stale_active_job" });
    expect(await hasExited(targetInfo.pid)).toBe(true);
  });

  it("the moment its target exits (finalization): completed or stale, and a whole record either way", async () => {
    const jobId = await launch(h, work, { MOCK_CLI_DELAY_MS: "600" });
    const { worker, target: targetInfo } = await whenRunning(h, jobId);
    const reader = new TornReadDetector(recordPath(h.stateDir, target, jobId));
    // kill(pid, 0) still succeeds on the unreaped target; it fails once the worker has reaped
    // it, which is exactly when the worker starts finalizing.
    while (isAlive(targetInfo.pid)) await sleep(1);
    process.kill(worker.pid, "SIGKILL");
    const final = await eventually(async () => {
      const now = await status(jobId);
      return ["queued", "running"].includes(String(now.status)) ? null : now;
    }, 30_000, 250);
    const reads = await reader.stop();
    expect(reads.torn).toEqual([]);
    expect(["completed", "stale"]).toContain(final.status);
    if (final.status === "stale") expect(final.error_code).toBe("stale_active_job");
    else expect(final.result).toEqual(expect.any(String));
  });

  it("at random points of a job's life, the record always reconciles to a truthful status", async () => {
    for (const delayMs of [0, 40, 120, 250, 400, 700]) {
      const jobId = await launch(h, work, { MOCK_CLI_DELAY_MS: "500" });
      const reader = new TornReadDetector(recordPath(h.stateDir, target, jobId));
      await sleep(delayMs);
      const pid = await eventually(() => workerOrFinished(jobId));
      if (pid !== "finished") process.kill(pid, "SIGKILL");
      const final = await eventually(async () => {
        const now = await status(jobId);
        if (now.status === "queued" && now.worker_pid_info === null) return now;
        return ["queued", "running"].includes(String(now.status)) ? null : now;
      }, 30_000, 250);
      expect((await reader.stop()).torn).toEqual([]);
      if (final.status === "queued") {
        // Killed before it recorded itself: no proof either way until the age window passes.
        await writeRecord(h.stateDir, target, { ...(await record(h, jobId)), created_at: agoIso(LONG_AGO_S) });
        expect(await status(jobId)).toMatchObject({ status: "stale" });
      } else {
        expect(["completed", "stale"]).toContain(final.status);
      }
    }
  });
});

/** Temp-dir handling is core code shared by both bins; one target exercises it. */
describe("what a killed worker leaves in the temp directory (SPEC §6.4)", () => {
  let h: Harness;
  let work: string;
  let temp: string;
  const procs = new Processes();

  beforeEach(async () => {
    // A private temp directory, so the test sees exactly the directories its jobs made.
    temp = await mkdtemp(join(tmpdir(), "companion-tmpdir-"));
    h = await Harness.create("claude", { TMPDIR: temp });
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "a.ts"), "export const a = 1;\n");
  });
  afterEach(async () => {
    procs.killAll();
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
    await rm(temp, { recursive: true, force: true });
  });

  const dirsOf = async (jobId: string): Promise<string[]> => (await readdir(temp)).filter((name) => name.includes(jobId)).sort();

  /** A background review whose target hangs, once it runs (snapshot and target TMPDIR made). */
  const runningReview = async (): Promise<{ jobId: string; worker: number; target: number }> => {
    const launched = await h.run(["run", "--mode", "review", "--background", "--cwd", work], { env: { MOCK_CLI_SCENARIO: "hang" } });
    expect(launched.exitCode, launched.stdout).toBe(0);
    const jobId = String(launched.json.job_id);
    const { worker, target } = await whenRunning(h, jobId);
    procs.track(worker.pid);
    procs.track(target.pid);
    return { jobId, worker: worker.pid, target: target.pid };
  };

  it("the next prune sweeps the directories of a job whose worker was killed, and keeps a live job's", async () => {
    const dead = await runningReview();
    const live = await runningReview();
    expect(await dirsOf(dead.jobId)).toEqual([expect.stringMatching(/^companion-snapshot-/), expect.stringMatching(/^companion-target-tmp-/)]);
    const liveDirs = await dirsOf(live.jobId);
    expect(liveDirs).toHaveLength(2);

    process.kill(dead.worker, "SIGKILL");
    process.kill(-dead.target, "SIGKILL");
    await eventually(async () => (await hasExited(dead.worker)) && (await hasExited(dead.target)));

    const prune = await h.run(["prune"]);
    expect(prune.exitCode, prune.stdout).toBe(0);
    expect(await dirsOf(dead.jobId)).toEqual([]);
    expect(await record(h, dead.jobId)).toMatchObject({ status: "stale" });
    expect(await dirsOf(live.jobId)).toEqual(liveDirs);
    expect(await record(h, live.jobId)).toMatchObject({ status: "running" });
  });
});

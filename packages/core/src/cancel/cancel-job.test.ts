import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { captureIdentity } from "../identity/capture.js";
import { exitOf, firstLine, killStarted, pidOf, startNode } from "../identity/test-support/children.js";
import { finalizeJob } from "../job/finalize.js";
import type { JobRecord, PidInfo } from "../record/schema.js";
import { JobStore } from "../store/job-store.js";
import { sampleRecord } from "../test-support/records.js";
import { attributeStop, cancelJob, type CancelEffects } from "./cancel-job.js";
import { hasCancelMarker, writeCancelMarker } from "./marker.js";
import { terminateVerified } from "./signal.js";

const IDLE = "setInterval(() => {}, 1000)";
/** A grace period no test reaches: when the target is SIGKILLed, the stand-in worker did it. */
const NEVER_MS = 600_000;

let dir: string;
let store: JobStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cancel-job-"));
  store = new JobStore(dir, "claude");
});
afterEach(async () => {
  killStarted();
  await rm(dir, { recursive: true, force: true });
});

const infoOf = async (pid: number): Promise<PidInfo> => {
  const capture = await captureIdentity(pid);
  if (capture.outcome !== "captured") throw new Error(`capture failed: ${JSON.stringify(capture)}`);
  return capture.info;
};

const stored = async (overrides: Partial<JobRecord>): Promise<string> => {
  const record = sampleRecord(overrides);
  await store.create(record);
  return record.job_id;
};

/** A running job whose target is `child`; this test process stands in for its (live) worker. */
const runningJob = async (child: ChildProcess): Promise<string> =>
  stored({ status: "running", started_at: new Date().toISOString(), pid_info: await infoOf(pidOf(child)), worker_pid_info: await infoOf(process.pid) });

/** Resolves when the child prints `text` on a line. */
const lineFrom = (child: ChildProcess, text: string): Promise<void> =>
  new Promise((resolve) => {
    if (child.stdout === null) throw new Error("child stdout is not piped");
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line !== text) return;
      lines.close();
      resolve();
    });
  });

/** What the job's worker does once it sees the marker: stop its target and record how it ended. */
const workerStops = async (child: ChildProcess, jobId: string, signal: NodeJS.Signals): Promise<void> => {
  child.kill(signal);
  const exit = await exitOf(child);
  await finalizeJob(store, jobId, { ending: "cancelled", outcome: null, exitCode: exit.code, signal: exit.signal }, []);
};

describe("cancelJob", { timeout: 60_000 }, () => {
  it("not found", async () => {
    expect(await cancelJob(store, "3f1c2a9e-0000-4000-8000-000000000000", { force: false })).toEqual({ outcome: { outcome: "not_found" }, settled: null });
  });

  it("writes the marker before signalling", async () => {
    const log: string[] = [];
    const child = startNode(IDLE);
    const jobId = await runningJob(child);
    const effects: Partial<CancelEffects> = {
      writeMarker: async () => {
        log.push(`marker ${String(hasCancelMarker(store.jobDir(jobId)))}`);
        return writeCancelMarker(store.jobDir(jobId), { force: false });
      },
      terminate: vi.fn(async (info: PidInfo) => {
        log.push(`terminate ${String(hasCancelMarker(store.jobDir(jobId)))}`);
        const stopped = await terminateVerified(info, { force: false, graceMs: NEVER_MS, pollMs: 20 });
        await finalizeJob(store, jobId, { ending: "cancelled", outcome: null, exitCode: null, signal: "SIGTERM" }, []);
        return stopped;
      }),
    };
    const { outcome } = await cancelJob(store, jobId, { force: false, effects });
    expect(outcome).toMatchObject({ outcome: "signaled" });
    expect(log).toEqual(["marker false", "terminate true"]);
  });

  it("signals nothing when the marker cannot be written", async () => {
    const child = startNode(IDLE);
    const jobId = await runningJob(child);
    const terminate = vi.fn();
    const result = await cancelJob(store, jobId, {
      force: false,
      effects: { writeMarker: () => Promise.resolve({ outcome: "error", reason: "EROFS" }), terminate },
    });
    expect(result).toEqual({ outcome: { outcome: "cancel_failed", reason: "EROFS" }, settled: null });
    expect(terminate).not.toHaveBeenCalled();
  });

  it("a queued job gets the marker only", async () => {
    const jobId = await stored({});
    const terminate = vi.fn();
    expect(await cancelJob(store, jobId, { force: false, effects: { terminate } })).toEqual({ outcome: { outcome: "cancel_pending" }, settled: null });
    expect(hasCancelMarker(store.jobDir(jobId))).toBe(true);
    expect(terminate).not.toHaveBeenCalled();
  });

  it("a terminal job is left alone: no marker, no signal", async () => {
    const jobId = await stored({ status: "failed", ended_at: new Date().toISOString() });
    const effects = { writeMarker: vi.fn(), terminate: vi.fn() };
    expect(await cancelJob(store, jobId, { force: false, effects })).toEqual({ outcome: { outcome: "already_terminal", job_status: "failed" }, settled: null });
    expect(effects.writeMarker).not.toHaveBeenCalled();
    expect(effects.terminate).not.toHaveBeenCalled();
  });

  // Issue 13 item 21: the worker's marker poll stops the target between our marker write and
  // our own signal, so the re-verification before SIGTERM finds the process gone.
  it("the worker stopping the target on our marker before we signal is still `signaled`", async () => {
    const child = startNode(IDLE);
    const jobId = await runningJob(child);
    const writeMarker = async () => {
      const written = await writeCancelMarker(store.jobDir(jobId), { force: false });
      await workerStops(child, jobId, "SIGTERM");
      return written;
    };
    const result = await cancelJob(store, jobId, { force: false, effects: { writeMarker } });
    expect(result.outcome).toEqual({ outcome: "signaled", signal: "SIGTERM", escalated: false, exited: true });
    expect(result.settled).toMatchObject({ status: "cancelled" });
  });

  // Issue 13 item 1: the worker's grace period started before ours and its SIGKILL landed
  // first, so our own wait saw the target exit "within the grace period".
  it("a target SIGKILLed by its worker's escalation before ours is reported escalated", async () => {
    const child = startNode(`process.on("SIGTERM", () => console.log("TERM")); console.log("ready"); ${IDLE}`);
    expect(await firstLine(child)).toBe("ready");
    const jobId = await runningJob(child);
    void lineFrom(child, "TERM").then(() => workerStops(child, jobId, "SIGKILL"));
    const terminate = (info: PidInfo) => terminateVerified(info, { force: false, graceMs: NEVER_MS, pollMs: 20 });
    const result = await cancelJob(store, jobId, { force: false, effects: { terminate } });
    expect(result.outcome).toEqual({ outcome: "signaled", signal: "SIGKILL", escalated: true, exited: true });
    expect(await exitOf(child)).toEqual({ code: null, signal: "SIGKILL" });
  });

  it("a target that ended on its own before the marker stays already_dead", async () => {
    const child = startNode(IDLE);
    const jobId = await runningJob(child);
    const writeMarker = async () => {
      child.kill("SIGKILL");
      await exitOf(child);
      await finalizeJob(store, jobId, { ending: "error", error: { error_code: "target_error", message: "m", suggested_action: "s" } }, []);
      return writeCancelMarker(store.jobDir(jobId), { force: false });
    };
    const result = await cancelJob(store, jobId, { force: false, effects: { writeMarker } });
    expect(result.outcome).toEqual({ outcome: "already_dead" });
    expect(result.settled).toMatchObject({ status: "failed" });
  });
});

describe("attributeStop", () => {
  const cancelled = (signal: string | null): JobRecord => sampleRecord({ status: "cancelled", signal });
  const sigterm = { outcome: "signaled", signal: "SIGTERM", escalated: false, exited: true } as const;

  it.each([
    ["our SIGTERM, target died of it", sigterm, "SIGTERM", false, sigterm],
    ["our SIGTERM, then the worker's SIGKILL", sigterm, "SIGKILL", false, { ...sigterm, signal: "SIGKILL", escalated: true }],
    ["our SIGTERM, target trapped it and exited 0", sigterm, null, false, sigterm],
    ["gone before our SIGTERM", { outcome: "already_dead" }, null, false, sigterm],
    ["gone before our SIGKILL (--force)", { outcome: "already_dead" }, null, true, { ...sigterm, signal: "SIGKILL" }],
    ["--force: SIGKILL is not an escalation", { ...sigterm, signal: "SIGKILL" }, "SIGKILL", true, { ...sigterm, signal: "SIGKILL" }],
  ] as const)("%s", (_name, stopped, signal, force, expected) => {
    expect(attributeStop(stopped, cancelled(signal), force)).toEqual(expected);
  });

  it("a job that did not end cancelled keeps what cancel itself saw", () => {
    expect(attributeStop({ outcome: "already_dead" }, sampleRecord({ status: "completed" }), false)).toEqual({ outcome: "already_dead" });
    expect(attributeStop({ outcome: "already_dead" }, sampleRecord({ status: "running" }), false)).toEqual({ outcome: "already_dead" });
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasCancelMarker, writeCancelMarker } from "../cancel/marker.js";
import type { TargetOutcome } from "../adapter/adapter.js";
import type { JobRecord } from "../record/schema.js";
import { JobStore } from "../store/job-store.js";
import { sampleRecord } from "../test-support/records.js";
import { finalizeJob } from "./finalize.js";

const completed: TargetOutcome = {
  outcome: "completed",
  result: "VERDICT: approve",
  structured_output: null,
  session_id: "sess-1",
  usage: { input_tokens: 10, output_tokens: 5, cached_input_tokens: 0, total_tokens: 15 },
  cost_usd: 0.01,
  cost_source: "estimated",
  permission_denials: [],
};
const exitedZero = { ending: "target", outcome: completed, exitCode: 0, signal: null } as const;

let dir: string;
let store: JobStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "finalize-"));
  store = new JobStore(dir, "claude");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stored = async (overrides: Partial<JobRecord>): Promise<string> => {
  const record = sampleRecord(overrides);
  await store.create(record);
  return record.job_id;
};

describe("finalizeJob", () => {
  it("a requested cancel overrides a successful exit, keeps the answer and consumes the marker", async () => {
    const jobId = await stored({ status: "running" });
    await writeCancelMarker(store.jobDir(jobId), { force: false });
    const final = await finalizeJob(store, jobId, exitedZero, []);
    expect(final).toMatchObject({ status: "cancelled", exit_code: 0, result: "VERDICT: approve" });
    expect(await store.get(jobId)).toEqual(final);
    expect(hasCancelMarker(store.jobDir(jobId))).toBe(false);
  });

  it("without a marker the target's ending stands", async () => {
    const jobId = await stored({ status: "running" });
    expect(await finalizeJob(store, jobId, exitedZero, [])).toMatchObject({ status: "completed" });
  });

  it("overtakes a stale verdict, but never another terminal status", async () => {
    const stale = await stored({ status: "stale", error_code: "stale_active_job" });
    expect(await finalizeJob(store, stale, exitedZero, [])).toMatchObject({ status: "completed", error_code: null });
    const cancelled = await stored({ status: "cancelled" });
    expect(await finalizeJob(store, cancelled, exitedZero, [])).toMatchObject({ status: "cancelled" });
  });

  it("the fallback after a failed write leaves a record another process finalized meanwhile", async () => {
    const jobId = await stored({ status: "running" });
    let calls = 0;
    const flaky: Pick<JobStore, "jobDir" | "update"> = {
      jobDir: (id) => store.jobDir(id),
      update: async (id, change) => {
        calls += 1;
        if (calls > 1) return store.update(id, change);
        // Another process (cancel settling a job) finalizes it while our write fails.
        await store.update(id, (current) => ({ ...current, status: "cancelled", ended_at: new Date().toISOString() }));
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      },
    };
    const final = await finalizeJob(flaky, jobId, exitedZero, []);
    expect(calls).toBe(2);
    expect(final).toMatchObject({ status: "cancelled", error_code: null });
    expect(await store.get(jobId)).toMatchObject({ status: "cancelled", error_code: null });
  });

  it("the fallback records finalization_failed on a job still active", async () => {
    const jobId = await stored({ status: "running" });
    let calls = 0;
    const flaky: Pick<JobStore, "jobDir" | "update"> = {
      jobDir: (id) => store.jobDir(id),
      update: (id, change) => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error("EIO: i/o error")) : store.update(id, change);
      },
    };
    expect(await finalizeJob(flaky, jobId, exitedZero, [])).toMatchObject({ status: "failed", error_code: "finalization_failed", error_message: expect.stringContaining("EIO") as unknown });
  });
});

import { describe, expect, it } from "vitest";
import type { Verification } from "../identity/types.js";
import { sampleRecord } from "../test-support/records.js";
import { assessLiveness } from "./reconcile.js";

const worker = { pid: 100, starttime: "1", argv0: "node" };
const target = { pid: 200, starttime: "2", argv0: "claude" };
const verifier = (byPid: Record<number, Verification>) => async (info: { pid: number }) => byPid[info.pid] ?? { outcome: "process_gone" as const };
const now = new Date();

describe("assessLiveness", () => {
  it("is alive while either process matches", async () => {
    const record = sampleRecord({ status: "running", worker_pid_info: worker, pid_info: target });
    expect(await assessLiveness(record, now, verifier({ 100: { outcome: "process_gone" }, 200: { outcome: "match" } }))).toEqual({ verdict: "alive" });
  });

  it("is gone when both are gone or reused", async () => {
    const record = sampleRecord({ status: "running", worker_pid_info: worker, pid_info: target });
    const verdict = await assessLiveness(record, now, verifier({ 100: { outcome: "process_gone" }, 200: { outcome: "starttime_mismatch", observed: { ...target, starttime: "9" } } }));
    expect(verdict.verdict).toBe("gone");
  });

  it("never counts a failed check as gone", async () => {
    const record = sampleRecord({ status: "running", worker_pid_info: worker, pid_info: target });
    expect((await assessLiveness(record, now, verifier({ 100: { outcome: "capture_error", reason: "EACCES" } }))).verdict).toBe("unknown");
  });

  it("without identity waits for the age window", async () => {
    const young = sampleRecord({ status: "queued" });
    expect((await assessLiveness(young, now, verifier({}))).verdict).toBe("unknown");
    const old = sampleRecord({ status: "queued", created_at: new Date(now.getTime() - (900 + 3601) * 1000).toISOString() });
    expect((await assessLiveness(old, now, verifier({}))).verdict).toBe("gone");
  });
});

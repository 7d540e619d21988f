import { describe, expect, it } from "vitest";
import { sampleRecord } from "../test-support/records.js";
import { decodeRecord, encodeRecord } from "./codec.js";
import { finalizeRecord, markStale, newJobRecord, timingsOf } from "./build.js";
import { JobRecord } from "./schema.js";
import { EMPTY_USAGE } from "./values.js";

const completed = {
  outcome: "completed" as const,
  result: "VERDICT: approve",
  structured_output: null,
  session_id: "sess-1",
  usage: { input_tokens: 10, output_tokens: 5, cached_input_tokens: 0, total_tokens: 15 },
  cost_usd: 0.01,
  cost_source: "estimated" as const,
  permission_denials: [],
};

describe("records", () => {
  it("keeps only the first 200 characters of the prompt", () => {
    const record = sampleRecord({}, { prompt: "x".repeat(5000) });
    expect(record.prompt_head).toHaveLength(200);
    expect(JobRecord.safeParse(record).success).toBe(true);
  });

  it("continues a chain: parent id and its session appended to resume_chain", () => {
    const parent = sampleRecord({ status: "completed", target_session_id: "s2", resume_chain: ["s1"] });
    const child = newJobRecord({ ...parent, prompt: "more", parent, background: false });
    expect(child.parent_job_id).toBe(parent.job_id);
    expect(child.resume_chain).toEqual(["s1", "s2"]);
  });

  it("never splits a character outside the BMP", () => {
    const record = sampleRecord({}, { prompt: `a${"😀".repeat(150)}` });
    expect(record.prompt_head).toBe(`a${"😀".repeat(99)}`);
    expect(Buffer.from(record.prompt_head, "utf8").toString("utf8")).toBe(record.prompt_head);
    expect(JobRecord.safeParse(record).success).toBe(true);
  });

  it("a cancelled ending keeps the target's answer", () => {
    const final = finalizeRecord(sampleRecord({ status: "running" }), { ending: "cancelled", outcome: completed, exitCode: 0, signal: null }, []);
    expect(final.status).toBe("cancelled");
    expect(final.result).toBe("VERDICT: approve");
  });

  it("a timeout is failed with error_code timeout and a suggested action", () => {
    const final = finalizeRecord(sampleRecord({ status: "running" }), { ending: "timeout", outcome: null, exitCode: null, signal: "SIGTERM", timeoutS: 5 }, []);
    expect(final).toMatchObject({ status: "failed", error_code: "timeout", signal: "SIGTERM" });
    expect(final.suggested_action).toMatch(/--timeout/);
  });

  it("stale records carry stale_active_job and a reason", () => {
    expect(markStale(sampleRecord({ status: "running" }), "gone")).toMatchObject({ status: "stale", error_code: "stale_active_job", error_message: "gone" });
  });

  it("round-trips through the codec", async () => {
    const record = finalizeRecord(sampleRecord({ status: "running", usage: EMPTY_USAGE }), { ending: "target", outcome: completed, exitCode: 0, signal: null }, [{ kind: "changed", entry: " M a.ts" }]);
    expect(await decodeRecord(await encodeRecord(record))).toEqual({ outcome: "ok", record });
  });
});

describe("timings", () => {
  const created = "2026-01-01T00:00:00.000Z";
  const at = (ms: number): number => Date.parse(created) + ms;

  it("splits a job's time into preparation, target and finalization", () => {
    expect(timingsOf(created, at(1000), { targetStartedAt: at(120), targetEndedAt: at(900) })).toEqual({ prepare_ms: 120, target_ms: 780, finalize_ms: 100, total_ms: 1000 });
  });

  it("counts a job that failed before its target started as preparation only", () => {
    expect(timingsOf(created, at(300), { targetStartedAt: null, targetEndedAt: null })).toEqual({ prepare_ms: 300, target_ms: null, finalize_ms: null, total_ms: 300 });
  });

  it("knows only the total of a job ended for a worker that is gone", () => {
    expect(timingsOf(created, at(50), null)).toEqual({ prepare_ms: null, target_ms: null, finalize_ms: null, total_ms: 50 });
  });

  it("terminal and stale records carry their timings, measured to ended_at", () => {
    const record = sampleRecord({ status: "running" });
    const final = finalizeRecord(record, { ending: "error", error: { error_code: "spawn_failed", message: "no", suggested_action: "retry" } }, [], { targetStartedAt: null, targetEndedAt: null });
    expect(final.timings.total_ms).toBe(Date.parse(final.ended_at ?? "") - Date.parse(record.created_at));
    expect(final.timings.prepare_ms).toBe(final.timings.total_ms);
    expect(markStale(record, "gone").timings.total_ms).not.toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { sampleRecord } from "../test-support/records.js";
import { selectEvictions } from "./retention.js";

const now = new Date("2026-11-22T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe("selectEvictions", () => {
  const policy = { ttlMs: 7 * 86_400_000, maxJobs: 2 };

  it("evicts terminal records past the TTL, never active ones", () => {
    const old = sampleRecord({ status: "failed", ended_at: daysAgo(8) });
    const active = sampleRecord({ status: "running", created_at: daysAgo(30) });
    const fresh = sampleRecord({ status: "completed", ended_at: daysAgo(1), collected_at: daysAgo(1) });
    expect(selectEvictions([old, active, fresh], policy, now)).toEqual([{ job_id: old.job_id, reason: "ttl", status: "failed", ended_at: old.ended_at }]);
  });

  it("applies the cap oldest first, sparing uncollected completed results", () => {
    const uncollected = sampleRecord({ status: "completed", ended_at: daysAgo(5), collected_at: null });
    const oldest = sampleRecord({ status: "cancelled", ended_at: daysAgo(4) });
    const middle = sampleRecord({ status: "failed", ended_at: daysAgo(3) });
    const newest = sampleRecord({ status: "completed", ended_at: daysAgo(1), collected_at: daysAgo(1) });
    const evicted = selectEvictions([newest, middle, uncollected, oldest], policy, now).map((e) => e.job_id);
    expect(evicted).toEqual([oldest.job_id, middle.job_id]);
  });

  it("evicts an uncollected completed result once its TTL passes", () => {
    const uncollected = sampleRecord({ status: "completed", ended_at: daysAgo(9), collected_at: null });
    expect(selectEvictions([uncollected], policy, now).map((e) => e.reason)).toEqual(["ttl"]);
  });
});

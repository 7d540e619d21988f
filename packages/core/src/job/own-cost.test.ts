import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TargetOutcome } from "../adapter/adapter.js";
import type { Ending } from "../record/build.js";
import type { JobRecord } from "../record/schema.js";
import { EMPTY_USAGE } from "../record/values.js";
import { JobStore } from "../store/job-store.js";
import { sampleRecord } from "../test-support/records.js";
import { ownShare, withOwnCost } from "./own-cost.js";

const completed = (costUsd: number | null): Ending => {
  const outcome: TargetOutcome = {
    outcome: "completed",
    result: "ok",
    structured_output: null,
    session_id: "s1",
    usage: EMPTY_USAGE,
    cost_usd: costUsd,
    cost_source: costUsd === null ? null : "estimated",
    permission_denials: [],
  };
  return { ending: "target", outcome, exitCode: 0, signal: null };
};

const costOf = (ending: Ending): number | null | undefined => (ending.ending === "error" ? undefined : ending.outcome?.cost_usd);

describe("withOwnCost", () => {
  let root: string;
  let store: JobStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "companion-cost-"));
    store = new JobStore(root, "claude");
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const stored = async (overrides: Partial<JobRecord>): Promise<JobRecord> => {
    const record = sampleRecord({ status: "completed", ...overrides });
    await store.create(record);
    return record;
  };

  it("keeps a fresh run's reported cost as it is", async () => {
    const record = sampleRecord();
    expect(costOf(await withOwnCost(store, record, completed(0.049248)))).toBe(0.049248);
  });

  it("records the session total less what the earlier jobs of the chain cost (totals seen with Claude 2.1.330)", async () => {
    const first = await stored({ cost_usd: 0.049248 });
    const second = await stored({ cost_usd: 0.04928, parent_job_id: first.job_id });
    const third = sampleRecord({ parent_job_id: second.job_id });
    expect(costOf(await withOwnCost(store, third, completed(0.14788)))).toBe(0.049352);
  });

  it("a failed continue that used no tokens costs nothing, not the session so far", async () => {
    const first = await stored({ cost_usd: 0.19 });
    const failed = sampleRecord({ parent_job_id: first.job_id });
    expect(costOf(await withOwnCost(store, failed, completed(0.19)))).toBe(0);
  });

  it("records no cost when an earlier job of the chain is gone", async () => {
    const orphan = sampleRecord({ parent_job_id: sampleRecord().job_id });
    const ending = await withOwnCost(store, orphan, completed(0.3));
    expect(ending.ending !== "error" && ending.outcome).toMatchObject({ cost_usd: null, cost_source: null });
  });

  it("ownShare never goes below zero and drops float noise", () => {
    expect(ownShare(0.098528, 0.049248)).toBe(0.04928);
    expect(ownShare(0.1, 0.2)).toBe(0);
  });
});

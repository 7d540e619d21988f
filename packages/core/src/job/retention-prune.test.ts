import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobRecord } from "../record/schema.js";
import { JobStore } from "../store/job-store.js";
import { sampleRecord } from "../test-support/records.js";
import { prune } from "./retention.js";

const NOW = new Date("2026-06-01T00:00:00Z");
const OLD = "2026-01-01T00:00:00.000Z";
const RECENT = "2026-05-31T00:00:00.000Z";
const POLICY = { ttlMs: 7 * 24 * 3600 * 1000, maxJobs: 500 };

let root: string;
let store: JobStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "retention-prune-"));
  store = new JobStore(root, "claude");
});
afterEach(() => rm(root, { recursive: true, force: true }));

const ended = async (endedAt: string, targetCwd: string | null): Promise<JobRecord> => {
  const record = sampleRecord({ status: "completed", created_at: endedAt, ended_at: endedAt, collected_at: endedAt, target_cwd: targetCwd });
  await store.create(record);
  if (targetCwd !== null) await mkdir(targetCwd, { recursive: true });
  return record;
};

describe("prune and review chain directories", () => {
  it("keeps a chain's directory while a continuation survives, and removes it with the last record", async () => {
    const chain = join(store.chainsDir, "3f1c2a9e-0000-4000-8000-000000000000");
    await ended(OLD, chain);
    const child = await ended(RECENT, chain);
    await prune(store, POLICY, { dryRun: false, now: NOW });
    expect(existsSync(chain)).toBe(true);
    await prune(store, POLICY, { dryRun: false, now: new Date(Date.parse(child.ended_at as string) + POLICY.ttlMs + 1000) });
    expect(existsSync(chain)).toBe(false);
  });

  it("never removes a target_cwd outside the store's chains directory", async () => {
    const userTree = join(root, "user-project");
    const forged = join(store.root, "jobs-elsewhere", "3f1c2a9e-0000-4000-8000-000000000000");
    await ended(OLD, userTree);
    await ended(OLD, forged);
    const report = await prune(store, POLICY, { dryRun: false, now: NOW });
    expect(report.removed).toHaveLength(2);
    expect(existsSync(userTree)).toBe(true);
    expect(existsSync(forged)).toBe(true);
  });
});

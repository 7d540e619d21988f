import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobRecord } from "../record/schema.js";
import { JobStore } from "../store/job-store.js";
import { summariesOf } from "../store/workspace-log.js";
import { sampleRecord } from "../test-support/records.js";
import { prune, pruneLazily } from "./retention.js";

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

describe("prune and the workspace logs", () => {
  it("compacts them even when nothing is removed, so a listing reads the jobs as one block", async () => {
    const jobs = [await ended(RECENT, null), await ended("2026-05-30T00:00:00.000Z", null)];
    expect((await store.workspaceListing("/tmp/ws")).some((part) => "lines" in part)).toBe(false);
    const report = await prune(store, POLICY, { dryRun: false, now: NOW });
    expect(report.removed).toEqual([]);
    const listing = await store.workspaceListing("/tmp/ws");
    expect(listing).toHaveLength(1);
    expect(summariesOf(listing).map((job) => job.job_id)).toEqual(jobs.map((job) => job.job_id));
  });
});

describe("one maintenance at a time", () => {
  /** Holds the store's maintenance lock until the returned function is called. */
  const holdMaintenance = async (): Promise<() => Promise<void>> => {
    let release!: () => void;
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const done = store.maintain(() => {
      held();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await isHeld;
    return async () => {
      release();
      await done;
    };
  };

  it("a lazy prune skips while another prune runs", async () => {
    const old = await ended(OLD, null);
    const release = await holdMaintenance();
    await pruneLazily(store, {});
    expect((await store.read(old.job_id)).outcome).toBe("ok");
    expect(existsSync(join(store.root, "last-prune"))).toBe(false);
    await release();
    await pruneLazily(store, {});
    expect((await store.read(old.job_id)).outcome).toBe("not_found");
  });

  it("an explicit prune waits for the one running, then prunes", async () => {
    const old = await ended(OLD, null);
    const release = await holdMaintenance();
    let finished = false;
    const pruning = prune(store, POLICY, { dryRun: false, now: NOW }).then((report) => {
      finished = true;
      return report;
    });
    // Still waiting: the lock is held until we release it.
    expect((await store.read(old.job_id)).outcome).toBe("ok");
    expect(finished).toBe(false);
    await release();
    expect((await pruning).removed.map((eviction) => eviction.job_id)).toEqual([old.job_id]);
  });
});

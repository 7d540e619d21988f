import type * as fs from "node:fs";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { summarize } from "../record/summary.js";
import { sampleRecord } from "../test-support/records.js";
import { WorkspaceLog } from "./workspace-log.js";

/** Runs once, just before the next rename: compaction's swap of the old file for the new one. */
const hooks = vi.hoisted(() => ({ beforeRename: null as null | (() => Promise<void>) }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    promises: {
      ...actual.promises,
      rename: async (from: string, to: string) => {
        const hook = hooks.beforeRename;
        hooks.beforeRename = null;
        if (hook) await hook();
        return actual.promises.rename(from, to);
      },
    },
  };
});

let dir: string;
let log: WorkspaceLog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "workspace-log-"));
  log = new WorkspaceLog(join(dir, "ws.jsonl"));
});
afterEach(async () => {
  hooks.beforeRename = null;
  await rm(dir, { recursive: true, force: true });
});

const summary = (overrides: Parameters<typeof sampleRecord>[0] = {}) => summarize(sampleRecord(overrides));
const summaries = async () => (await log.read()).map((job) => job.summary);
const ids = async (): Promise<string[]> => (await summaries()).map((summary) => summary.job_id).sort();

describe("WorkspaceLog", () => {
  it("reads each job with its line, or with none when the schema had to repair it", async () => {
    const exact = summary();
    const repairable = summary();
    await log.append(exact);
    // An extra key: the exact check refuses it, the schema strips it.
    await appendFile(log.path, `${JSON.stringify({ ...repairable, extra: 1 })}\nnot json\n`);
    const read = await log.read();
    expect(read).toEqual([
      { summary: exact, line: JSON.stringify(exact) },
      { summary: repairable, line: null },
    ]);
  });

  it("compaction keeps one line per job", async () => {
    const job = summary();
    await log.append(job);
    await log.append({ ...job, status: "running" });
    await log.append({ ...job, status: "completed" });
    const gone = summary();
    await log.append(gone);
    await log.append({ job_id: gone.job_id, removed: true });
    await log.compact();
    expect((await readFile(log.path, "utf8")).trim().split("\n")).toHaveLength(1);
    expect(await summaries()).toEqual([{ ...job, status: "completed" }]);
  });

  it("a line appended while compaction runs (after it read the log) is not lost", async () => {
    const before = summary();
    const during = summary();
    await log.append(before);
    hooks.beforeRename = () => log.append(during);
    await log.compact();
    expect(await ids()).toEqual([before.job_id, during.job_id].sort());
  });

  it("a job's line carried over after a newer one does not roll the job back", async () => {
    const job = summary();
    await log.append(job);
    // The running line reaches the old file after compaction read it; the terminal line
    // lands in the new file before the old file's late lines are carried over.
    hooks.beforeRename = () => log.append({ ...job, status: "running" });
    await log.compact();
    await log.append({ ...job, status: "completed" });
    await log.append({ ...job, status: "running" });
    expect((await summaries()).find((summary) => summary.job_id === job.job_id)?.status).toBe("completed");
  });

  it("concurrent appends and compactions lose no job", async () => {
    const jobs = Array.from({ length: 60 }, () => summary());
    const appends = jobs.map((job) => log.append(job));
    // One compaction at a time, as the store's maintenance lock guarantees.
    for (let i = 0; i < 10; i++) await log.compact();
    await Promise.all(appends);
    await log.compact();
    expect(await ids()).toEqual(jobs.map((job) => job.job_id).sort());
  });
});

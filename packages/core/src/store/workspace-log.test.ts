import type * as fs from "node:fs";
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { summarize } from "../record/summary.js";
import { sampleRecord } from "../test-support/records.js";
import { type ListingPart, summariesOf, WorkspaceLog } from "./workspace-log.js";

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
const summaries = async () => summariesOf(await log.read());
const ids = async (): Promise<string[]> => (await summaries()).map((summary) => summary.job_id).sort();

describe("WorkspaceLog", () => {
  it("reads each job with its line, or with none when the schema had to repair it", async () => {
    const exact = summary();
    const repairable = summary();
    await log.append(exact);
    // An extra key: the exact check refuses it, the schema strips it.
    await appendFile(log.path, `${JSON.stringify({ ...repairable, extra: 1 })}\nnot json\n`);
    const read = await log.read();
    expect(read).toHaveLength(2);
    expect(read).toContainEqual({ summary: exact, line: JSON.stringify(exact) });
    expect(read).toContainEqual({ summary: repairable, line: null });
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
    // The compaction header, then the job.
    expect((await readFile(log.path, "utf8")).trim().split("\n")).toHaveLength(2);
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

  describe("the compacted block", () => {
    const at = (second: number): string => `2026-01-01T00:00:${String(second).padStart(2, "0")}.000Z`;
    const ended = (second: number) => summary({ status: "completed", created_at: at(second), ended_at: at(second) });
    const kinds = (parts: ListingPart[]) => parts.map((part) => ("lines" in part ? `block of ${part.lines.split("\n").length}` : part.summary.job_id));

    it("holds the ended jobs newest first, each line as it was appended, and is read without parsing them", async () => {
      const jobs = [ended(1), ended(3), ended(2)];
      for (const job of jobs) await log.append(job);
      const active = summary({ status: "running", created_at: at(4) });
      await log.append(active);
      await log.compact();
      const [header, ...lines] = (await readFile(log.path, "utf8")).trim().split("\n");
      const block = lines.slice(0, 3).join("\n");
      expect(JSON.parse(header as string)).toEqual({ compacted: { bytes: Buffer.byteLength(`${block}\n`), jobs: 3 } });
      expect(lines).toEqual([jobs[1], jobs[2], jobs[0], active].map((job) => JSON.stringify(job)));
      const read = await log.read();
      expect(kinds(read)).toEqual([active.job_id, "block of 3"]);
      expect(read[1]).toEqual({ lines: block });
      expect(summariesOf(read)).toEqual([active, jobs[1], jobs[2], jobs[0]]);
    });

    it("takes what was appended after it: a newer entry replaces a job's line in place, an older one does not, a removal drops it", async () => {
      const [a, b, c, d] = [ended(1), ended(2), ended(3), ended(4)];
      for (const job of [a, b, c, d]) await log.append(job);
      await log.compact();
      await log.append({ ...b, collected: true });
      await log.append({ ...c, status: "running", ended_at: null });
      await log.append({ job_id: d.job_id, removed: true });
      const newer = ended(9);
      await log.append(newer);
      const read = await log.read();
      expect(kinds(read)).toEqual([newer.job_id, "block of 1", b.job_id, "block of 1"]);
      expect(summariesOf(read)).toEqual([newer, c, { ...b, collected: true }, a]);
    });

    it("is read line by line when it does not match its header, losing no job", async () => {
      const jobs = [ended(1), ended(2), ended(3)];
      for (const job of jobs) await log.append(job);
      await log.compact();
      const text = await readFile(log.path, "utf8");
      const expected = [jobs[2], jobs[1], jobs[0]];
      for (const damaged of [
        text.replace('"jobs":3', '"jobs":2'),
        text.replace(/"bytes":\d+/, '"bytes":7'),
        text.replace('{"job_id"', 'not json\n{"job_id"'),
        text.replace(/"bytes":\d+/, '"bytes":999999'),
      ]) {
        await writeFile(log.path, damaged);
        const read = await log.read();
        expect(read.some((part) => "lines" in part)).toBe(false);
        expect(summariesOf(read)).toEqual(expected);
      }
    });

    it("is rewritten only when something was appended after it", async () => {
      for (const job of [ended(1), ended(2)]) await log.append(job);
      await log.compact();
      const compacted = await stat(log.path);
      await log.compact();
      expect((await stat(log.path)).ino).toBe(compacted.ino);
      await log.append(ended(3));
      await log.compact();
      expect((await stat(log.path)).ino).not.toBe(compacted.ino);
      expect(kinds(await log.read())).toEqual(["block of 3"]);
    });
  });
});

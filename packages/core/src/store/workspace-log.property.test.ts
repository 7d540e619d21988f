import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobSummary } from "../record/schema.js";
import { summarize } from "../record/summary.js";
import { sampleRecord } from "../test-support/records.js";
import { summariesOf, WorkspaceLog } from "./workspace-log.js";

/** A job's entries, in the order a job moves through them; the last one is its removal. */
const STAGES = 6;
const JOBS = Array.from({ length: 5 }, (_, at) => summarize(sampleRecord({ created_at: `2026-01-01T00:00:0${at}.000Z` })));

function entryAt(job: JobSummary, stage: number): JobSummary | { job_id: string; removed: true } {
  switch (stage) {
    case 0:
      return job;
    case 1:
      return { ...job, status: "running" };
    case 2:
      return { ...job, status: "stale" };
    case 3:
      return { ...job, status: "failed", error_code: "timeout", ended_at: job.created_at };
    case 4:
      return { ...job, status: "failed", error_code: "timeout", ended_at: job.created_at, collected: true };
    default:
      return { job_id: job.job_id, removed: true };
  }
}

const operation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ job: fc.nat({ max: JOBS.length - 1 }), stage: fc.nat({ max: STAGES - 1 }) }) },
  { weight: 1, arbitrary: fc.constant("compact" as const) },
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "workspace-log-property-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("WorkspaceLog (property)", () => {
  it("whatever was appended (in any order) and whenever it was compacted, a listing is each job's furthest entry, newest first", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 30 }), async (operations) => {
        const log = new WorkspaceLog(join(dir, `ws-${run++}.jsonl`));
        const furthest = new Map<number, number>();
        for (const op of operations) {
          if (op === "compact") {
            await log.compact();
            continue;
          }
          // A removed job's record is gone: nothing writes a line for it again.
          if (furthest.get(op.job) === STAGES - 1) continue;
          await log.append(entryAt(JOBS[op.job] as JobSummary, op.stage));
          furthest.set(op.job, Math.max(furthest.get(op.job) ?? 0, op.stage));
        }
        const expected = [...furthest.entries()]
          .filter(([, stage]) => stage < STAGES - 1)
          .sort(([a], [b]) => b - a)
          .map(([job, stage]) => entryAt(JOBS[job] as JobSummary, stage));
        expect(summariesOf(await log.read())).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

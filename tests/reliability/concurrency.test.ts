import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Harness, type Target, eventually } from "../support/companion.js";
import type { Json } from "../support/store.js";
import { auditStore } from "./support/audit.js";
import { isTerminal, launch, record } from "./support/jobs.js";

const JOBS = 50;
const CANCEL_EVERY = 5;
const OK_CANCEL_OUTCOMES = ["cancel_pending", "signaled", "already_terminal", "already_dead"];

interface Job {
  id: string;
  h: Harness;
  cancelled: boolean;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

describe("50 simultaneous background jobs across both targets, polled and cancelled (SPEC §10)", () => {
  const harness = {} as Record<Target, Harness>;
  let work: string;

  beforeAll(async () => {
    harness.claude = await Harness.create("claude");
    // One state root for both bins, as on a real machine: each target has its own subtree.
    harness.gemini = await Harness.create("gemini", { COMPANION_STATE_DIR: harness.claude.stateDir });
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
  });
  afterAll(async () => {
    await harness.claude.cleanup();
    await harness.gemini.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("every job ends in exactly one terminal record, collectable, and the store audits clean", { timeout: 240_000 }, async () => {
    let polling = true;
    const pollFailures: string[] = [];
    let polls = 0;
    const poll = async (h: Harness): Promise<void> => {
      while (polling) {
        const listed = await h.run(["status", "--cwd", work]);
        polls += 1;
        if (listed.exitCode !== 0 || listed.json.ok !== true || (listed.json.problems as unknown[]).length > 0) {
          pollFailures.push(`${h.target}: exit ${listed.exitCode} ${listed.stdout.slice(0, 300)}`);
        }
      }
    };
    const pollers = [poll(harness.claude), poll(harness.gemini)];

    const cancels: Promise<Json>[] = [];
    const jobs = await Promise.all(
      Array.from({ length: JOBS }, async (_, i): Promise<Job> => {
        const h = i % 2 === 0 ? harness.claude : harness.gemini;
        // Job 0 never finishes on its own, so its cancel lands mid-flight however loaded the machine is.
        const scenario = i === 0 ? "hang" : i % 7 === 0 ? "slow" : "success";
        const env = { MOCK_CLI_SCENARIO: scenario, MOCK_CLI_DELAY_MS: String(200 + ((i * 137) % 1300)) };
        const id = await launch(h, work, env, `job ${i}`);
        const cancelled = i % CANCEL_EVERY === 0;
        if (cancelled) cancels.push(sleep((i * 53) % 900).then(async () => (await h.run(["cancel", "--job", id])).json));
        return { id, h, cancelled };
      }),
    );
    expect(new Set(jobs.map((job) => job.id)).size).toBe(JOBS);

    for (const outcome of await Promise.all(cancels)) expect(OK_CANCEL_OUTCOMES).toContain(outcome.outcome);
    const finals = await Promise.all(jobs.map((job) => eventually(async () => {
      const now = await record(job.h, job.id);
      return isTerminal(now.status) ? now : null;
    }, 180_000, 250)));
    polling = false;
    await Promise.all(pollers);
    expect(pollFailures).toEqual([]);
    expect(polls).toBeGreaterThan(2);

    jobs.forEach((job, i) => {
      const final = finals[i] as Json;
      expect(final.status, `${job.id}: ${String(final.error_message)}`).toBe(job.cancelled && final.status === "cancelled" ? "cancelled" : "completed");
    });
    expect(finals[0]?.status).toBe("cancelled");

    const results = await mapLimit(jobs, 6, async (job) => ({ job, run: await job.h.run(["result", "--job", job.id]) }));
    for (const { job, run } of results) {
      expect(run.json).toMatchObject({ job_id: job.id, collected_at: expect.any(String) });
      expect(run.exitCode).toBe(run.json.status === "completed" ? 0 : 1);
    }

    for (const target of ["claude", "gemini"] as const) {
      const audit = await auditStore(harness.claude.stateDir, target);
      expect(audit.problems).toEqual([]);
      const expected = jobs.filter((job) => job.h.target === target).map((job) => job.id).sort();
      expect([...audit.records.keys()].sort()).toEqual(expected);
      for (const stored of audit.records.values()) expect(["completed", "cancelled"]).toContain(stored.status);
    }
  });
});

import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readWorkspaceLogs } from "./support/workspace-logs.js";
import { Harness } from "../support/companion.js";
import { type Json, readRecord, writeRecord } from "../support/store.js";
import { launch, whenRunning } from "./support/jobs.js";
import { Processes } from "./support/processes.js";

const DAY_S = 24 * 3600;
const agoIso = (seconds: number): string => new Date(Date.now() - seconds * 1000).toISOString();

/** Retention is core code shared by both bins; one target exercises it. */
describe("retention (SPEC §6.4)", () => {
  let h: Harness;
  let work: string;
  const procs = new Processes();

  beforeEach(async () => {
    h = await Harness.create("claude");
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "app.ts"), "export const x = 1;\n");
  });
  afterEach(async () => {
    procs.killAll();
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const jobsDir = (): string => join(h.stateDir, "claude", "jobs");
  const indexEntries = async (): Promise<string[]> => [...(await readWorkspaceLogs(h.stateDir, "claude")).current.keys()].sort();

  /** A real finished job (record, logs, index entry), then aged as if it ended `endedAgoS` ago. */
  async function finishedJob(endedAgoS: number, options: { mode?: string; collected?: boolean; scenario?: string } = {}): Promise<string> {
    const run = await h.run(["run", "--mode", options.mode ?? "rescue", "--cwd", work, "job"], { env: { MOCK_CLI_SCENARIO: options.scenario ?? "success" } });
    const jobId = String(run.json.job_id);
    const aged: Json = { ...(await readRecord(h.stateDir, "claude", jobId)), created_at: agoIso(endedAgoS + 60), ended_at: agoIso(endedAgoS) };
    await writeRecord(h.stateDir, "claude", { ...aged, collected_at: options.collected ? agoIso(endedAgoS) : null });
    return jobId;
  }

  const prune = (args: string[], env: Record<string, string>) => h.run(["prune", ...args], { env });
  const removedIds = (json: Json): Record<string, string> =>
    Object.fromEntries((json.removed as { job_id: string; reason: string }[]).map((e) => [e.job_id, e.reason]));

  it("prune --dry-run reports TTL and cap evictions and deletes nothing; prune then removes exactly those, with logs and index entries", async () => {
    const expired = await finishedJob(10 * DAY_S, { collected: true });
    const oldFailed = await finishedJob(3 * DAY_S, { scenario: "crash" });
    const uncollected = await finishedJob(2 * DAY_S);
    const recent = await finishedJob(1 * DAY_S, { collected: true });
    const env = { COMPANION_MAX_JOBS: "1" };
    const before = { dirs: (await readdir(jobsDir())).sort(), index: await indexEntries() };

    const dry = await prune(["--dry-run"], env);
    expect(dry.exitCode).toBe(0);
    expect(dry.json).toMatchObject({ ok: true, dry_run: true, max_jobs: 1, unreadable: [] });
    // The cap counts the uncollected result but never evicts it, so the newer collected one goes.
    expect(removedIds(dry.json)).toEqual({ [expired]: "ttl", [oldFailed]: "cap", [recent]: "cap" });
    expect({ dirs: (await readdir(jobsDir())).sort(), index: await indexEntries() }).toEqual(before);

    const real = await prune([], env);
    expect(real.exitCode).toBe(0);
    expect(removedIds(real.json)).toEqual(removedIds(dry.json));
    expect(await readdir(jobsDir())).toEqual([uncollected]);
    expect(await indexEntries()).toEqual([uncollected]);
    expect(existsSync(join(work, "app.ts"))).toBe(true);
    const listed = await h.run(["status", "--all"]);
    expect((listed.json.jobs as Json[]).map((job) => job.job_id)).toEqual([uncollected]);
    expect((await h.run(["result", "--job", expired])).json).toMatchObject({ ok: false, error: "not_found" });

    expect(removedIds((await prune([], env)).json)).toEqual({});
  });

  it("a listing after prune compacted the workspace log shows every job newest first, with what happened since, even when the block is damaged", async () => {
    const older = await finishedJob(3 * DAY_S);
    const old = await finishedJob(2 * DAY_S);
    expect(removedIds((await prune([], {})).json)).toEqual({});
    const later = await finishedJob(0);
    expect((await h.run(["result", "--job", older])).exitCode).toBe(0);
    const listing = async (): Promise<Json[]> => {
      const run = await h.run(["status", "--cwd", work]);
      expect(run.exitCode).toBe(0);
      return run.json.jobs as Json[];
    };
    const expected = [
      { job_id: later, collected: false },
      { job_id: old, collected: false },
      { job_id: older, collected: true },
    ];
    expect(await listing()).toMatchObject(expected);
    const [log] = (await readdir(join(h.stateDir, "claude", "workspaces"))).map((name) => join(h.stateDir, "claude", "workspaces", name));
    const text = await readFile(log as string, "utf8");
    expect(text.startsWith('{"compacted":{')).toBe(true);
    await writeFile(log as string, text.replace(/"jobs":\d+/, '"jobs":7'));
    expect(await listing()).toMatchObject(expected);
  });

  it("an uncollected completed result survives the cap and is evicted only by the TTL", async () => {
    const older = await finishedJob(120);
    const newer = await finishedJob(60);
    expect(removedIds((await prune([], { COMPANION_MAX_JOBS: "1" })).json)).toEqual({});
    expect(removedIds((await prune([], { COMPANION_MAX_JOBS: "1", COMPANION_TTL: "90" })).json)).toEqual({ [older]: "ttl" });
    expect(await readdir(jobsDir())).toEqual([newer]);
  });

  it("never evicts an active job, however old and however tight the limits", async () => {
    const jobId = await launch(h, work, { MOCK_CLI_SCENARIO: "hang" });
    const { target } = await whenRunning(h, jobId);
    procs.track(target.pid);
    await writeRecord(h.stateDir, "claude", { ...(await readRecord(h.stateDir, "claude", jobId)), created_at: agoIso(30 * DAY_S) });
    await finishedJob(2 * DAY_S, { collected: true });
    const pruned = await prune([], { COMPANION_MAX_JOBS: "1", COMPANION_TTL: "1" });
    expect(Object.keys(removedIds(pruned.json))).not.toContain(jobId);
    expect(await readdir(jobsDir())).toEqual([jobId]);
    expect((await h.run(["cancel", "--job", jobId])).json).toMatchObject({ outcome: "signaled", job_status: "cancelled" });
  });

  it("removes a contained review's private working directory with its record, and never the user's directory", async () => {
    const review = await finishedJob(10 * DAY_S, { mode: "review", collected: true });
    const rescue = await finishedJob(10 * DAY_S, { collected: true });
    const chainDir = String((await readRecord(h.stateDir, "claude", review)).target_cwd);
    expect(chainDir.startsWith(join(h.stateDir, "claude"))).toBe(true);
    expect(existsSync(chainDir)).toBe(true);
    expect((await readRecord(h.stateDir, "claude", rescue)).target_cwd).toBe(work);
    expect(removedIds((await prune([], {})).json)).toEqual({ [review]: "ttl", [rescue]: "ttl" });
    expect(existsSync(chainDir)).toBe(false);
    expect(existsSync(join(work, "app.ts"))).toBe(true);
  });

  it("run applies retention lazily", async () => {
    const expired = await finishedJob(10 * DAY_S, { collected: true });
    await rm(join(h.stateDir, "claude", "last-prune"));
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "next"]);
    expect(run.exitCode).toBe(0);
    expect(await readdir(jobsDir())).toEqual([String(run.json.job_id)]);
    expect(await indexEntries()).not.toContain(expired);
  });

  it.each([
    ["COMPANION_TTL", "abc"],
    ["COMPANION_MAX_JOBS", "-1"],
  ])("%s=%s is a usage error naming the variable, for run and prune, before any job starts", async (name, value) => {
    const env = { [name]: value };
    for (const args of [["run", "--mode", "rescue", "--cwd", work, "job"], ["prune"], ["prune", "--dry-run"]]) {
      const result = await h.run(args, { env });
      expect(result.exitCode).toBe(2);
      expect(result.json).toMatchObject({ ok: false, error: "usage_error" });
      expect(String(result.json.message)).toContain(`${name} must be`);
      expect(String(result.json.message)).toContain(JSON.stringify(value));
      expect(result.stderr).toContain(name);
    }
    expect(existsSync(jobsDir())).toBe(false);
    expect(existsSync(String(h.env.MOCK_CLI_LOG))).toBe(false);
  });
});

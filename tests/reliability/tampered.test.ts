import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rename, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "../support/companion.js";
import { type Json, forgeActiveRecord, readRecord, recordPath, writeRecord } from "../support/store.js";
import { startWorker, whenTerminal } from "./support/jobs.js";

const DAY_MS = 24 * 3600 * 1000;
const JOB_COMMANDS = [["status", "--job"], ["result", "--job"], ["wait", "--timeout", "1", "--job"], ["cancel", "--job"], ["continue", "--job"]] as const;

/** Store handling is core code shared by both bins; one target exercises it. */
describe("tampered stores and bad input (SPEC §6.1)", () => {
  let h: Harness;
  let work: string;
  let outside: string;

  beforeEach(async () => {
    h = await Harness.create("claude");
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    outside = join(h.dir, "outside");
    await mkdir(outside);
    await writeFile(join(outside, "precious.txt"), "keep me\n");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const goodJob = async (): Promise<Json> => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "good"]);
    expect(run.exitCode).toBe(0);
    return run.json;
  };

  it.each([
    ["not a uuid", "not-a-uuid"],
    ["path traversal", "../../outside/precious.txt"],
    ["traversal dressed as an id", "../3f1c2a9e-0000-4000-8000-000000000000"],
    ["absolute path", "/etc/passwd"],
    ["uppercase", "3F1C2A9E-0000-4000-8000-000000000000"],
    ["uuid v1", "3f1c2a9e-0000-1000-8000-000000000000"],
    ["trailing newline", "3f1c2a9e-0000-4000-8000-000000000000\n"],
    ["empty", ""],
  ])("a malformed job id (%s) is a usage error for every command, before any path is touched", async (_label, id) => {
    for (const command of JOB_COMMANDS) {
      const run = await h.run([...command, id, ...(command[0] === "continue" ? ["more"] : [])]);
      expect(run.exitCode, `${command.join(" ")}: ${run.stdout}`).toBe(2);
      expect(run.json).toMatchObject({ ok: false, error: "usage_error" });
    }
    expect(existsSync(h.stateDir)).toBe(false);
    expect(await readFile(join(outside, "precious.txt"), "utf8")).toBe("keep me\n");
  });

  const tamperings: [string, (file: string, record: Json) => Promise<void>, string][] = [
    ["replaced by a directory", async (file) => { await rm(file); await mkdir(file); }, "corrupt_record"],
    ["replaced by a symlink to a valid record", async (file, record) => {
      await writeFile(join(outside, "record.json"), JSON.stringify(record));
      await rm(file);
      await symlink(join(outside, "record.json"), file);
    }, "corrupt_record"],
    ["truncated", async (file) => writeFile(file, (await readFile(file, "utf8")).slice(0, 100)), "corrupt_record"],
    ["not JSON", async (file) => writeFile(file, "\u0000\u0001 garbage"), "corrupt_record"],
    ["empty", async (file) => writeFile(file, ""), "corrupt_record"],
    ["a JSON array", async (file) => writeFile(file, "[1, 2]"), "corrupt_record"],
    ["missing fields", async (file, record) => writeFile(file, JSON.stringify({ ...record, status: undefined })), "corrupt_record"],
    ["from a newer schema", async (file, record) => writeFile(file, JSON.stringify({ ...record, schema_version: 99, new_field: 1 })), "unsupported_schema"],
  ];

  it.each(tamperings)("a record %s is reported for that job only; other jobs and files outside the store are unaffected", async (_label, tamper, code) => {
    const good = await goodJob();
    const bad = await goodJob();
    const badId = String(bad.job_id);
    await tamper(recordPath(h.stateDir, "claude", badId), bad);
    const outsideBefore = await readdir(outside);

    for (const command of JOB_COMMANDS) {
      const run = await h.run([...command, badId, ...(command[0] === "continue" ? ["more"] : [])]);
      expect(run.exitCode, `${command.join(" ")}: ${run.stdout}`).toBe(1);
      expect(run.json).toMatchObject({ ok: false, error: code, suggested_action: expect.any(String) });
    }
    const listed = await h.run(["status", "--all"]);
    expect(listed.exitCode).toBe(0);
    expect((listed.json.jobs as Json[]).map((job) => job.job_id)).toEqual([good.job_id]);
    expect(listed.json.problems).toEqual([{ job_id: badId, error: expect.any(String) }]);
    expect((await h.run(["status", "--job", String(good.job_id)])).json).toMatchObject({ status: "completed" });

    const pruned = await h.run(["prune"], { env: { COMPANION_TTL: "1", COMPANION_MAX_JOBS: "1" } });
    expect(pruned.json).toMatchObject({ ok: true, unreadable: [{ job_id: badId }] });
    expect(existsSync(join(h.stateDir, "claude", "jobs", badId))).toBe(true);
    expect(await readdir(outside)).toEqual(outsideBefore);
    expect(await readFile(join(outside, "precious.txt"), "utf8")).toBe("keep me\n");
  });

  it("prune of a job directory swapped for a symlink reports it and never follows it", async () => {
    const job = await goodJob();
    const id = String(job.job_id);
    const dir = join(h.stateDir, "claude", "jobs", id);
    await writeFile(join(outside, "record.json"), JSON.stringify({ ...job, ended_at: new Date(Date.now() - 30 * DAY_MS).toISOString() }));
    await rm(dir, { recursive: true });
    await symlink(outside, dir);
    const pruned = await h.run(["prune"]);
    // The record behind the link is never read, so it is not evicted either: it is reported.
    expect(pruned.json).toMatchObject({ ok: true, removed: [], unreadable: [{ job_id: id, reason: expect.stringContaining("symbolic link") as unknown }] });
    expect(await readdir(outside)).toEqual(["precious.txt", "record.json"]);
  });

  it("a state dir that is a regular file is a clear I/O error for every command, and the file is left alone", async () => {
    const file = join(h.dir, "state-file");
    await writeFile(file, "not a directory\n");
    const env = { COMPANION_STATE_DIR: file };
    for (const args of [["run", "--mode", "rescue", "--cwd", work, "x"], ["run", "--mode", "rescue", "--background", "--cwd", work, "x"], ["status", "--cwd", work], ["prune"]]) {
      const run = await h.run(args, { env });
      expect(run.exitCode, `${args.join(" ")}: ${run.stdout}`).toBe(1);
      expect(run.json).toMatchObject({ ok: false, error: "io_error", suggested_action: expect.any(String) });
      expect(String(run.json.message)).toContain(file);
    }
    expect(await readFile(file, "utf8")).toBe("not a directory\n");
  });

  it("a log write that fails (disk full) does not cost the job its result", async () => {
    const template = await goodJob();
    const jobId = await forgeActiveRecord(h.stateDir, "claude", template, { status: "queued" });
    const jobDir = join(h.stateDir, "claude", "jobs", jobId);
    await symlink("/dev/full", join(jobDir, "stdout.log"));
    await symlink("/dev/full", join(jobDir, "stderr.log"));
    const worker = startWorker(h, jobId, { MOCK_CLI_RESULT_TEXT: "answer despite a full disk" });
    worker.handOff("go");
    const exited = await worker.child;
    expect(exited.exitCode, `${String(exited.stderr)} ${await readFile(join(jobDir, "worker.log"), "utf8").catch(() => "")}`).toBe(0);
    expect(await whenTerminal(h, jobId)).toMatchObject({ status: "completed", result: expect.stringContaining("answer despite a full disk") });
    expect(await readRecord(h.stateDir, "claude", jobId)).toMatchObject({ status: "completed" });
  });

  it("a lock left behind by a killed writer is broken, and the next reconcile goes through", async () => {
    const template = await goodJob();
    const jobId = await forgeActiveRecord(h.stateDir, "claude", template, { status: "running", worker_pid_info: { pid: 4_194_000, starttime: "1", argv0: "node" } });
    const lock = `${recordPath(h.stateDir, "claude", jobId)}.lock`;
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    const status = await h.run(["status", "--job", jobId]);
    expect(status.json).toMatchObject({ status: "stale", error_code: "stale_active_job" });
    expect(existsSync(lock)).toBe(false);
  });

  it("a record written by hand with an unknown status is refused, not guessed at", async () => {
    const job = await goodJob();
    await writeRecord(h.stateDir, "claude", { ...job, status: "paused" });
    const run = await h.run(["status", "--job", String(job.job_id)]);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ error: "corrupt_record" });
  });

  it("a job directory replaced by a symlink is refused by every command, and nothing is written where it points", async () => {
    const job = await goodJob();
    const jobDir = join(h.stateDir, "claude", "jobs", String(job.job_id));
    const elsewhere = join(outside, "job");
    await rename(jobDir, elsewhere);
    await symlink(elsewhere, jobDir);
    const before = (await readdir(elsewhere)).sort();
    const recordBefore = await readFile(join(elsewhere, "record.json"), "utf8");
    for (const command of JOB_COMMANDS) {
      const run = await h.run([...command, String(job.job_id), ...(command[0] === "continue" ? ["more"] : [])]);
      expect(run.exitCode, `${command.join(" ")}: ${run.stdout}`).toBe(1);
      expect(run.json).toMatchObject({ ok: false, error: "corrupt_record", message: expect.stringContaining("symbolic link") as unknown });
    }
    expect((await readdir(elsewhere)).sort()).toEqual(before);
    expect(await readFile(join(elsewhere, "record.json"), "utf8")).toBe(recordBefore);
  });
});

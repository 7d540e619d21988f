import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CompanionError } from "../errors/companion-error.js";
import { SCHEMA_VERSION } from "../record/values.js";
import { sampleRecord } from "../test-support/records.js";
import { JobStore } from "./job-store.js";
import { summariesOf, WorkspaceLog } from "./workspace-log.js";

let root: string;
let store: JobStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "store-test-"));
  store = new JobStore(root, "claude");
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("JobStore", () => {
  it("round-trips a record with private permissions", async () => {
    const record = sampleRecord();
    await store.create(record);
    expect(await store.get(record.job_id)).toEqual(record);
    const dirMode = (await stat(store.jobDir(record.job_id))).mode & 0o777;
    const fileMode = (await stat(join(store.jobDir(record.job_id), "record.json"))).mode & 0o777;
    expect(dirMode).toBe(0o700);
    expect(fileMode).toBe(0o600);
  });

  it("keeps targets apart", async () => {
    const record = sampleRecord();
    await store.create(record);
    expect((await new JobStore(root, "gemini").read(record.job_id)).outcome).toBe("not_found");
  });

  it("refuses a duplicate id instead of reusing the directory", async () => {
    const record = sampleRecord();
    await store.create(record);
    await expect(store.create(record)).rejects.toMatchObject({ code: "io_error", message: expect.stringContaining("EEXIST") as unknown });
    expect(await store.get(record.job_id)).toEqual(record);
  });

  it("lists by workspace and across all workspaces", async () => {
    const a = sampleRecord({ workspace_root: "/ws/a" });
    const b = sampleRecord({ workspace_root: "/ws/b" });
    await store.create(a);
    await store.create(b);
    expect(summariesOf(await store.workspaceListing("/ws/a")).map((job) => job.job_id)).toEqual([a.job_id]);
    expect((await store.allJobIds()).sort()).toEqual([a.job_id, b.job_id].sort());
    expect(await store.workspaceListing("/ws/none")).toEqual([]);
  });

  it("reports corrupt, truncated and newer-schema records per job", async () => {
    const record = sampleRecord();
    await store.create(record);
    const file = join(store.jobDir(record.job_id), "record.json");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.slice(0, 40));
    expect((await store.read(record.job_id)).outcome).toBe("corrupt");
    await writeFile(file, JSON.stringify({ ...record, schema_version: SCHEMA_VERSION + 1 }));
    expect(await store.read(record.job_id)).toEqual({ outcome: "newer_schema", version: SCHEMA_VERSION + 1 });
    await expect(store.get(record.job_id)).rejects.toMatchObject({ code: "unsupported_schema" });
  });

  it("treats a record replaced by a symlink or a directory as corrupt, never following it", async () => {
    const record = sampleRecord();
    await store.create(record);
    const file = join(store.jobDir(record.job_id), "record.json");
    const elsewhere = join(root, "elsewhere.json");
    await writeFile(elsewhere, JSON.stringify(record));
    await rm(file);
    await symlink(elsewhere, file);
    expect((await store.read(record.job_id)).outcome).toBe("corrupt");
    await rm(file);
    await mkdir(file);
    expect((await store.read(record.job_id)).outcome).toBe("corrupt");
  });

  it("rejects malformed ids before touching a path", async () => {
    for (const bad of ["../../etc/passwd", "", "not-a-uuid", "3F1C2A9E-0000-4000-8000-000000000000"]) {
      await expect(store.read(bad)).rejects.toBeInstanceOf(CompanionError);
    }
  });

  it("serialises concurrent updates: no increment is lost", async () => {
    const record = sampleRecord();
    await store.create(record);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.update(record.job_id, (current) => ({ ...current, progress: { ...current.progress, events: current.progress.events + 1 } })),
      ),
    );
    expect((await store.get(record.job_id)).progress.events).toBe(20);
  });

  it("keeps the workspace listing in step with status changes, not with progress", async () => {
    const record = sampleRecord({ workspace_root: "/ws/a" });
    await store.create(record);
    await store.update(record.job_id, (c) => ({ ...c, progress: { ...c.progress, events: 5 } }));
    await store.update(record.job_id, (c) => ({ ...c, status: "completed", ended_at: new Date().toISOString() }));
    const [summary] = summariesOf(await store.workspaceListing("/ws/a"));
    expect(summary).toMatchObject({ job_id: record.job_id, status: "completed", collected: false });
    // Named as every earlier version named it, so stores written before stay listed.
    const name = `${createHash("sha256").update("/ws/a").digest("hex").slice(0, 32)}.jsonl`;
    expect(await readdir(join(root, "claude", "workspaces"))).toEqual([name]);
    const log = await readFile(join(root, "claude", "workspaces", name), "utf8");
    expect(log.trim().split("\n")).toHaveLength(2);
    await store.compactWorkspaceLogs();
    expect(summariesOf(await store.workspaceListing("/ws/a")).map((job) => job.status)).toEqual(["completed"]);
  });

  it("an update of a job whose directory vanished fails at once with not_found", async () => {
    const record = sampleRecord();
    await store.create(record);
    await rm(store.jobDir(record.job_id), { recursive: true });
    await expect(store.update(record.job_id, (c) => c)).rejects.toMatchObject({ code: "not_found" });
  });

  it("update returning null leaves the record untouched", async () => {
    const record = sampleRecord();
    await store.create(record);
    const before = await stat(join(store.jobDir(record.job_id), "record.json"));
    await store.update(record.job_id, () => null);
    const after = await stat(join(store.jobDir(record.job_id), "record.json"));
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it("a job removed and compacted away while its update is written stays out of the listing", async () => {
    const keep = sampleRecord({ workspace_root: "/ws/a", status: "completed" });
    const drop = sampleRecord({ workspace_root: "/ws/a", status: "completed" });
    await store.create(keep);
    await store.create(drop);
    // A retention pass (prune) runs between the update's record write and its log line: it
    // removes the job, notes the removal and compacts the note away.
    const append = WorkspaceLog.prototype.append;
    let raced = false;
    const spy = vi.spyOn(WorkspaceLog.prototype, "append").mockImplementation(async function (this: WorkspaceLog, entry) {
      if (!("removed" in entry) && entry.job_id === drop.job_id && entry.collected) {
        spy.mockRestore();
        raced = true;
        await store.remove(drop.job_id, "/ws/a");
        await store.compactWorkspaceLogs();
      }
      return append.call(this, entry);
    });
    await store.update(drop.job_id, (c) => ({ ...c, collected_at: new Date().toISOString() }));
    expect(raced).toBe(true);
    expect(summariesOf(await store.workspaceListing("/ws/a")).map((job) => job.job_id)).toEqual([keep.job_id]);
    await store.compactWorkspaceLogs();
    expect(summariesOf(await store.workspaceListing("/ws/a")).map((job) => job.job_id)).toEqual([keep.job_id]);
  });

  it("remove deletes the job directory and its workspace entry only", async () => {
    const keep = sampleRecord({ workspace_root: "/ws/a" });
    const drop = sampleRecord({ workspace_root: "/ws/a" });
    await store.create(keep);
    await store.create(drop);
    await store.remove(drop.job_id, "/ws/a");
    expect(summariesOf(await store.workspaceListing("/ws/a")).map((job) => job.job_id)).toEqual([keep.job_id]);
    expect((await store.read(drop.job_id)).outcome).toBe("not_found");
  });
});

describe("a job directory replaced by a symbolic link", () => {
  it("is refused for reads and writes, and nothing is written where it points", async () => {
    const record = sampleRecord();
    await store.create(record);
    const outside = join(root, "outside");
    await rename(store.jobDir(record.job_id), outside);
    await symlink(outside, store.jobDir(record.job_id));
    const before = await readdir(outside);

    expect(await store.read(record.job_id)).toEqual({ outcome: "corrupt", reason: expect.stringContaining("symbolic link") as unknown });
    await expect(store.get(record.job_id)).rejects.toMatchObject({ code: "corrupt_record" });
    await expect(store.update(record.job_id, (current) => ({ ...current, status: "running" }))).rejects.toMatchObject({
      code: "corrupt_record",
      message: expect.stringContaining("symbolic link") as unknown,
    });
    expect(await readdir(outside)).toEqual(before);
    expect(JSON.parse(await readFile(join(outside, "record.json"), "utf8"))).toMatchObject({ status: "queued" });
  });
});

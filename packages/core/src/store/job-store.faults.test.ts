import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type * as AtomicWrite from "./atomic-write.js";
import { sampleRecord } from "../test-support/records.js";
import { JobStore } from "./job-store.js";

/** An injectable failing writer: the atomic record write fails like a full disk would. */
const writer = vi.hoisted(() => ({ fail: false }));
vi.mock("./atomic-write.js", async (importActual) => {
  const actual = (await importActual<typeof AtomicWrite>()).writeFileAtomically;
  return {
    writeFileAtomically: (...args: Parameters<typeof actual>) => {
      if (writer.fail) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      actual(...args);
    },
  };
});

let root: string;
let store: JobStore;

beforeEach(async () => {
  writer.fail = false;
  root = await mkdtemp(join(tmpdir(), "store-faults-"));
  store = new JobStore(root, "claude");
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("JobStore when a record write fails", () => {
  it("create reports an I/O error a user can act on and leaves no half-created job behind", async () => {
    const record = sampleRecord({ workspace_root: "/ws/a" });
    writer.fail = true;
    await expect(store.create(record)).rejects.toMatchObject({ code: "io_error", suggestedAction: expect.stringContaining(store.root) });
    expect(await readdir(join(store.root, "jobs"))).toEqual([]);
    expect(await store.workspaceListing("/ws/a")).toEqual([]);
    writer.fail = false;
    await store.create(record);
    expect(await store.get(record.job_id)).toEqual(record);
  });

  it("update reports an I/O error, keeps the previous record whole, and releases the lock", async () => {
    const record = sampleRecord();
    await store.create(record);
    writer.fail = true;
    await expect(store.update(record.job_id, (current) => ({ ...current, status: "running" }))).rejects.toMatchObject({ code: "io_error" });
    expect(await store.get(record.job_id)).toEqual(record);
    expect(await readdir(store.jobDir(record.job_id))).toEqual(["record.json"]);
    writer.fail = false;
    await store.update(record.job_id, (current) => ({ ...current, status: "running" }));
    expect((await store.get(record.job_id)).status).toBe("running");
  });
});

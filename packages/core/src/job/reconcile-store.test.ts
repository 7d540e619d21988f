import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyIdentity } from "../identity/verify.js";
import type { PidInfo } from "../record/schema.js";
import { JobStore } from "../store/job-store.js";
import { sampleRecord } from "../test-support/records.js";
import { reconcile } from "./reconcile.js";

let root: string;
let store: JobStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "reconcile-store-"));
  store = new JobStore(root, "claude");
});
afterEach(() => rm(root, { recursive: true, force: true }));

const exitedPid = async (): Promise<number> => {
  const child = spawn("true", [], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid as number;
};
const gone = async (): Promise<PidInfo> => ({ pid: await exitedPid(), starttime: "1", argv0: process.execPath });

describe("reconcile against the store", () => {
  it("writes stale for provably gone processes", async () => {
    const record = sampleRecord({ status: "running", worker_pid_info: await gone(), pid_info: await gone() });
    await store.create(record);
    expect(await reconcile(store, record)).toMatchObject({ status: "stale", error_code: "stale_active_job" });
    expect((await store.get(record.job_id)).status).toBe("stale");
  });

  it("never writes stale when identity cannot be checked (no procfs)", async () => {
    const record = sampleRecord({ status: "running", worker_pid_info: await gone(), pid_info: await gone() });
    await store.create(record);
    const blind = (info: PidInfo) => verifyIdentity(info, { procRoot: join(root, "no-proc") });
    expect(await reconcile(store, record, new Date(), blind)).toEqual(record);
    expect(await store.get(record.job_id)).toEqual(record);
  });

  it("does not overwrite a job that finished between the read and the verdict", async () => {
    const record = sampleRecord({ status: "running", worker_pid_info: await gone(), pid_info: await gone() });
    await store.create(record);
    const finished = await store.update(record.job_id, (current) => ({ ...current, status: "completed", result: "done" }));
    expect(await reconcile(store, record)).toEqual(finished);
    expect(await store.get(record.job_id)).toEqual(finished);
  });
});

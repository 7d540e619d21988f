import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type * as AtomicWrite from "./atomic-write.js";
import { finalizeRecord, markCollected, markRunning, withProgress } from "../record/build.js";
import { sampleRecord } from "../test-support/records.js";
import { JobStore } from "./job-store.js";

// Which record writes are fsynced: the real atomic write, with its options recorded.
const fsyncs = vi.hoisted(() => [] as boolean[]);
vi.mock("./atomic-write.js", async (importOriginal) => {
  const real = (await importOriginal<typeof AtomicWrite>()).writeFileAtomically;
  return {
    writeFileAtomically: (...args: Parameters<typeof real>) => {
      fsyncs.push(args[2].durable);
      real(...args);
    },
  };
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "store-durability-"));
  fsyncs.length = 0;
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("record durability", () => {
  it("fsyncs a job's creation and its ending, not the states in between", async () => {
    const store = new JobStore(root, "claude");
    const record = sampleRecord();
    await store.create(record);
    await store.update(record.job_id, (current) => markRunning(current, null));
    await store.update(record.job_id, (current) => withProgress(current, { events: 1, tool_calls: 0, last_event_at: null, last_text: "hi" }, null));
    await store.update(record.job_id, (current) => finalizeRecord(current, { ending: "error", error: { error_code: "spawn_failed", message: "m", suggested_action: "s" } }, []));
    await store.update(record.job_id, (current) => markCollected(current));
    expect(fsyncs).toEqual([true, false, false, true, false]);
    expect((await store.get(record.job_id)).collected_at).not.toBeNull();
  });
});

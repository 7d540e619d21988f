import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import type { Target } from "./companion.js";

export type Json = Record<string, unknown>;

export const recordPath = (stateDir: string, target: Target, jobId: string): string => join(stateDir, target, "jobs", jobId, "record.json");

export async function readRecord(stateDir: string, target: Target, jobId: string): Promise<Json> {
  return JSON.parse(await readFile(recordPath(stateDir, target, jobId), "utf8")) as Json;
}

export async function writeRecord(stateDir: string, target: Target, record: Json): Promise<void> {
  const path = recordPath(stateDir, target, String(record.job_id));
  await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
  await writeFile(path, JSON.stringify(record, null, 2), { mode: 0o600 });
}

/**
 * Read-modify-write of a live job's record under the lock the companion itself takes for every
 * record change, so a worker's concurrent write (progress, identity) starts from ours.
 */
export async function updateRecord(stateDir: string, target: Target, jobId: string, change: (current: Json) => Json): Promise<void> {
  const path = recordPath(stateDir, target, jobId);
  const release = await lockfile.lock(path, { realpath: false, stale: 10_000, retries: { retries: 100, minTimeout: 5, maxTimeout: 100 } });
  try {
    await writeRecord(stateDir, target, change(await readRecord(stateDir, target, jobId)));
  } finally {
    await release();
  }
}

/** A copy of a real record under a new id, reset to an active status (tests of states hard to reach live). */
export async function forgeActiveRecord(stateDir: string, target: Target, template: Json, overrides: Json): Promise<string> {
  const jobId = randomUUID();
  await writeRecord(stateDir, target, {
    ...template,
    job_id: jobId,
    status: "queued",
    ended_at: null,
    exit_code: null,
    signal: null,
    error_code: null,
    error_message: null,
    suggested_action: null,
    result: null,
    collected_at: null,
    pid_info: null,
    worker_pid_info: null,
    ...overrides,
  });
  return jobId;
}

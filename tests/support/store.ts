import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
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

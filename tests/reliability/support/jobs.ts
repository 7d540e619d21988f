import { execa, type ResultPromise } from "execa";
import { expect } from "vitest";
import { type Harness, binOf, eventually } from "../../support/companion.js";
import { type Json, readRecord } from "../../support/store.js";
import type { PidInfo } from "./processes.js";

export const TERMINAL = ["completed", "failed", "cancelled", "stale"] as const;
export const isTerminal = (status: unknown): boolean => (TERMINAL as readonly unknown[]).includes(status);

/** Starts a background rescue job and returns its id once it is durably queued. */
export async function launch(h: Harness, cwd: string, env: Record<string, string> = {}, prompt = "work"): Promise<string> {
  const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", cwd, "--", prompt], { env });
  expect(launched.exitCode, launched.stderr).toBe(0);
  return String(launched.json.job_id);
}

export const record = (h: Harness, jobId: string): Promise<Json> => readRecord(h.stateDir, h.target, jobId);

/** Waits until the job runs with both its worker's and its target's identity recorded. */
export async function whenRunning(h: Harness, jobId: string): Promise<{ worker: PidInfo; target: PidInfo; record: Json }> {
  const current = await eventually(async () => {
    const now = await record(h, jobId);
    return now.status === "running" && now.pid_info && now.worker_pid_info ? now : null;
  });
  return { worker: current.worker_pid_info as PidInfo, target: current.pid_info as PidInfo, record: current };
}

export async function whenTerminal(h: Harness, jobId: string, timeoutMs = 30_000): Promise<Json> {
  return eventually(async () => {
    const now = await record(h, jobId);
    return isTerminal(now.status) ? now : null;
  }, timeoutMs);
}

/**
 * The hidden worker started by hand, with its stdin held open: it is stuck before it records
 * itself until `handOff` is called, which pins the "queued, worker not yet recorded" phase.
 */
export function startWorker(h: Harness, jobId: string, env: Record<string, string> = {}): { child: ResultPromise; handOff: (prompt: string) => void } {
  const child = execa(process.execPath, [binOf(h.target), "__worker", "--job", jobId], {
    cwd: h.dir,
    env: { ...h.env, ...env },
    extendEnv: false,
    reject: false,
    stdin: "pipe",
  });
  const handOff = (prompt: string): void => {
    child.stdin?.end(JSON.stringify({ prompt, jsonSchema: null, keepSnapshot: false, includeSecrets: [] }));
  };
  return { child, handOff };
}

import { setTimeout as sleep } from "node:timers/promises";
import { finalizeJob } from "../job/finalize.js";
import { assessLiveness } from "../job/reconcile.js";
import { KILL_GRACE_MS } from "../process/group-kill.js";
import type { JobRecord, PidInfo } from "../record/schema.js";
import { isActive } from "../record/values.js";
import type { JobStore } from "../store/job-store.js";
import { decideCancel } from "./decide.js";
import { gatherEvidence } from "./evidence.js";
import { type MarkerWrite, writeCancelMarker } from "./marker.js";
import type { CancelOutcome } from "./outcome.js";
import { terminateVerified, type TerminateOutcome } from "./signal.js";

/** The effects a cancel has; tests replace them to drive races deterministically. */
export interface CancelEffects {
  writeMarker(): Promise<MarkerWrite>;
  terminate(info: PidInfo): Promise<TerminateOutcome>;
}

/** `settled`: the job as the cancel left it, when the cancel waited for it to end. */
export interface CancelResult {
  outcome: CancelOutcome;
  settled: JobRecord | null;
}

type Stopped = Extract<TerminateOutcome, { outcome: "signaled" | "already_dead" }>;

/**
 * How long cancel waits for the job's own finalization to record `cancelled`: normally
 * milliseconds, but a loaded machine can take seconds, and callers want the final status.
 */
const SETTLE_MS = 10_000;
const POLL_MS = 50;

/**
 * SPEC §7.2. The marker is written before any signal, and a failed marker write stops the
 * cancel before anything is signalled: without the marker the job could finish `completed`.
 */
export async function cancelJob(store: JobStore, jobId: string, options: { force: boolean; effects?: Partial<CancelEffects> }): Promise<CancelResult> {
  if ((await store.read(jobId)).outcome === "not_found") return { outcome: { outcome: "not_found" }, settled: null };
  const record = await store.get(jobId);
  const jobDir = store.jobDir(jobId);
  const effects: CancelEffects = {
    writeMarker: () => writeCancelMarker(jobDir, { force: options.force }),
    terminate: (info) => terminateVerified(info, { force: options.force, graceMs: KILL_GRACE_MS, pollMs: POLL_MS }),
    ...options.effects,
  };
  const step = decideCancel({ status: record.status, evidence: await gatherEvidence(record) });
  switch (step.step) {
    case "finish":
      return { outcome: step.outcome, settled: step.outcome.outcome === "already_dead" ? await settle(store, jobId) : null };
    case "mark": {
      const written = await effects.writeMarker();
      return { outcome: written.outcome === "written" ? { outcome: "cancel_pending" } : { outcome: "cancel_failed", reason: written.reason }, settled: null };
    }
    case "signal": {
      const written = await effects.writeMarker();
      if (written.outcome === "error") return { outcome: { outcome: "cancel_failed", reason: written.reason }, settled: null };
      const stopped = await effects.terminate(step.target);
      if (stopped.outcome !== "signaled" && stopped.outcome !== "already_dead") return { outcome: stopped, settled: null };
      const settled = await settle(store, jobId);
      return { outcome: attributeStop(stopped, settled, options.force), settled };
    }
  }
}

/**
 * Once our marker is down for a verified live target, its worker stops the target too (it
 * polls the marker) and may get there first: the target is gone before our SIGTERM, or the
 * worker's SIGKILL lands before our grace period ends. A job that then ends `cancelled` was
 * stopped by this cancel, and the signal that ended the target — as its worker, the parent,
 * saw it — is the one reported. Pure.
 */
export function attributeStop(stopped: Stopped, settled: JobRecord, force: boolean): CancelOutcome {
  if (settled.status !== "cancelled") return stopped;
  const sent = stopped.outcome === "signaled" ? stopped.signal : force ? "SIGKILL" : "SIGTERM";
  const signal = settled.signal === "SIGTERM" || settled.signal === "SIGKILL" ? settled.signal : sent;
  return { outcome: "signaled", signal, escalated: !force && signal === "SIGKILL", exited: true };
}

/**
 * After the target is stopped, its worker records `cancelled`. If the worker is itself
 * provably gone (crashed), nobody else will, so cancel records it.
 */
async function settle(store: JobStore, jobId: string): Promise<JobRecord> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    const record = await store.get(jobId);
    if (!isActive(record.status)) return record;
    if ((await assessLiveness(record, new Date())).verdict === "gone") {
      return finalizeJob(store, jobId, { ending: "cancelled", outcome: null, exitCode: null, signal: null }, []);
    }
    if (Date.now() >= deadline) return record;
    await sleep(POLL_MS);
  }
}

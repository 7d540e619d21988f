import { setTimeout as sleep } from "node:timers/promises";
import { cancelEnvelope, type CancelOutcome } from "../cancel/outcome.js";
import { carryOutCancel } from "../cancel/carry-out.js";
import { decideCancel } from "../cancel/decide.js";
import { gatherEvidence } from "../cancel/evidence.js";
import { writeCancelMarker } from "../cancel/marker.js";
import { terminateVerified } from "../cancel/signal.js";
import { KILL_GRACE_MS } from "../process/group-kill.js";
import { finalizeJob } from "../job/finalize.js";
import { assessLiveness } from "../job/reconcile.js";
import { isActive, type JobRecord } from "../record/schema.js";
import { parseJobId } from "../store/job-id.js";
import type { JobStore } from "../store/job-store.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";

/**
 * How long cancel waits for the job's own finalization to record `cancelled`: normally
 * milliseconds, but a loaded machine can take seconds, and callers want the final status.
 */
const SETTLE_MS = 10_000;

export async function cancelOperation(ctx: OperationContext, input: InputOf<"cancel">): Promise<OperationResult> {
  const jobId = parseJobId(input.job);
  const { force } = input;
  const read = await ctx.store.read(jobId);
  if (read.outcome === "not_found") {
    const wrongBin = ctx.store.heldByOtherTarget(jobId);
    if (wrongBin) throw wrongBin;
  }
  const outcome: CancelOutcome =
    read.outcome === "not_found" ? { outcome: "not_found" } : await cancelRecord(ctx.store, await ctx.store.get(jobId), force);
  const { envelope, exit_code } = cancelEnvelope(jobId, outcome);
  const settled = outcome.outcome === "signaled" || outcome.outcome === "already_dead" ? await settle(ctx.store, jobId) : null;
  const document = settled ? { ...envelope, job_status: settled.status } : envelope;
  const human = `${jobId}: ${outcome.outcome}${settled ? ` (job ${settled.status})` : ""}${envelope.ok ? "" : ` — ${String(envelope.message)}`}`;
  return { document, exitCode: exit_code, human, ...(envelope.ok ? {} : { failed: true, notice: `cancel: ${String(envelope.message ?? outcome.outcome)}` }) };
}

async function cancelRecord(store: JobStore, record: JobRecord, force: boolean): Promise<CancelOutcome> {
  const jobDir = store.jobDir(record.job_id);
  const decision = decideCancel({ status: record.status, evidence: await gatherEvidence(record) });
  return carryOutCancel(decision, {
    writeMarker: () => writeCancelMarker(jobDir, { force }),
    terminate: (info) => terminateVerified(info, { force, graceMs: KILL_GRACE_MS, pollMs: 50 }),
  });
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
    await sleep(50);
  }
}

import type { TargetOutcome } from "../adapter/adapter.js";
import type { Ending } from "../record/build.js";
import type { JobRecord } from "../record/schema.js";
import type { JobStore } from "../store/job-store.js";

/**
 * Records a continued job's own cost when the target reports the session's running total
 * (SPEC §4): the total minus what the earlier jobs of the chain cost. When an earlier record
 * is gone (pruned, unreadable) the job's share cannot be told, so no cost is recorded.
 */
export async function withOwnCost(store: JobStore, record: JobRecord, ending: Ending): Promise<Ending> {
  if (ending.ending === "error" || ending.outcome === null || record.parent_job_id === null) return ending;
  const reported = ending.outcome.cost_usd;
  if (reported === null) return ending;
  const earlier = await chainCost(store, record.parent_job_id);
  const own = earlier === null ? null : ownShare(reported, earlier);
  const outcome: TargetOutcome = { ...ending.outcome, cost_usd: own, cost_source: own === null ? null : ending.outcome.cost_source };
  return { ...ending, outcome };
}

/** Pure: the session total less the chain's earlier cost, never below zero, without float noise. */
export const ownShare = (sessionTotal: number, earlier: number): number => Math.max(0, Math.round((sessionTotal - earlier) * 1e9) / 1e9);

/** What the jobs from `jobId` back to the start of the chain cost, or null if one is unreadable. */
async function chainCost(store: JobStore, jobId: string): Promise<number | null> {
  let total = 0;
  const seen = new Set<string>();
  for (let id: string | null = jobId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const read = await store.read(id);
    if (read.outcome !== "ok") return null;
    total += read.record.cost_usd ?? 0;
    id = read.record.parent_job_id;
  }
  return total;
}

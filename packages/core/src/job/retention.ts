import { rm, stat, utimes, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { JobRecord } from "../record/schema.js";
import { isActive } from "../record/values.js";
import { isJobId } from "../store/job-id.js";
import type { JobStore } from "../store/job-store.js";
import { sweepJobTempDirs } from "../store/temp-dirs.js";
import { reconcile } from "./reconcile.js";
import { deleteJobRefs } from "../isolation/refs.js";
import { removeWorktree } from "../isolation/worktree.js";
import { type RetentionPolicy, retentionPolicy } from "./retention-policy.js";

const LAZY_INTERVAL_MS = 3600 * 1000;

export interface Eviction {
  job_id: string;
  reason: "ttl" | "cap";
  status: JobRecord["status"];
  ended_at: string | null;
}

/**
 * Pure: which terminal records to evict. Active jobs are never evicted; a completed result
 * nobody collected yet is evicted only by TTL, never by the cap.
 */
export function selectEvictions(records: readonly JobRecord[], policy: RetentionPolicy, now: Date): Eviction[] {
  const terminal = records.filter((record) => !isActive(record.status));
  const endedAt = (record: JobRecord): number => Date.parse(record.ended_at ?? record.created_at);
  const expired = terminal.filter((record) => now.getTime() - endedAt(record) > policy.ttlMs);
  const expiredIds = new Set(expired.map((record) => record.job_id));
  const survivors = terminal.filter((record) => !expiredIds.has(record.job_id)).sort((a, b) => endedAt(a) - endedAt(b));
  const excess = Math.max(0, survivors.length - policy.maxJobs);
  const capped = survivors
    .filter((record) => !(record.status === "completed" && record.collected_at === null))
    .slice(0, excess);
  const describe = (reason: Eviction["reason"]) => (record: JobRecord): Eviction => ({
    job_id: record.job_id,
    reason,
    status: record.status,
    ended_at: record.ended_at,
  });
  return [...expired.map(describe("ttl")), ...capped.map(describe("cap"))];
}

export interface PruneReport {
  removed: Eviction[];
  kept: number;
  /** Records that could not be read; never removed automatically. */
  unreadable: { job_id: string; reason: string }[];
}

/** Applies retention now; waits while another process prunes or compacts this store. */
export async function prune(store: JobStore, policy: RetentionPolicy, options: { dryRun: boolean; now?: Date }): Promise<PruneReport> {
  return store.maintain(() => pruneHeld(store, policy, options));
}

async function pruneHeld(store: JobStore, policy: RetentionPolicy, options: { dryRun: boolean; now?: Date }): Promise<PruneReport> {
  const records: JobRecord[] = [];
  const unreadable: PruneReport["unreadable"] = [];
  for (const id of await store.allJobIds()) {
    const read = await store.read(id).catch((error: Error) => ({ outcome: "corrupt" as const, reason: error.message }));
    // A job whose worker was killed is over only once reconcile has proved it (stale).
    if (read.outcome === "ok") records.push(await reconcile(store, read.record).catch(() => read.record));
    else if (read.outcome !== "not_found") unreadable.push({ job_id: id, reason: read.outcome === "corrupt" ? read.reason : `schema ${read.version}` });
  }
  const removed = selectEvictions(records, policy, options.now ?? new Date());
  if (!options.dryRun) {
    const evicted = new Set(removed.map((eviction) => eviction.job_id));
    const [gone, kept] = [records.filter((r) => evicted.has(r.job_id)), records.filter((r) => !evicted.has(r.job_id))];
    for (const record of gone) await store.remove(record.job_id, record.workspace_root);
    await removeOrphanChains(store, gone, kept);
    for (const record of gone) if (record.containment === "worktree") await removeJobRefsQuietly(record);
    // Also when nothing went: a listing reads the compacted block without parsing it, and
    // everything appended since the last compaction line by line.
    await store.compactWorkspaceLogs();
    await sweepLeftovers(records, kept);
  }
  return { removed, kept: records.length - (options.dryRun ? 0 : removed.length), unreadable };
}

/**
 * A contained review chain runs in a private directory inside the store, shared by its
 * continuations; it goes when the last record of the chain does. Only directories directly
 * under the store's chains dir qualify: a rescue's target_cwd is the user's own tree.
 */
async function removeOrphanChains(store: JobStore, gone: readonly JobRecord[], kept: readonly JobRecord[]): Promise<void> {
  const inUse = new Set(kept.map((record) => record.target_cwd));
  for (const record of gone) {
    const dir = record.target_cwd;
    if (dir === null || inUse.has(dir) || dirname(dir) !== store.chainsDir || !isJobId(basename(dir))) continue;
    // An isolated chain's directory is a git worktree left by a killed worker: its entry
    // in the repository goes too.
    if (record.containment === "worktree") await removeWorktree(record.workspace_root, dir).catch(() => rm(dir, { recursive: true, force: true }));
    else await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Temp directories of jobs that are over: a killed worker never removed them (SPEC §6.4). A
 * kept snapshot stays while its record does; a live job's directories are never touched.
 */
async function sweepLeftovers(records: readonly JobRecord[], kept: readonly JobRecord[]): Promise<void> {
  const over = new Set(records.filter((record) => !isActive(record.status)).map((record) => record.job_id));
  const keep = new Set(kept.flatMap((record) => (record.snapshot_path === null ? [] : [record.snapshot_path])));
  await sweepJobTempDirs(over, keep);
}

/** An isolated job's private refs go with its record; a repository since deleted has none left. */
async function removeJobRefsQuietly(record: JobRecord): Promise<void> {
  await deleteJobRefs(record.workspace_root, record.target, record.job_id).catch(() => undefined);
}

/**
 * Retention on `run`, at most once an hour per store, so runs stay cheap with many records;
 * skipped when another process is already pruning.
 */
export async function pruneLazily(store: JobStore, env: NodeJS.ProcessEnv): Promise<void> {
  const stamp = join(store.root, "last-prune");
  const due = async (): Promise<boolean> => Date.now() - (await stat(stamp).then((s) => s.mtimeMs, () => 0)) >= LAZY_INTERVAL_MS;
  if (!(await due())) return;
  await store.maintainIfFree(async () => {
    // Another process may have pruned between our first look and taking the lock.
    if (!(await due())) return;
    await writeFile(stamp, "", { mode: 0o600 });
    const now = new Date();
    await utimes(stamp, now, now);
    await pruneHeld(store, retentionPolicy(env), { dryRun: false, now });
  });
}

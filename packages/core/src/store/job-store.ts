import { closeSync, constants, existsSync, fstatSync, lstatSync, mkdirSync, openSync, promises as fs, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { CompanionError } from "../errors/companion-error.js";
import { decodeRecord, encodeRecord } from "../record/codec.js";
import type { JobRecord, TargetName } from "../record/schema.js";
import { summarize, summaryChanged } from "../record/summary.js";
import { isActive } from "../record/values.js";
import { writeFileAtomically } from "./atomic-write.js";
import { parseJobId } from "./job-id.js";
import { withLock, withLockIfFree } from "./lock.js";
import { otherTargetHolding } from "./other-target.js";
import { type ListingPart, WorkspaceLog } from "./workspace-log.js";

export type ReadOutcome =
  | { outcome: "ok"; record: JobRecord }
  | { outcome: "not_found" }
  | { outcome: "corrupt"; reason: string }
  | { outcome: "newer_schema"; version: number };

const RECORD = "record.json";
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * One target's jobs on disk: `<root>/<target>/jobs/<id>/record.json` plus logs and the
 * cancel marker beside it, and `workspaces/<hash>.jsonl`, the summary log a workspace
 * listing reads (see WorkspaceLog). Every record write is atomic and serialised per job.
 */
export class JobStore {
  readonly root: string;

  constructor(
    private readonly stateRoot: string,
    private readonly target: TargetName,
  ) {
    this.root = join(stateRoot, target);
  }

  /** Parent of the neutral per-chain working directories of contained reviews. */
  get chainsDir(): string {
    return join(this.root, "chains");
  }

  jobDir(jobId: string): string {
    return join(this.root, "jobs", parseJobId(jobId));
  }

  async create(record: JobRecord): Promise<void> {
    const dir = this.jobDir(record.job_id);
    // Synchronous, like the workspace log's append: a background launch creates a job, and
    // loading node:fs/promises is a visible share of it (SPEC §10).
    await this.io(`create the job directory ${dir}`, async () => {
      mkdirSync(join(this.root, "workspaces"), { recursive: true, mode: DIR_MODE });
      mkdirSync(join(this.root, "jobs"), { recursive: true, mode: DIR_MODE });
      // Non-recursive: an existing directory means a duplicate id, never silently reused.
      mkdirSync(dir, { mode: DIR_MODE });
    });
    try {
      // Durable before anyone is told the job exists (`launched`, or a foreground run's start).
      await this.writeRecord(record, { durable: true });
      await this.io("append to the workspace log", () => this.workspaceLog(record.workspace_root).append(summarize(record)));
    } catch (error) {
      // A job that could not be recorded was never launched: leave no half of it behind.
      await this.remove(record.job_id, record.workspace_root).catch(() => undefined);
      throw error;
    }
  }

  async read(jobId: string): Promise<ReadOutcome> {
    const path = join(this.jobDir(jobId), RECORD);
    let text: string;
    try {
      this.refuseLinkedDir(jobId);
      text = readRegularFile(path);
    } catch (error) {
      if (error instanceof LinkedJobDir) return { outcome: "corrupt", reason: error.message };
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return { outcome: "not_found" };
      return { outcome: "corrupt", reason: `unreadable record (${code ?? (error as Error).message})` };
    }
    return decodeRecord(text);
  }

  /** The record, or a CompanionError a user can act on. */
  async get(jobId: string): Promise<JobRecord> {
    const read = await this.read(jobId);
    if (read.outcome === "not_found") throw this.notFound(jobId);
    return recordOrThrow(jobId, read);
  }

  /** For a job this store lacks: the error saying so when the other target's store has it (the wrong bin was used). */
  heldByOtherTarget(jobId: string): CompanionError | null {
    const owner = otherTargetHolding(this.stateRoot, this.target, jobId);
    if (owner === null) return null;
    return new CompanionError("not_found", `Job ${jobId} belongs to companion-${owner}, not companion-${this.target}.`, {
      suggestedAction: `Use companion-${owner} for this job (same --state-dir).`,
    });
  }

  private notFound(jobId: string): CompanionError {
    return this.heldByOtherTarget(jobId) ?? notFoundError(jobId);
  }

  /**
   * Read-modify-write under the job's lock. `change` returns the new record, or null to
   * leave it as it is (e.g. it is already terminal).
   */
  async update(jobId: string, change: (current: JobRecord) => JobRecord | null): Promise<JobRecord> {
    const dir = this.jobDir(jobId);
    try {
      // Before the lock, which is itself a write into the directory.
      this.refuseLinkedDir(jobId);
      return await withLock(join(dir, RECORD), async () => {
        const current = recordOrThrow(jobId, await this.read(jobId));
        const next = change(current);
        if (next === null) return current;
        await this.writeRecord(next, { durable: next.status !== current.status && !isActive(next.status) });
        // The record is written and is the truth; a log line lost here only makes a listing
        // lag until the job's next change, so it must not fail the update.
        if (summaryChanged(current, next)) await this.logSummary(next).catch(() => undefined);
        return next;
      });
    } catch (error) {
      // The lock lives in the job directory: no directory, no job.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw this.notFound(jobId);
      if (error instanceof LinkedJobDir) throw corruptError(jobId, error.message);
      throw error;
    }
  }

  /**
   * A retention pass removes jobs without waiting for their locks, and its compaction drops
   * the removal notes: a summary appended after that would bring the removed job back into
   * listings (e.g. `result` collecting it meanwhile), so its removal is noted again after it.
   */
  private async logSummary(record: JobRecord): Promise<void> {
    const log = this.workspaceLog(record.workspace_root);
    await log.append(summarize(record));
    if (!existsSync(this.jobDir(record.job_id))) await log.append({ job_id: record.job_id, removed: true });
  }

  /** Ids of every job directory in the store. */
  async allJobIds(): Promise<string[]> {
    return this.io("list the jobs", () => readdirOrEmpty(join(this.root, "jobs")));
  }

  /** The listing of one workspace, from its summary log (no record is read). */
  async workspaceListing(workspaceRoot: string): Promise<ListingPart[]> {
    return this.io("read the workspace log", () => this.workspaceLog(workspaceRoot).read());
  }

  /** Runs `fn` as the store's only maintenance (prune, compaction) across processes. */
  async maintain<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(await this.maintenanceLock(), fn);
  }

  /** As `maintain`, but null at once instead of waiting when another process is at it. */
  async maintainIfFree<T>(fn: () => Promise<T>): Promise<T | null> {
    return withLockIfFree(await this.maintenanceLock(), fn);
  }

  private async maintenanceLock(): Promise<string> {
    await this.io("create the store directory", () => fs.mkdir(this.root, { recursive: true, mode: DIR_MODE }));
    return join(this.root, "maintenance");
  }

  /** Rewrites every workspace log with one line per job (after prune removed some); inside `maintain`. */
  async compactWorkspaceLogs(): Promise<void> {
    const dir = join(this.root, "workspaces");
    for (const name of await readdirOrEmpty(dir)) {
      if (name.endsWith(".jsonl")) await new WorkspaceLog(join(dir, name)).compact();
    }
  }

  /** Removes the job directory (record, logs, marker) and its line in the workspace log. */
  async remove(jobId: string, workspaceRoot: string | null): Promise<void> {
    await fs.rm(this.jobDir(jobId), { recursive: true, force: true });
    if (workspaceRoot !== null) await this.workspaceLog(workspaceRoot).append({ job_id: parseJobId(jobId), removed: true });
  }

  /**
   * A job directory replaced by a symbolic link would lead reads and writes (record, lock,
   * marker, logs) outside the state directory: it is refused, never followed.
   */
  private refuseLinkedDir(jobId: string): void {
    const dir = this.jobDir(jobId);
    const stats = lstatSync(dir);
    if (stats.isSymbolicLink()) throw new LinkedJobDir(`its directory ${dir} is a symbolic link, which is never followed`);
  }

  /**
   * Always atomic (a reader sees the old record or the new one). Durable (fsynced) only where
   * a crash of the machine must not lose the write: a job that was announced, and its ending.
   * An active job's later states (running, progress) describe processes a crash ends anyway,
   * and reconcile turns the last durable one into `stale`; `collected_at` is a convenience.
   */
  private async writeRecord(record: JobRecord, { durable }: { durable: boolean }): Promise<void> {
    const path = join(this.jobDir(record.job_id), RECORD);
    await this.io(`write the record of job ${record.job_id}`, async () => writeFileAtomically(path, await encodeRecord(record), { mode: FILE_MODE, durable }));
  }

  private workspaceLog(workspaceRoot: string): WorkspaceLog {
    // SHA-256 in JavaScript, not node:crypto: loading crypto's internal modules was a visible
    // share of a workspace listing (SPEC §10).
    const key = bytesToHex(sha256(utf8ToBytes(workspaceRoot))).slice(0, 32);
    return new WorkspaceLog(join(this.root, "workspaces", `${key}.jsonl`));
  }

  /** Filesystem failures of the store become one error a user can act on. */
  private async io<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof CompanionError) throw error;
      throw new CompanionError("io_error", `Could not ${action}: ${(error as Error).message}`, {
        suggestedAction: `Check that ${this.root} is writable and the disk is not full.`,
        cause: error,
      });
    }
  }
}

/**
 * Reads a file only if it is a regular file reached without following a symlink. Synchronous:
 * a record is a few kilobytes, and `node:fs/promises` is a visible share of a `status` call's
 * start-up (SPEC §10).
 */
function readRegularFile(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

class LinkedJobDir extends Error {
  readonly code = "ELINKEDDIR";
}

const corruptError = (jobId: string, reason: string): CompanionError =>
  new CompanionError("corrupt_record", `The record of job ${jobId} is corrupt: ${reason}.`, {
    suggestedAction: "Inspect or delete the job directory; other jobs are unaffected.",
  });

const notFoundError = (jobId: string): CompanionError =>
  new CompanionError("not_found", `No job ${jobId} in this store.`, {
    suggestedAction: "Check the id, and pass the same --state-dir / COMPANION_STATE_DIR the job was started with.",
  });

function recordOrThrow(jobId: string, read: ReadOutcome): JobRecord {
  switch (read.outcome) {
    case "ok":
      return read.record;
    case "not_found":
      throw notFoundError(jobId);
    case "corrupt":
      throw corruptError(jobId, read.reason);
    case "newer_schema":
      throw new CompanionError(
        "unsupported_schema",
        `The record of job ${jobId} has schema version ${read.version}, newer than this companion understands.`,
        { suggestedAction: "Upgrade agent-companion to read this record." },
      );
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((name) => !name.startsWith("."));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

import { closeSync, fstatSync, openSync, promises as fs, readFileSync, type Stats, statSync, writeSync } from "node:fs";
import { isExactJobSummary } from "../record/checks.generated.js";
import type { JobStatus, JobSummary } from "../record/schema.js";

/** A line of the log: a job's current summary, or the note that it was removed. */
type Entry = JobSummary | { job_id: string; removed: true };

/**
 * A job of the listing: its current summary, and the log line it was read from when that line
 * is exactly the summary, so a listing of 10,000 jobs prints it as it is instead of
 * serialising every summary again (SPEC §10).
 */
export interface Listed {
  summary: JobSummary;
  line: string | null;
}

/** An entry and the line it came from (null for a removal note, or a summary the schema had to repair). */
interface Read {
  entry: Entry;
  line: string | null;
}

const FILE_MODE = 0o600;
const NEWLINE = 0x0a;

/**
 * The listing index of one workspace: an append-only file with a line per change of a job's
 * summary. Appends of one short line are atomic (O_APPEND), so concurrent jobs never need a
 * shared lock, and a listing of 10,000 jobs reads one file instead of 10,000 records. The
 * records stay the truth: a line lost to a crash only makes a listing lag, and active jobs are
 * always re-read from their records.
 *
 * Compaction replaces the file while appends go on, so a line may be written twice (see
 * `appendLine`, `compact`) and in another order than it happened; a job's lines are therefore
 * resolved by how far along the job is (`progressOf`), not by position.
 */
export class WorkspaceLog {
  constructor(readonly path: string) {}

  async append(entry: Entry): Promise<void> {
    await appendLine(this.path, Buffer.from(`${JSON.stringify(entry)}\n`));
  }

  /** The current summary of each job; torn or foreign lines are skipped. */
  async read(): Promise<Listed[]> {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    return resolve(await parseEntries(text));
  }

  /**
   * Rewrites the log with one line per job. The caller holds the store's lock, so this is the
   * only compaction; appends are not locked out, and a line appended to the old file after it
   * was read is carried over to the new one.
   */
  async compact(): Promise<void> {
    let old;
    try {
      old = await fs.open(this.path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    try {
      const read = await old.readFile();
      const whole = read.lastIndexOf(NEWLINE) + 1;
      const temp = `${this.path}.${process.pid}.compact`;
      const listed = resolve(await parseEntries(read.subarray(0, whole).toString("utf8")));
      await fs.writeFile(temp, listed.map(({ summary, line }) => `${line ?? JSON.stringify(summary)}\n`).join(""), { mode: FILE_MODE });
      await fs.rename(temp, this.path);
      // Lines that reached the old file after it was read: their writers may have checked
      // it was still the current file before the rename.
      const late = Buffer.concat([read.subarray(whole), await old.readFile()]);
      const complete = late.subarray(0, late.lastIndexOf(NEWLINE) + 1);
      if (complete.length > 0) await appendLine(this.path, complete);
    } finally {
      await old.close();
    }
  }
}

/**
 * Appends and then checks that the line landed in the file now at `path`: if a compaction
 * replaced it meanwhile, the line may be missing from the new file, so it is appended again.
 * Synchronous: one short line, appended by every job launch, which must not load
 * node:fs/promises for it (SPEC §10).
 */
async function appendLine(path: string, bytes: Buffer): Promise<void> {
  for (;;) {
    const fd = openSync(path, "a", FILE_MODE);
    try {
      writeSync(fd, bytes);
      const written = fstatSync(fd);
      const current = statOrNull(path);
      if (current !== null && current.ino === written.ino && current.dev === written.dev) return;
    } finally {
      closeSync(fd);
    }
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const STAGE: Record<JobStatus, number> = { queued: 0, running: 1, stale: 2, completed: 3, failed: 3, cancelled: 3 };

/**
 * How far along a job is; a job only ever moves forward (SPEC §4: a terminal status is
 * rewritten only from `stale`; collecting is final; removal is for good).
 */
const progressOf = (entry: Entry): number => ("removed" in entry ? 10 : STAGE[entry.status] * 2 + (entry.collected ? 1 : 0));

function resolve(reads: readonly Read[]): Listed[] {
  const latest = new Map<string, Read>();
  for (const read of reads) {
    const known = latest.get(read.entry.job_id);
    if (known === undefined || progressOf(read.entry) >= progressOf(known.entry)) latest.set(read.entry.job_id, read);
  }
  const listed: Listed[] = [];
  for (const { entry, line } of latest.values()) if (!("removed" in entry)) listed.push({ summary: entry, line });
  return listed;
}

/**
 * The log's entries in file order; torn or foreign lines are skipped. A line the exact check
 * refuses goes to the schema, which may still accept it (built only then: a listing of
 * 10,000 jobs must not pay for it, SPEC §10).
 */
async function parseEntries(text: string): Promise<Read[]> {
  const reads: Array<Read | { doubtful: unknown }> = [];
  for (const line of text.split("\n")) {
    const read = parseEntry(line);
    if (read !== null) reads.push(read);
  }
  if (!reads.some((read) => "doubtful" in read)) return reads as Read[];
  const { JobSummary } = await import("../record/schema.js");
  return reads.flatMap((read) => {
    if (!("doubtful" in read)) return [read];
    const repaired = JobSummary.safeParse(read.doubtful);
    return repaired.success ? [{ entry: repaired.data, line: null }] : [];
  });
}

function parseEntry(line: string): Read | { doubtful: unknown } | null {
  if (line === "") return null;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof raw === "object" && raw !== null && (raw as { removed?: unknown }).removed === true && typeof (raw as { job_id?: unknown }).job_id === "string") {
    return { entry: { job_id: (raw as { job_id: string }).job_id, removed: true }, line: null };
  }
  return isExactJobSummary(raw) ? { entry: raw, line } : { doubtful: raw };
}

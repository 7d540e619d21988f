import { closeSync, fstatSync, openSync, promises as fs, readFileSync, type Stats, statSync, writeSync } from "node:fs";
import { isExactJobSummary } from "../record/checks.generated.js";
import type { JobStatus, JobSummary } from "../record/schema.js";

/** A line of the log: a job's current summary, or the note that it was removed. */
type Entry = JobSummary | { job_id: string; removed: true };

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
  async read(): Promise<JobSummary[]> {
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
      const summaries = resolve(await parseEntries(read.subarray(0, whole).toString("utf8")));
      await fs.writeFile(temp, summaries.map((summary) => `${JSON.stringify(summary)}\n`).join(""), { mode: FILE_MODE });
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

function resolve(entries: readonly Entry[]): JobSummary[] {
  const latest = new Map<string, Entry>();
  for (const entry of entries) {
    const known = latest.get(entry.job_id);
    if (known === undefined || progressOf(entry) >= progressOf(known)) latest.set(entry.job_id, entry);
  }
  const summaries: JobSummary[] = [];
  for (const entry of latest.values()) if (!("removed" in entry)) summaries.push(entry);
  return summaries;
}

/**
 * The log's entries in file order; torn or foreign lines are skipped. A line the exact check
 * refuses goes to the schema, which may still accept it (built only then: a listing of
 * 10,000 jobs must not pay for it, SPEC §10).
 */
async function parseEntries(text: string): Promise<Entry[]> {
  const entries: Array<Entry | { doubtful: unknown }> = [];
  for (const line of text.split("\n")) {
    const entry = parseEntry(line);
    if (entry !== null) entries.push(entry);
  }
  if (!entries.some((entry) => "doubtful" in entry)) return entries as Entry[];
  const { JobSummary } = await import("../record/schema.js");
  return entries.flatMap((entry) => {
    if (!("doubtful" in entry)) return [entry];
    const parsed = JobSummary.safeParse(entry.doubtful);
    return parsed.success ? [parsed.data] : [];
  });
}

function parseEntry(line: string): Entry | { doubtful: unknown } | null {
  if (line === "") return null;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof raw === "object" && raw !== null && (raw as { removed?: unknown }).removed === true && typeof (raw as { job_id?: unknown }).job_id === "string") {
    return { job_id: (raw as { job_id: string }).job_id, removed: true };
  }
  if (!isExactJobSummary(raw)) return { doubtful: raw };
  STORED_LINES.set(raw, line);
  return raw;
}

const STORED_LINES = new WeakMap<JobSummary, string>();

/**
 * The log line a summary was read from, when the line is exactly the summary: a listing of
 * 10,000 jobs prints it as it is instead of serialising every summary again (SPEC §10).
 */
export const storedLineOf = (summary: JobSummary): string | undefined => STORED_LINES.get(summary);

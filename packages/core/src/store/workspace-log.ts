import { appendFile, readFile, rename, writeFile } from "node:fs/promises";
import { JobSummary } from "../record/summary.js";

/** A line of the log: a job's current summary, or the note that it was removed. */
type Entry = JobSummary | { job_id: string; removed: true };

/**
 * The listing index of one workspace: an append-only file with a line per change of a job's
 * summary, the last line per job winning. Appends of one short line are atomic (O_APPEND),
 * so concurrent jobs never need a shared lock, and a listing of 10,000 jobs reads one file
 * instead of 10,000 records. The records stay the truth: a line lost to a crash only makes a
 * listing lag, and active jobs are always re-read from their records.
 */
export class WorkspaceLog {
  constructor(readonly path: string) {}

  async append(entry: Entry): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }

  /** Current summaries by job id; torn or foreign lines are skipped. */
  async read(): Promise<Map<string, JobSummary>> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw error;
    }
    const summaries = new Map<string, JobSummary>();
    for (const line of text.split("\n")) {
      const entry = parseEntry(line);
      if (entry === null) continue;
      if ("removed" in entry) summaries.delete(entry.job_id);
      else summaries.set(entry.job_id, entry);
    }
    return summaries;
  }

  /** Rewrites the log with one line per job (callers hold the store's prune lock). */
  async compact(): Promise<void> {
    const summaries = await this.read();
    const temp = `${this.path}.${process.pid}.compact`;
    await writeFile(temp, [...summaries.values()].map((summary) => `${JSON.stringify(summary)}\n`).join(""), { mode: 0o600 });
    await rename(temp, this.path);
  }
}

function parseEntry(line: string): Entry | null {
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
  const parsed = JobSummary.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

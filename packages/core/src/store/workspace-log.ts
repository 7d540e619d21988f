import { closeSync, fstatSync, openSync, promises as fs, readFileSync, type Stats, statSync, writeSync } from "node:fs";
import { isExactJobSummary } from "../record/checks.generated.js";
import type { JobStatus, JobSummary } from "../record/schema.js";
import { isActive } from "../record/values.js";

/** A line of the log: a job's current summary, or the note that it was removed. */
type Entry = JobSummary | { job_id: string; removed: true };

/**
 * A job of the listing: its current summary, and the log line it was read from when that line
 * is exactly the summary, so a listing prints it as it is instead of serialising it again.
 */
export interface Listed {
  summary: JobSummary;
  line: string | null;
}

/**
 * A listing, newest first, in parts: single jobs, and runs of compacted jobs kept as their log
 * lines (`lines`, joined by "\n", never active), which a listing of 10,000 jobs prints without
 * parsing a single one (SPEC §10).
 */
export type ListingPart = Listed | { lines: string };

/** Every job's summary, in the listing's order (the block's lines are parsed here). */
export const summariesOf = (parts: readonly ListingPart[]): JobSummary[] =>
  parts.flatMap((part) => ("lines" in part ? part.lines.split("\n").map((line) => JSON.parse(line) as JobSummary) : [part.summary]));

/** An entry and the line it came from (null for a removal note, or a summary the schema had to repair). */
interface Read {
  entry: Entry;
  line: string | null;
}

const FILE_MODE = 0o600;
const NEWLINE = 0x0a;
/** Every line of a compacted block starts so; the job's id follows up to the next quote. */
const BLOCK_LINE_START = '{"job_id":"';
const HEADER_START = '{"compacted":';

/**
 * The listing index of one workspace: an append-only file with a line per change of a job's
 * summary. Appends of one short line are atomic (O_APPEND), so concurrent jobs never need a
 * shared lock, and a listing of 10,000 jobs reads one file instead of 10,000 records. The
 * records stay the truth: a line lost to a crash only makes a listing lag, and active jobs are
 * always re-read from their records.
 *
 * Compaction rewrites the file as a header line (`{"compacted":{"bytes":B,"jobs":N}}`), a
 * block of N lines of B bytes holding each ended job once, newest first, then the active jobs'
 * lines; appends go on after it. A listing prints the block's lines as they are and parses only
 * what follows it. Every line stays a JSON line of its own, which older readers skip or read.
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

  /** The current summary of each job, newest first; torn or foreign lines are skipped. */
  async read(): Promise<ListingPart[]> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const block = compactedBlock(bytes);
    const after = latestEntries(await parseEntries(bytes.toString("utf8", block?.end ?? 0)));
    return block === null ? newestFirst(listedOf(after.values())) : withBlock(block.lines, after);
  }

  /**
   * Rewrites the log compacted (see the class). The caller holds the store's lock, so this is
   * the only compaction; appends are not locked out, and a line appended to the old file after
   * it was read is carried over to the new one.
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
      // Nothing was appended since the last compaction.
      if (compactedBlock(read)?.end === read.length) return;
      const whole = read.lastIndexOf(NEWLINE) + 1;
      const temp = `${this.path}.${process.pid}.compact`;
      const listed = listedOf(latestEntries(await parseEntries(read.subarray(0, whole).toString("utf8"))).values());
      await fs.writeFile(temp, compactedText(listed), { mode: FILE_MODE });
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

/** The header, the block of ended jobs newest first, then the active jobs' lines. */
function compactedText(listed: Listed[]): string {
  const ended = newestFirst(listed.filter((job) => !isActive(job.summary.status)));
  const block = ended.map((job) => `${blockLine(job)}\n`).join("");
  const header = JSON.stringify({ compacted: { bytes: Buffer.byteLength(block), jobs: ended.length } });
  const active = listed.filter((job) => isActive(job.summary.status)).map((job) => `${job.line ?? JSON.stringify(job.summary)}\n`);
  return `${header}\n${block}${active.join("")}`;
}

/** The job's line, with its id first (where a reader of the block looks for it). */
function blockLine({ summary, line }: Listed): string {
  if (line !== null && line.startsWith(`${BLOCK_LINE_START}${summary.job_id}"`)) return line;
  const { job_id, ...rest } = summary;
  return JSON.stringify({ job_id, ...rest });
}

/**
 * The compacted block at the start of the log, when the header is intact and describes what
 * follows it (its length, its line count, each line's start); otherwise none, and the whole
 * log is read line by line.
 */
function compactedBlock(bytes: Buffer): { lines: string; end: number } | null {
  if (bytes.toString("latin1", 0, HEADER_START.length) !== HEADER_START) return null;
  const headerEnd = bytes.indexOf(NEWLINE) + 1;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString("utf8", 0, headerEnd));
  } catch {
    return null;
  }
  const { bytes: size, jobs } = (header as { compacted?: { bytes?: unknown; jobs?: unknown } }).compacted ?? {};
  if (!Number.isSafeInteger(size) || !Number.isSafeInteger(jobs)) return null;
  const end = headerEnd + (size as number);
  if (end > bytes.length || (end > headerEnd && bytes[end - 1] !== NEWLINE)) return null;
  const lines = bytes.toString("utf8", headerEnd, end);
  let count = 0;
  for (let start = 0; start < lines.length; start = lines.indexOf("\n", start) + 1) {
    if (!lines.startsWith(BLOCK_LINE_START, start)) return null;
    count++;
  }
  return count === jobs ? { lines, end } : null;
}

/**
 * The block's jobs with what was appended after it: an appended entry for a job of the block
 * replaces its line when it is at least as far along (a removal always is).
 */
function withBlock(lines: string, after: Map<string, Read>): ListingPart[] {
  // A job created after the block's newest one cannot be in it: jobs run since the last
  // compaction (usually all there is) need no look-up.
  const newest = lines === "" ? "" : createdAtOfLine(lines, 0);
  const inBlock = (entry: Entry): boolean => "removed" in entry || entry.created_at <= newest;
  if (![...after.values()].some((read) => inBlock(read.entry))) return merged(lines, newestFirst(listedOf(after.values())));
  const index = lineIndex(lines);
  const replaced: Array<{ start: number; end: number }> = [];
  const others: Read[] = [];
  for (const [jobId, read] of after) {
    const at = index.get(jobId);
    if (at === undefined) others.push(read);
    else if (progressOf(read.entry) >= progressOf(JSON.parse(lines.slice(at.start, at.end)) as JobSummary)) {
      replaced.push(at);
      others.push(read);
    }
  }
  return merged(withoutLines(lines, replaced), newestFirst(listedOf(others)));
}

/** Where each job's line of the block starts and ends (before its newline). */
function lineIndex(lines: string): Map<string, { start: number; end: number }> {
  const index = new Map<string, { start: number; end: number }>();
  for (let start = 0; start < lines.length; ) {
    const end = lines.indexOf("\n", start);
    const idStart = start + BLOCK_LINE_START.length;
    index.set(lines.slice(idStart, lines.indexOf('"', idStart)), { start, end });
    start = end + 1;
  }
  return index;
}

function withoutLines(lines: string, cut: Array<{ start: number; end: number }>): string {
  if (cut.length === 0) return lines;
  let kept = "";
  let from = 0;
  for (const { start, end } of cut.sort((a, b) => a.start - b.start)) {
    kept += lines.slice(from, start);
    from = end + 1;
  }
  return kept + lines.slice(from);
}

/** Both newest first: the block's runs of lines between the other jobs, at their places. */
function merged(lines: string, others: Listed[]): ListingPart[] {
  const parts: ListingPart[] = [];
  let from = 0;
  for (const job of others) {
    let to = from;
    while (to < lines.length && createdAtOfLine(lines, to) >= job.summary.created_at) to = lines.indexOf("\n", to) + 1;
    if (to > from) parts.push({ lines: lines.slice(from, to - 1) });
    parts.push(job);
    from = to;
  }
  if (from < lines.length) parts.push({ lines: lines.slice(from, -1) });
  return parts;
}

const CREATED_AT = '"created_at":"';

function createdAtOfLine(lines: string, start: number): string {
  const at = lines.indexOf(CREATED_AT, start) + CREATED_AT.length;
  return lines.slice(at, lines.indexOf('"', at));
}

// Newest first. ISO timestamps order as plain strings; localeCompare's collation would cost
// a listing of 10,000 jobs more than reading them.
export const newestFirst = (jobs: Listed[]): Listed[] =>
  jobs.sort(({ summary: a }, { summary: b }) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));

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

/** Each job's furthest entry (its removal, if it was removed). */
function latestEntries(reads: readonly Read[]): Map<string, Read> {
  const latest = new Map<string, Read>();
  for (const read of reads) {
    const known = latest.get(read.entry.job_id);
    if (known === undefined || progressOf(read.entry) >= progressOf(known.entry)) latest.set(read.entry.job_id, read);
  }
  return latest;
}

function listedOf(reads: Iterable<Read>): Listed[] {
  const listed: Listed[] = [];
  for (const { entry, line } of reads) if (!("removed" in entry)) listed.push({ summary: entry, line });
  return listed;
}

/**
 * The log's entries in file order; torn or foreign lines (and a compaction header) are skipped.
 * A line the exact check refuses goes to the schema, which may still accept it (built only
 * then: a listing of 10,000 jobs must not pay for it, SPEC §10).
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
  if (line === "" || line.startsWith(HEADER_START)) return null;
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

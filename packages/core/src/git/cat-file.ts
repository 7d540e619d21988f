import { writeFile } from "node:fs/promises";
import { ByteReader } from "./byte-reader.js";
import { GitError, runGit, spawnGitStream } from "./run.js";

/**
 * Blob access through `git cat-file --batch` / `--batch-check` only: they return the raw
 * object bytes and never run textconv, smudge/clean filters or LFS, unlike `git show` or
 * a checkout. One process serves a whole list of objects.
 */

const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export const isObjectId = (value: string): boolean => OID.test(value);

function objectList(oids: readonly string[]): string {
  for (const oid of oids) {
    // Anything else on a batch line is parsed as a revision expression (e.g. "HEAD:path").
    if (!isObjectId(oid)) throw new Error(`not an object id: ${JSON.stringify(oid)}`);
  }
  return oids.map((oid) => `${oid}\n`).join("");
}

interface ObjectHeader {
  readonly oid: string;
  readonly type: string;
  readonly size: number;
}

/** Pure: one batch header line, or an error naming the object git could not produce. */
export function parseBatchHeader(line: string, expected: string): ObjectHeader {
  const [oid = "", type = "", size = ""] = line.split(" ");
  if (type === "missing" || type === "ambiguous" || oid !== expected || !/^\d+$/.test(size)) {
    throw new Error(`git object ${expected} unavailable (${line})`);
  }
  return { oid, type, size: Number(size) };
}

/** Sizes of blobs, in order, from one `--batch-check` process. */
export async function blobSizes(root: string, oids: readonly string[]): Promise<number[]> {
  if (oids.length === 0) return [];
  const output = await runGit(root, ["cat-file", "--batch-check"], { input: objectList(oids) });
  const lines = output.split("\n");
  return oids.map((oid, i) => parseBatchHeader(lines[i] ?? "", oid).size);
}

export interface BlobSink {
  readonly oid: string;
  /** Called once per blob, in order; receives the bytes piece by piece. */
  readonly write: (piece: Buffer) => Promise<void>;
  readonly end?: () => Promise<void>;
}

/** Streams blobs from one `--batch` process into per-object sinks, in order. */
export async function streamBlobs(root: string, sinks: readonly BlobSink[]): Promise<void> {
  if (sinks.length === 0) return;
  const input = objectList(sinks.map((sink) => sink.oid));
  const child = spawnGitStream(root, ["cat-file", "--batch"]);
  child.stdin.end(input);
  const reader = new ByteReader(child.stdout);
  try {
    for (const sink of sinks) await pipeOne(reader, sink);
  } catch (error) {
    child.kill();
    await child.exit;
    throw error;
  }
  const exit = await child.exit;
  if (exit.exitCode !== 0) throw new GitError(["cat-file", "--batch"], root, exit.exitCode, exit.stderr);
}

async function pipeOne(reader: ByteReader, sink: BlobSink): Promise<void> {
  const header = parseBatchHeader((await reader.readLine()) ?? "", sink.oid);
  if (header.type !== "blob") throw new Error(`git object ${sink.oid} is a ${header.type}, not a blob`);
  await reader.pipeExact(header.size, sink.write);
  await sink.end?.();
  await reader.readExact(1); // the LF after every payload
}

/** Blobs read into memory, in order. */
export async function readBlobs(root: string, oids: readonly string[]): Promise<Buffer[]> {
  const contents: Buffer[] = oids.map(() => Buffer.alloc(0));
  await forEachBlob(root, oids, async (index, content) => {
    contents[index] = content;
  });
  return contents;
}

const PARALLEL_VISITS = 32;

/**
 * Hands each blob, whole, to `visit` (in parallel with git producing the next ones), so a
 * caller can inspect a blob's bytes before deciding where they go. One `--batch` process
 * serves the whole list.
 */
export async function forEachBlob(root: string, oids: readonly string[], visit: (index: number, content: Buffer) => Promise<void>): Promise<void> {
  const visits = new WriteQueue(PARALLEL_VISITS);
  const sinks = oids.map((oid, index): BlobSink => {
    const pieces: Buffer[] = [];
    return {
      oid,
      write: async (piece) => {
        pieces.push(Buffer.from(piece));
      },
      end: () => visits.add(() => visit(index, Buffer.concat(pieces))),
    };
  });
  try {
    await streamBlobs(root, sinks);
  } catch (error) {
    await visits.settle();
    throw error;
  }
  await visits.drain();
}

/** At most `limit` tasks in flight; the first failure is raised by the next add or by drain. */
class WriteQueue {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly limit: number) {}

  async add(write: () => Promise<void>): Promise<void> {
    this.raise();
    const task: Promise<void> = write()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
    if (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
  }

  async drain(): Promise<void> {
    await this.settle();
    this.raise();
  }

  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private raise(): void {
    if (this.failure !== null) throw this.failure;
  }
}

/** Writes one blob per entry into a new file (created exclusively, never followed). */
export async function writeBlobsToFiles(
  root: string,
  entries: ReadonlyArray<{ readonly oid: string; readonly dest: string }>,
  fileMode = 0o644,
): Promise<void> {
  await forEachBlob(root, entries.map((entry) => entry.oid), (index, content) => writeFile(entries[index]?.dest ?? "", content, { flag: "wx", mode: fileMode }));
}

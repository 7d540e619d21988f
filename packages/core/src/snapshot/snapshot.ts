import { constants } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { writeBlobsToFiles } from "../git/cat-file.js";
import { mapLimit } from "../scope/map-limit.js";
import { ScopeError } from "../scope/scope-error.js";
import type { SelectedFile, Selection } from "../scope/selection.js";
import { isWithin } from "../scope/worktree-link.js";

export interface SnapshotOptions {
  /** Directory to create the snapshot in (default: the OS temp directory). */
  readonly parent?: string;
  /** Start of the directory's name (default `companion-snapshot-`). */
  readonly prefix?: string;
}

export interface Snapshot {
  readonly dir: string;
  /** Removes the snapshot; safe to call more than once. */
  readonly cleanup: () => Promise<void>;
}

const COPY_CONCURRENCY = 16;
const FILE_MODE = 0o644;
const DIR_MODE = 0o700;

/**
 * Copies a selection into a private directory outside the user's tree: the only thing
 * a contained review may read. Worktree files are copied from disk; blobs stream from a
 * single `git cat-file --batch`, so no per-file git process and no filters ever run.
 */
export async function createSnapshot(selection: Selection, options: SnapshotOptions = {}): Promise<Snapshot> {
  const parent = await realpath(options.parent ?? tmpdir());
  if (isWithin(selection.root, parent)) {
    throw new ScopeError(`snapshot parent ${parent} is inside the reviewed tree ${selection.root}`, "Choose a snapshot location outside the repository.");
  }
  const dir = await mkdtemp(join(parent, options.prefix ?? "companion-snapshot-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await chmod(dir, DIR_MODE);
    await fill(dir, selection);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { dir, cleanup };
}

async function fill(dir: string, selection: Selection): Promise<void> {
  const targets = selection.files.map((file) => ({ file, dest: destinationOf(dir, file.path) }));
  for (const parentDir of directoriesOf(dir, targets.map((t) => t.dest))) {
    await mkdir(parentDir, { recursive: true, mode: DIR_MODE });
  }
  const blobs = targets.flatMap(({ file, dest }) => (file.source.kind === "blob" ? [{ oid: file.source.oid, dest }] : []));
  const copies = targets.filter(({ file }) => file.source.kind === "worktree");
  await Promise.all([
    writeBlobsToFiles(selection.root, blobs, FILE_MODE),
    mapLimit(copies, COPY_CONCURRENCY, ({ file, dest }) => copyOne(file, dest)),
  ]);
}

async function copyOne(file: SelectedFile, dest: string): Promise<void> {
  if (file.source.kind !== "worktree") return;
  await copyFile(file.source.absPath, dest, constants.COPYFILE_EXCL);
  // copyFile keeps the source's mode, which may be anything from 0400 to 0777.
  await chmod(dest, FILE_MODE);
}

/** Pure: where a selected path lands; refuses anything that would land outside `dir`. */
export function destinationOf(dir: string, path: string): string {
  const dest = resolve(dir, ...path.split("/"));
  if (!dest.startsWith(dir + sep)) throw new Error(`refusing to write ${JSON.stringify(path)} outside the snapshot`);
  return dest;
}

/** Pure: the distinct parent directories to create, shallowest first, `dir` excluded. */
export function directoriesOf(dir: string, files: readonly string[]): string[] {
  const dirs = new Set(files.map((file) => dirname(file)).filter((d) => d !== dir));
  return [...dirs].sort();
}

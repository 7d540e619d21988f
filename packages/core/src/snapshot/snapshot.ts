import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { ScopeError } from "../scope/scope-error.js";
import { type ContentScreen, screenContents } from "../scope/screen.js";
import type { Selection } from "../scope/selection.js";
import { isWithin } from "../scope/worktree-link.js";

export interface SnapshotOptions {
  /** Directory to create the snapshot in (default: the OS temp directory). */
  readonly parent?: string;
  /** Start of the directory's name (default `companion-snapshot-`). */
  readonly prefix?: string;
}

export interface Snapshot {
  readonly dir: string;
  /** Exactly the files written (bytes and hashes), and what was withheld instead. */
  readonly screen: ContentScreen;
  /** Removes the snapshot; safe to call more than once. */
  readonly cleanup: () => Promise<void>;
}

const FILE_MODE = 0o644;
const DIR_MODE = 0o700;

/**
 * Copies a selection into a private directory outside the user's tree: the only thing
 * a contained review may read. Each file's bytes are read once and screened for secrets
 * before they are written; blobs stream from a single `git cat-file --batch`, so no
 * per-file git process and no filters ever run.
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
    return { dir, cleanup, screen: await fill(dir, selection) };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function fill(dir: string, selection: Selection): Promise<ContentScreen> {
  // Directories are made as files pass the screen: a withheld file leaves no trace.
  const made = new Map<string, Promise<unknown>>();
  const parentOf = (dest: string): Promise<unknown> => {
    const parent = dirname(dest);
    let making = made.get(parent);
    if (making === undefined) {
      making = parent === dir ? Promise.resolve() : mkdir(parent, { recursive: true, mode: DIR_MODE });
      made.set(parent, making);
    }
    return making;
  };
  return screenContents(selection, async (file, content) => {
    const dest = destinationOf(dir, file.path);
    await parentOf(dest);
    // Exclusive creation: nothing already there (or linked there) is ever written through.
    await writeFile(dest, content, { flag: "wx", mode: FILE_MODE });
  });
}

/** Pure: where a selected path lands; refuses anything that would land outside `dir`. */
export function destinationOf(dir: string, path: string): string {
  const dest = resolve(dir, ...path.split("/"));
  if (!dest.startsWith(dir + sep)) throw new Error(`refusing to write ${JSON.stringify(path)} outside the snapshot`);
  return dest;
}

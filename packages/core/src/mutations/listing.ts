import { lstat, readdir } from "node:fs/promises";
import type { Mutation } from "../record/schema.js";
import { mapLimit } from "../scope/map-limit.js";

/** A tree outside git, entry by entry: what a write, a new file or a deletion changes. */
export type ListingCapture =
  | {
      readonly ok: true;
      /** Keyed by the raw bytes of the relative path (latin1), so no file name is ever lost. */
      readonly entries: ReadonlyMap<string, ListedEntry>;
    }
  | { readonly ok: false; readonly reason: string };

export interface ListedEntry {
  /** The relative path for people (invalid UTF-8 shows as U+FFFD). */
  readonly path: string;
  /** Kind, size and modification time in nanoseconds: any write changes it. */
  readonly signature: string;
}

const FS_CONCURRENCY = 32;
const SLASH = Buffer.from("/");

/**
 * Lists every entry below `root` (paths, sizes, modification times; SPEC §9). Names are read
 * as bytes: a file name that is not valid UTF-8 is listed, not skipped or misread.
 */
export async function captureListing(root: string, options: { skip?: readonly string[] } = {}): Promise<ListingCapture> {
  const entries = new Map<string, ListedEntry>();
  const skip = new Set((options.skip ?? []).map((path) => Buffer.from(path).toString("latin1")));
  try {
    await walk(Buffer.from(root), null, { entries, skip });
    return { ok: true, entries };
  } catch (error) {
    return { ok: false, reason: `cannot list ${root}: ${(error as Error).message}` };
  }
}

interface Walk {
  readonly entries: Map<string, ListedEntry>;
  /** Absolute paths (latin1 keys) left out, e.g. the companion's own state inside the tree. */
  readonly skip: ReadonlySet<string>;
}

async function walk(dir: Buffer, rel: Buffer | null, into: Walk): Promise<void> {
  const names = await readdir(dir, { encoding: "buffer" });
  await mapLimit(names, FS_CONCURRENCY, async (name) => {
    const path = rel === null ? name : Buffer.concat([rel, SLASH, name]);
    const abs = Buffer.concat([dir, SLASH, name]);
    if (into.skip.has(abs.toString("latin1"))) return;
    const info = await lstat(abs, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
      // Removed between readdir and lstat: the next listing shows it as gone.
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (info === null) return;
    const kind = info.isDirectory() ? "dir" : info.isSymbolicLink() ? "link" : info.isFile() ? "file" : "special";
    // A directory's own size and mtime change with its contents, which are listed themselves.
    const signature = kind === "dir" ? kind : `${kind}:${info.size}:${info.mtimeNs}`;
    into.entries.set(path.toString("latin1"), { path: path.toString("utf8"), signature });
    if (kind === "dir") await walk(abs, path, into);
  });
}

/**
 * Pure: what changed between two listings, as porcelain-style lines sorted by path:
 * `?? path` (new), ` M path` (size or modification time changed), ` D path` (gone).
 */
export function diffListings(before: ReadonlyMap<string, ListedEntry>, after: ReadonlyMap<string, ListedEntry>): Mutation[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.flatMap((key): Mutation[] => {
    const [was, is] = [before.get(key), after.get(key)];
    if (was === undefined && is !== undefined) return [{ kind: "changed", entry: `?? ${is.path}` }];
    if (was !== undefined && is === undefined) return [{ kind: "changed", entry: ` D ${was.path}` }];
    if (was !== undefined && is !== undefined && was.signature !== is.signature) return [{ kind: "changed", entry: ` M ${is.path}` }];
    return [];
  });
}

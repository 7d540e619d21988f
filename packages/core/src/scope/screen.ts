import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { forEachBlob } from "../git/cat-file.js";
import { secretInContent } from "../secrets/content.js";
import { mapLimit } from "./map-limit.js";
import type { SelectedFile, Selection, Withheld } from "./selection.js";

/** A file as the target gets it: the exact bytes, counted and hashed. */
export interface SeenFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ContentScreen {
  /** Sorted by path. */
  readonly files: SeenFile[];
  /** Withheld by name or by content, sorted by path. */
  readonly withheld: Withheld[];
}

/** Receives the bytes of each file that passed the screen (e.g. to write the snapshot). */
export type ContentSink = (file: SelectedFile, content: Buffer) => Promise<void>;

const READ_CONCURRENCY = 16;

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Reads every selected file once: content that holds a credential is withheld, the rest is
 * hashed and handed to `sink`. The bytes hashed are the bytes passed on, so what `preflight`
 * and the audit list is exactly what the snapshot holds, and no file can swap in a secret
 * between the check and the copy.
 */
export async function screenContents(selection: Selection, sink: ContentSink | null): Promise<ContentScreen> {
  const included = new Set(selection.included);
  const files: SeenFile[] = [];
  const withheld: Withheld[] = [...selection.withheld];
  const visit = async (file: SelectedFile, content: Buffer): Promise<void> => {
    const reason = included.has(file.path) ? null : secretInContent(content);
    if (reason !== null) {
      withheld.push({ path: file.path, reason });
      return;
    }
    files.push({ path: file.path, bytes: content.length, sha256: createHash("sha256").update(content).digest("hex") });
    await sink?.(file, content);
  };
  const blobs = selection.files.filter((file) => file.source.kind === "blob");
  const onDisk = selection.files.filter((file) => file.source.kind === "worktree");
  await Promise.all([
    forEachBlob(selection.root, blobs.map((file) => (file.source.kind === "blob" ? file.source.oid : "")), (index, content) => visit(blobs[index] as SelectedFile, content)),
    mapLimit(onDisk, READ_CONCURRENCY, async (file) => (file.source.kind === "worktree" ? visit(file, await readFile(file.source.absPath)) : undefined)),
  ]);
  return { files: files.sort(byPath), withheld: withheld.sort(byPath) };
}

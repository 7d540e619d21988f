import { readBlobs } from "../git/cat-file.js";
import { secretInContent } from "../secrets/content.js";
import { secretByName } from "../secrets/names.js";
import type { Change, Selection, Withheld } from "./selection.js";

export interface EarlierVersions {
  /** Earlier content of changed paths, for their diffs; secrets never among them. */
  readonly contents: Map<string, Buffer>;
  /** Earlier versions kept out because they hold a secret (a removed key is still a key). */
  readonly withheld: Withheld[];
}

/**
 * The earlier side of every change the review shows (modified files in the snapshot and
 * deleted files), read from git objects in one `cat-file --batch` and screened for
 * secrets like the files themselves.
 */
export async function earlierVersions(selection: Selection, inSnapshot: ReadonlySet<string>): Promise<EarlierVersions> {
  const included = new Set(selection.included);
  const withheld: Withheld[] = [];
  const wanted: Array<Change & { oldOid: string }> = [];
  for (const change of selection.changes ?? []) {
    if (change.oldOid === null) continue;
    if (change.status === "modified" && !inSnapshot.has(change.path)) continue;
    const byName = change.status === "deleted" && !included.has(change.path) ? secretByName(change.path) : null;
    if (byName !== null) withheld.push(earlierWithheld(change.path, byName));
    else wanted.push({ ...change, oldOid: change.oldOid });
  }
  const blobs = await readBlobs(selection.root, wanted.map((change) => change.oldOid));
  const contents = new Map<string, Buffer>();
  wanted.forEach((change, i) => {
    const content = blobs[i] ?? Buffer.alloc(0);
    const reason = included.has(change.path) ? null : secretInContent(content);
    if (reason === null) contents.set(change.path, content);
    else withheld.push(earlierWithheld(change.path, reason));
  });
  return { contents, withheld };
}

const earlierWithheld = (path: string, reason: string): Withheld => ({ path, reason: `earlier version: ${reason}; its diff is not sent` });

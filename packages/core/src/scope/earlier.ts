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
 * secrets like the files themselves. The blobs are read while the snapshot is still being
 * made; which modified files it holds is only needed to choose among them.
 */
export async function earlierVersions(selection: Selection, inSnapshot: Promise<ReadonlySet<string>>): Promise<EarlierVersions> {
  const included = new Set(selection.included);
  const byName: Withheld[] = [];
  const wanted: Array<Change & { oldOid: string }> = [];
  for (const change of selection.changes ?? []) {
    if (change.oldOid === null) continue;
    const secret = change.status === "deleted" && !included.has(change.path) ? secretByName(change.path) : null;
    if (secret !== null) byName.push(earlierWithheld(change.path, secret));
    else wanted.push({ ...change, oldOid: change.oldOid });
  }
  const [blobs, shown] = await Promise.all([readBlobs(selection.root, wanted.map((change) => change.oldOid)), inSnapshot]);
  const contents = new Map<string, Buffer>();
  const withheld = [...byName];
  wanted.forEach((change, i) => {
    // A modified file the snapshot withholds shows no diff either.
    if (change.status === "modified" && !shown.has(change.path)) return;
    const content = blobs[i] ?? Buffer.alloc(0);
    const reason = included.has(change.path) ? null : secretInContent(content);
    if (reason === null) contents.set(change.path, content);
    else withheld.push(earlierWithheld(change.path, reason));
  });
  return { contents, withheld };
}

const earlierWithheld = (path: string, reason: string): Withheld => ({ path, reason: `earlier version: ${reason}; its diff is not sent` });

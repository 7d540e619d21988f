import { mkdir, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { put, removeTempDirs, tempDir } from "../scope/test-support/git-repo.js";
import { captureListing, diffListings, type ListingCapture } from "./listing.js";
import { watchTree } from "./watch.js";

afterAll(removeTempDirs);

const entriesOf = (capture: ListingCapture) => {
  if (!capture.ok) throw new Error(capture.reason);
  return capture.entries;
};

describe("tree listings outside git", () => {
  it("report nothing for an untouched tree, then new, written, touched and deleted entries", async () => {
    const root = await tempDir();
    await put(root, { "a.txt": "a\n", "src/b.ts": "b\n", "src/gone.ts": "g\n", "keep.txt": "k\n" });
    const before = entriesOf(await captureListing(root));
    expect(diffListings(before, entriesOf(await captureListing(root)))).toEqual([]);

    await writeFile(join(root, "a.txt"), "A\n");
    await put(root, { "src/new.ts": "n\n" });
    await rm(join(root, "src/gone.ts"));
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, "keep.txt"), later, later);
    await mkdir(join(root, "empty-dir"));
    expect(diffListings(before, entriesOf(await captureListing(root)))).toEqual([
      { kind: "changed", entry: " M a.txt" },
      { kind: "changed", entry: "?? empty-dir" },
      { kind: "changed", entry: " M keep.txt" },
      { kind: "changed", entry: " D src/gone.ts" },
      { kind: "changed", entry: "?? src/new.ts" },
    ]);
  });

  it("lists file names that are not valid UTF-8, and leaves out skipped directories", async () => {
    const root = await tempDir();
    const state = join(root, "state");
    await mkdir(state);
    const before = entriesOf(await captureListing(root, { skip: [state] }));
    await writeFile(Buffer.from(`${root}/caf\xe9.txt`, "latin1"), "x\n");
    await writeFile(join(state, "record.json"), "{}");
    expect(diffListings(before, entriesOf(await captureListing(root, { skip: [state] })))).toEqual([{ kind: "changed", entry: "?? caf\uFFFD.txt" }]);
  });

  it("a missing tree is a failed capture", async () => {
    const capture = await captureListing(join(await tempDir(), "nope"));
    expect(capture.ok).toBe(false);
  });
});

describe("watchTree", () => {
  it("uses the listing outside git: a clean review reports nothing, a write is reported", async () => {
    const root = await tempDir();
    await put(root, { "app.ts": "1\n" });
    const clean = await watchTree(root);
    expect(await clean.changes()).toEqual([]);
    const dirty = await watchTree(root);
    await writeFile(join(root, "app.ts"), "2\n");
    expect(await dirty.changes()).toEqual([{ kind: "changed", entry: " M app.ts" }]);
  });

  it("reports a tree that vanished once, with its reason once", async () => {
    const root = await tempDir();
    const watch = await watchTree(root);
    await rm(root, { recursive: true });
    const changes = await watch.changes();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "detection_failed", reason: expect.stringMatching(/^after the review: cannot list /) });
  });
});

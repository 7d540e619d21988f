import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newJobId } from "./job-id.js";
import { jobTempPrefix, sweepJobTempDirs } from "./temp-dirs.js";

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), "temp-dirs-"));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const made = async (name: string): Promise<string> => {
  await mkdir(join(parent, name), { recursive: true });
  return join(parent, name);
};

describe("sweepJobTempDirs", () => {
  it("removes the temp directories of the given jobs only, and keeps kept snapshots", async () => {
    const [over, live, kept] = [newJobId(), newJobId(), newJobId()];
    const swept = [await made(`${jobTempPrefix("target-tmp", over)}a1b2c3`), await made(`${jobTempPrefix("snapshot", over)}d4e5f6`)];
    await made(`${jobTempPrefix("target-tmp", live)}x`);
    const keptSnapshot = await made(`${jobTempPrefix("snapshot", kept)}y`);
    await made(`${jobTempPrefix("target-tmp", kept)}z`);
    // Not a job's directory, though it names one.
    await made(`companion-doctor-${over}-q`);
    await made(`${over}`);

    const removed = await sweepJobTempDirs(new Set([over, kept]), new Set([keptSnapshot]), parent);

    expect(removed.sort()).toEqual([...swept, join(parent, `${jobTempPrefix("target-tmp", kept)}z`)].sort());
    expect((await readdir(parent)).sort()).toEqual(
      [`${jobTempPrefix("target-tmp", live)}x`, `${jobTempPrefix("snapshot", kept)}y`, `companion-doctor-${over}-q`, over].sort(),
    );
  });

  it("a missing temp directory sweeps nothing", async () => {
    expect(await sweepJobTempDirs(new Set([newJobId()]), new Set(), join(parent, "gone"))).toEqual([]);
  });
});

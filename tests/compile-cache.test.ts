/**
 * The bins run their bundles from a V8 code cache kept per bundle content, node and arch in
 * the user's cache directory (SPEC §10: compiling the bundles is most of what start-up has
 * left). A cache is only an optimisation: a missing, refused, unwritable or disabled one
 * never changes what a command answers.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";

describe.each(TARGETS)("companion-%s's code cache", (target) => {
  let bin: Harness;
  let cacheDir: string;
  let jobId: string;
  beforeEach(async () => {
    bin = await Harness.create(target);
    cacheDir = join(bin.dir, ".cache", "agent-companion", "v8");
    await mkdir(join(bin.dir, "ws"));
    jobId = String((await bin.run(["run", "--mode", "rescue", "--cwd", join(bin.dir, "ws"), "do it"])).json.job_id);
  });
  afterEach(() => bin.cleanup());

  const readCaches = async (): Promise<string[]> => (await readdir(cacheDir)).filter((name) => name.startsWith("read-"));

  it("is written on the first run of a bundle and used by the next, with the same answer", async () => {
    const first = await bin.run(["status", "--job", jobId]);
    const [cache, ...others] = await readCaches();
    expect(others).toEqual([]);
    expect(cache).toMatch(new RegExp(`^read-[0-9a-f]{16}-${process.version}-${process.arch}\\.bin$`));
    const written = await stat(join(cacheDir, cache as string));
    const second = await bin.run(["status", "--job", jobId]);
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(second.stdout)).toMatchObject({ job_id: jobId, status: "completed" });
    // A cache V8 took is not written again (a new one would be a new file, renamed into place).
    expect((await stat(join(cacheDir, cache as string))).ino).toBe(written.ino);
  });

  it("is replaced when V8 refuses it, and the command answers as usual", async () => {
    const expected = (await bin.run(["status", "--job", jobId])).stdout;
    const [cache] = await readCaches();
    await writeFile(join(cacheDir, cache as string), "not a code cache");
    const run = await bin.run(["status", "--job", jobId]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe(expected);
    expect(String(await readFile(join(cacheDir, cache as string)))).not.toBe("not a code cache");
  });

  it("replaces the caches of other contents of the same bundle, and only those", async () => {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(join(cacheDir, `read-0000000000000000-${process.version}-${process.arch}.bin`), "an older build");
    await writeFile(join(cacheDir, `launch-0000000000000000-${process.version}-${process.arch}.bin`), "another bundle");
    await bin.run(["status", "--job", jobId]);
    expect((await readCaches()).length).toBe(1);
    expect(await readdir(cacheDir)).toContain(`launch-0000000000000000-${process.version}-${process.arch}.bin`);
  });

  it("is neither read nor written with NODE_DISABLE_COMPILE_CACHE, nor needed when the cache directory is unusable", async () => {
    const disabled = await bin.run(["status", "--job", jobId], { env: { NODE_DISABLE_COMPILE_CACHE: "1" } });
    expect(JSON.parse(disabled.stdout)).toMatchObject({ job_id: jobId });
    await rm(cacheDir, { recursive: true, force: true });
    await bin.run(["result", "--job", jobId], { env: { NODE_DISABLE_COMPILE_CACHE: "1" } });
    await expect(readdir(cacheDir)).rejects.toMatchObject({ code: "ENOENT" });
    // A file where the cache directory would go: nothing can be cached, everything still works.
    const blocked = join(bin.dir, "blocked");
    await writeFile(blocked, "");
    const run = await bin.run(["status", "--job", jobId], { env: { XDG_CACHE_HOME: blocked } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ job_id: jobId, status: "completed" });
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUNDLE_HEAD, BUNDLE_TAIL, cachePathFor, runBundle } from "./compile-cache.js";

describe("cachePathFor", () => {
  const name = `read-abc-${process.version}-${process.arch}.bin`;

  it("keeps caches in the platform's per-user cache directory, named by bundle, content, node and arch", () => {
    expect(cachePathFor("read", "abc", { HOME: "/home/u" }, "linux")).toBe(`/home/u/.cache/agent-companion/v8/${name}`);
    expect(cachePathFor("read", "abc", { HOME: "/home/u", XDG_CACHE_HOME: "/xdg" }, "linux")).toBe(`/xdg/agent-companion/v8/${name}`);
    expect(cachePathFor("read", "abc", { HOME: "/home/u", XDG_CACHE_HOME: "relative" }, "linux")).toBe(`/home/u/.cache/agent-companion/v8/${name}`);
    expect(cachePathFor("read", "abc", { HOME: "/Users/u" }, "darwin")).toBe(`/Users/u/Library/Caches/agent-companion/v8/${name}`);
  });

  it("has none without a home, or when NODE_DISABLE_COMPILE_CACHE is set", () => {
    expect(cachePathFor("read", "abc", {}, "linux")).toBeNull();
    expect(cachePathFor("read", "abc", { HOME: "/home/u", NODE_DISABLE_COMPILE_CACHE: "1" }, "linux")).toBeNull();
  });
});

describe("runBundle", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "compile-cache-"));
    // A bundle as the bins have them: CommonJS in its module function, requiring a file beside it.
    await writeFile(join(dir, "beside.cjs"), "module.exports = 'beside';\n");
    await writeFile(join(dir, "bundle.cjs"), wrapped("globalThis.ranBundle = [require('./beside.cjs'), __filename, typeof module.exports];"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const wrapped = (source: string): string => `${BUNDLE_HEAD}\n${source}${BUNDLE_TAIL}\n`;
  const ran = (): unknown => (globalThis as { ranBundle?: unknown }).ranBundle;

  it("runs the bundle as require would, with or without a cache", () => {
    expect(runBundle(join(dir, "bundle.cjs"), null).cache).toBe("off");
    expect(ran()).toEqual(["beside", join(dir, "bundle.cjs"), "object"]);
  });

  it("misses and saves; refuses what V8 refuses and saves again", async () => {
    const cachePath = join(dir, "cache", "bundle-1.bin");
    const first = runBundle(join(dir, "bundle.cjs"), cachePath);
    expect(first.cache).toBe("miss");
    first.save();
    expect((await readFile(cachePath)).length).toBeGreaterThan(0);
    // Another source (V8 keeps what it compiled in this process, whatever the cache says).
    await writeFile(join(dir, "other.cjs"), wrapped("globalThis.ranBundle = 'other';"));
    await writeFile(cachePath, "garbage");
    const refused = runBundle(join(dir, "other.cjs"), cachePath);
    expect(refused.cache).toBe("rejected");
    expect(ran()).toBe("other");
    refused.save();
    expect(String(await readFile(cachePath))).not.toBe("garbage");
  });

  it("refuses a file that is not a wrapped bundle, naming it", async () => {
    await writeFile(join(dir, "plain.cjs"), "globalThis.ranBundle = 'plain';\n");
    expect(() => runBundle(join(dir, "plain.cjs"), null)).toThrow(`${join(dir, "plain.cjs")} was not built for this bin`);
    expect(ran()).not.toBe("plain");
  });

  it("removes the bundle's other caches when it saves one", async () => {
    const first = runBundle(join(dir, "bundle.cjs"), join(dir, "cache", "bundle-1.bin"));
    first.save();
    const second = runBundle(join(dir, "bundle.cjs"), join(dir, "cache", "bundle-2.bin"));
    second.save();
    expect(await readdir(join(dir, "cache"))).toEqual(["bundle-2.bin"]);
  });
});

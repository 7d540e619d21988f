import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomically } from "./atomic-write.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "atomic-write-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("writeFileAtomically", () => {
  it("replaces the file's whole content with the given mode and leaves no temp file", async () => {
    const path = join(dir, "record.json");
    await writeFile(path, "old content that is longer than the new one");
    writeFileAtomically(path, "né\n", { mode: 0o600, durable: true });
    writeFileAtomically(path, "new ünïcode\n", { mode: 0o600, durable: false });
    expect(await readFile(path, "utf8")).toBe("new ünïcode\n");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(["record.json"]);
  });

  it("throws and removes its temp file when the rename fails, leaving the target as it was", async () => {
    const path = join(dir, "record.json");
    await mkdir(path);
    await writeFile(join(path, "inside"), "kept");
    expect(() => writeFileAtomically(path, "data", { mode: 0o600, durable: true })).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(await readdir(dir)).toEqual(["record.json"]);
    expect(await readFile(join(path, "inside"), "utf8")).toBe("kept");
  });

  it("throws when the directory is missing, creating nothing", () => {
    expect(() => writeFileAtomically(join(dir, "gone", "record.json"), "data", { mode: 0o600, durable: false })).toThrow(/ENOENT/);
  });
});

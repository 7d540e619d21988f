import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScopeError } from "../scope/scope-error.js";
import { selectScope } from "../scope/select.js";
import { commitAll, git, initRepo, put, removeTempDirs, tempDir } from "../scope/test-support/git-repo.js";
import { createSnapshot, destinationOf } from "./snapshot.js";

afterAll(removeTempDirs);

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

describe("createSnapshot", () => {
  it("makes a private copy outside the tree and removes it on cleanup", async () => {
    const repo = await initRepo();
    await put(repo, { "a.txt": "a\n", "deep/er/b.txt": "b\n" });
    await commitAll(repo);
    await writeFile(join(repo, "a.txt"), "a-dirty\n", { mode: 0o600 });
    for (const scope of ["working-tree", "head"] as const) {
      const snapshot = await createSnapshot(await selectScope({ cwd: repo, scope, base: null, paths: [] }));
      expect(snapshot.dir.startsWith(repo)).toBe(false);
      expect((await stat(snapshot.dir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(snapshot.dir, "a.txt"))).mode & 0o777).toBe(0o644);
      expect(await readFile(join(snapshot.dir, "deep/er/b.txt"), "utf8")).toBe("b\n");
      expect(await readFile(join(snapshot.dir, "a.txt"), "utf8")).toBe(scope === "head" ? "a\n" : "a-dirty\n");
      await snapshot.cleanup();
      await expect(stat(snapshot.dir)).rejects.toThrow();
      await snapshot.cleanup();
    }
  });

  it("refuses a parent inside the reviewed tree", async () => {
    const repo = await initRepo();
    await put(repo, { "a.txt": "a\n" });
    const selection = await selectScope({ cwd: repo, scope: "working-tree", base: null, paths: [] });
    await expect(createSnapshot(selection, { parent: repo })).rejects.toBeInstanceOf(ScopeError);
  });

  it("writes only files whose content passed the secret screen, and hashes exactly what it wrote", { timeout: 60_000 }, async () => {
    const token = ["ghp_", "a".repeat(18), "B".repeat(18)].join("");
    for (const scope of ["working-tree", "head"] as const) {
      const repo = await initRepo();
      await put(repo, { "ok.txt": "fine\n", "deep/leak.txt": `token ${token}\n`, "deep/er/ok.md": "# ok\n" });
      await commitAll(repo);
      const snapshot = await createSnapshot(await selectScope({ cwd: repo, scope, base: null, paths: [] }));
      expect(snapshot.screen.withheld).toEqual([{ path: "deep/leak.txt", reason: "secret content: GitHub token (line 1)" }]);
      expect(snapshot.screen.files.map((f) => f.path)).toEqual(["deep/er/ok.md", "ok.txt"]);
      for (const file of snapshot.screen.files) expect(file.sha256).toBe(await sha256(join(snapshot.dir, file.path)));
      await expect(stat(join(snapshot.dir, "deep/leak.txt"))).rejects.toThrow();
      await snapshot.cleanup();
    }
  });

  it("copies 20,000 files from the working tree and from the index", { timeout: 120_000 }, async () => {
    const repo = await initRepo();
    for (let d = 0; d < 200; d++) {
      await mkdir(join(repo, `d${d}`));
      await Promise.all(Array.from({ length: 100 }, (_, f) => writeFile(join(repo, `d${d}`, `f${f}.txt`), `file ${d}/${f}\n`)));
    }
    await git(repo, ["add", "-A"]);
    for (const scope of ["working-tree", "staged"] as const) {
      const selection = await selectScope({ cwd: repo, scope, base: null, paths: [] });
      expect(selection.fileCount).toBe(20_000);
      const snapshot = await createSnapshot(selection);
      expect(await readFile(join(snapshot.dir, "d199/f99.txt"), "utf8")).toBe("file 199/99\n");
      expect(await readFile(join(snapshot.dir, "d0/f0.txt"), "utf8")).toBe("file 0/0\n");
      await snapshot.cleanup();
    }
  });

  it("streams a blob larger than 64 MiB", { timeout: 120_000 }, async () => {
    const repo = await initRepo();
    const path = join(repo, "big.bin");
    const size = 64 * 1024 * 1024 + 12_345;
    const handle = await open(path, "w");
    await handle.write(randomBytes(1024 * 1024), 0, 1024 * 1024, 0);
    await handle.write(randomBytes(4096), 0, 4096, size - 4096);
    await handle.close();
    await commitAll(repo);
    const expected = await sha256(path);
    const selection = await selectScope({ cwd: repo, scope: "head", base: null, paths: [] });
    expect(selection.files[0]?.size).toBe(size);
    const snapshot = await createSnapshot(selection);
    const copy = join(snapshot.dir, "big.bin");
    expect((await stat(copy)).size).toBe(size);
    expect(await sha256(copy)).toBe(expected);
    await snapshot.cleanup();
  });
});

describe("snapshot paths", () => {
  it("never lands outside the snapshot", async () => {
    const dir = await tempDir();
    expect(destinationOf(dir, "a/b.txt")).toBe(join(dir, "a/b.txt"));
    expect(() => destinationOf(dir, "../x")).toThrow(/outside/);
    expect(() => destinationOf(dir, "/etc/passwd")).not.toThrow();
    expect(destinationOf(dir, "/etc/passwd")).toBe(join(dir, "etc/passwd"));
  });
});

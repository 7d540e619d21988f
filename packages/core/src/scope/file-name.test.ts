import { mkdir, writeFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { Scope } from "../record/schema.js";
import { selectScope } from "./select.js";
import { commitAll, git, initRepo, put, removeTempDirs, tempDir } from "./test-support/git-repo.js";

afterAll(removeTempDirs);

/** Creates a file (and its directory) whose name holds bytes that are not valid UTF-8. */
async function putRaw(root: string, rawPath: string, content: string): Promise<void> {
  const parts = rawPath.split("/");
  if (parts.length > 1) await mkdir(Buffer.from(`${root}/${parts.slice(0, -1).join("/")}`, "latin1"), { recursive: true });
  await writeFile(Buffer.from(`${root}/${rawPath}`, "latin1"), content);
}

const select = (cwd: string, scope: Scope, extra: { base?: string; paths?: readonly string[] } = {}) =>
  selectScope({ cwd, scope, base: extra.base ?? null, paths: extra.paths ?? [] });

describe("file names that are not valid UTF-8", () => {
  it("are skipped with a note in a plain folder, the rest is selected", async () => {
    const root = await tempDir();
    await put(root, { "ok.txt": "ok\n" });
    await putRaw(root, "caf\xe9.txt", "x\n");
    await putRaw(root, "d\xe9r/inner.txt", "y\n");
    const selection = await select(root, "working-tree");
    expect(selection.files.map((file) => file.path)).toEqual(["ok.txt"]);
    expect([...selection.notes].sort()).toEqual([
      "skipped caf\uFFFD.txt: its file name is not valid UTF-8",
      "skipped d\uFFFDr: its file name is not valid UTF-8",
    ]);
  });

  it("are skipped with a note in every git scope, even when two such names decode alike", async () => {
    const repo = await initRepo();
    await put(repo, { "ok.txt": "ok\n" });
    await commitAll(repo, "base");
    await git(repo, ["checkout", "-qb", "feature"]);
    await putRaw(repo, "b\xe9.txt", "1\n");
    await putRaw(repo, "b\xe8.txt", "2\n");
    await put(repo, { "feature.txt": "f\n" });
    await commitAll(repo, "feature");
    await putRaw(repo, "new\xff.txt", "3\n");
    const note = (name: string) => `skipped ${name}: its file name is not valid UTF-8`;
    const committed = [note("b\uFFFD.txt"), note("b\uFFFD.txt")];

    const working = await select(repo, "working-tree");
    expect(working.files.map((file) => file.path)).toEqual(["feature.txt", "ok.txt"]);
    expect(working.notes).toEqual(expect.arrayContaining([...committed, note("new\uFFFD.txt")]));

    for (const [scope, extra, paths] of [
      ["head", {}, ["feature.txt", "ok.txt"]],
      ["staged", {}, ["feature.txt", "ok.txt"]],
      ["branch-diff", { base: "main" }, ["feature.txt"]],
      ["custom", { paths: ["*.txt"] }, ["feature.txt", "ok.txt"]],
    ] as const) {
      const selection = await select(repo, scope, extra);
      expect(selection.files.map((file) => file.path), scope).toEqual(paths);
      expect(selection.notes, scope).toEqual(expect.arrayContaining(committed));
    }
  });
});

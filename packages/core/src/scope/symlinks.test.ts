import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSnapshot } from "../snapshot/snapshot.js";
import { ScopeError } from "./scope-error.js";
import { selectScope } from "./select.js";
import type { Scope } from "../record/schema.js";
import { commitAll, initRepo, link, put, removeTempDirs, tempDir } from "./test-support/git-repo.js";

afterAll(removeTempDirs);

const select = (cwd: string, scope: Scope, paths: string[] = []) => selectScope({ cwd, scope, base: null, paths });

async function failure(promise: Promise<unknown>): Promise<ScopeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScopeError);
  return error as ScopeError;
}

/** A repository with one committed file, one directory, and the given link. */
async function repoWithLink(path: string, target: string, extra: (repo: string) => Promise<void> = async () => undefined): Promise<string> {
  const repo = await initRepo();
  await put(repo, { "real.txt": "real content\n", "dir/inner.txt": "inner\n" });
  await extra(repo);
  await link(repo, path, target);
  await commitAll(repo);
  return repo;
}

describe("symlinks", () => {
  it("a link to an in-tree file is sent as that file's content in every scope", async () => {
    const repo = await repoWithLink("sub/alias.txt", "../real.txt");
    for (const scope of ["working-tree", "staged", "head", "custom"] as const) {
      const selection = await select(repo, scope, ["sub"]);
      const alias = selection.files.find((f) => f.path === "sub/alias.txt");
      expect(alias?.size).toBe("real content\n".length);
      const snapshot = await createSnapshot(selection);
      expect(await readFile(join(snapshot.dir, "sub/alias.txt"), "utf8")).toBe("real content\n");
      await snapshot.cleanup();
    }
  });

  const cases: Array<[string, (outside: string) => string, RegExp]> = [
    ["escaping the source", () => "../../etc/passwd", /escapes the source/],
    ["absolute outside", (outside) => join(outside, "secret.txt"), /absolute path/],
    ["dangling", () => "missing.txt", /dangling/],
    ["to a directory", () => "dir", /directory/],
    ["into .git", () => ".git/config", /\.git/],
  ];

  for (const [name, target, message] of cases) {
    it(`fails closed for a link ${name}, on disk and in git objects`, async () => {
      const outside = await tempDir();
      await put(outside, { "secret.txt": "outside secret\n" });
      const repo = await repoWithLink("bad", target(outside));
      for (const scope of ["working-tree", "head", "staged"] as const) {
        expect((await failure(select(repo, scope))).message).toMatch(message);
      }
      expect((await failure(select(repo, "custom", ["bad"]))).message).toMatch(message);
      // Leaving the link out of a custom selection is the way around it.
      expect((await select(repo, "custom", ["real.txt"])).fileCount).toBe(1);
    });
  }

  it("fails closed for loops and over-long chains", async () => {
    const loop = await repoWithLink("a", "b", async (dir) => {
      await link(dir, "b", "a");
    });
    for (const scope of ["working-tree", "head"] as const) {
      expect((await failure(select(loop, scope))).message).toMatch(/loop/);
    }
    const chain = await repoWithLink("c0", "c1", async (dir) => {
      for (let i = 1; i < 10; i++) await link(dir, `c${i}`, `c${i + 1}`);
      await put(dir, { c10: "end\n" });
    });
    for (const scope of ["working-tree", "head"] as const) {
      expect((await failure(select(chain, scope))).message).toMatch(/chain of more than 8/);
    }
  });

  it("a short chain resolves", async () => {
    const repo = await repoWithLink("s0", "s1", async (dir) => {
      await link(dir, "s1", "dir/../s2");
      await link(dir, "s2", "real.txt");
    });
    for (const scope of ["working-tree", "head"] as const) {
      const file = (await select(repo, scope)).files.find((f) => f.path === "s0");
      expect(file?.size).toBe("real content\n".length);
    }
  });

  it("a tracked path under a directory replaced by an outside link fails closed", async () => {
    const outside = await tempDir();
    await put(outside, { "inner.txt": "outside\n" });
    const repo = await repoWithLink("ok", "real.txt");
    await rm(join(repo, "dir"), { recursive: true });
    await link(repo, "dir", outside);
    expect((await failure(select(repo, "working-tree"))).message).toMatch(/symlinked directory|points at a directory|escapes/);
  });
});


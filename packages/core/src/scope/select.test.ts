import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSnapshot } from "../snapshot/snapshot.js";
import { ScopeError } from "./scope-error.js";
import { selectScope } from "./select.js";
import type { Selection } from "./selection.js";
import { commitAll, git, initRepo, put, removeTempDirs, tempDir } from "./test-support/git-repo.js";

const SECRET = "SECRET=hunter2";

/** Every selected file's content, read back through a real snapshot. */
async function contents(selection: Selection): Promise<Record<string, string>> {
  const snapshot = await createSnapshot(selection);
  try {
    const entries = await Promise.all(selection.files.map(async (f) => [f.path, await readFile(join(snapshot.dir, f.path), "utf8")] as const));
    return Object.fromEntries(entries);
  } finally {
    await snapshot.cleanup();
  }
}

const paths = (selection: Selection) => selection.files.map((f) => f.path);

async function expectScopeError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScopeError);
  expect((error as ScopeError).code).toBe("scope_failed");
  expect((error as ScopeError).suggestedAction.length).toBeGreaterThan(0);
  expect((error as ScopeError).message).toMatch(pattern);
}

afterAll(removeTempDirs);

describe("selectScope on a repository with every kind of change", () => {
  let repo: string;

  beforeAll(async () => {
    repo = await initRepo();
    await put(repo, {
      ".gitignore": ".env\nbuild/\n",
      "README.md": "readme v1\n",
      "src/a.ts": "a1\n",
      "src/b.ts": "b1\n",
      "src/gone.ts": "gone\n",
      "src/removed.ts": "removed\n",
    });
    await commitAll(repo);
    await put(repo, { "src/a.ts": "a2-dirty\n", "src/b.ts": "b2-staged\n", "staged-new.txt": "sn\n" });
    await git(repo, ["add", "src/b.ts", "staged-new.txt"]);
    await git(repo, ["rm", "-q", "src/removed.ts"]);
    await rm(join(repo, "src/gone.ts"));
    await put(repo, { "src/b.ts": "b3-dirty\n", "new.txt": "new\n", ".env": `${SECRET}\n`, "build/out.js": "built\n" });
  });

  const request = (scope: "working-tree" | "staged" | "head" | "custom", extra: { cwd?: string; paths?: string[]; includeSecrets?: string[] } = {}) => ({
    cwd: extra.cwd ?? repo,
    scope,
    base: null,
    paths: extra.paths ?? [],
    includeSecrets: extra.includeSecrets ?? [],
  });
  const changeSummary = (selection: Selection) =>
    (selection.changes ?? []).map((c) => `${c.status}${c.untracked ? "?" : ""}${c.oldOid === null ? "" : "@"} ${c.path}`).sort();

  it("working-tree: tracked and untracked live content, never ignored or deleted files", async () => {
    const selection = await selectScope(request("working-tree"));
    expect(selection.root).toBe(repo);
    expect(paths(selection)).toEqual([".gitignore", "README.md", "new.txt", "src/a.ts", "src/b.ts", "staged-new.txt"]);
    const files = await contents(selection);
    expect(files["src/a.ts"]).toBe("a2-dirty\n");
    expect(files["src/b.ts"]).toBe("b3-dirty\n");
    expect(Object.values(files).join("")).not.toContain(SECRET);
    expect(selection.fileCount).toBe(6);
    expect(selection.byteCount).toBe(Object.values(files).reduce((n, c) => n + Buffer.byteLength(c), 0));
    expect(selection.files.every((f) => f.source.kind === "worktree")).toBe(true);
    expect(changeSummary(selection)).toEqual(["added staged-new.txt", "added? new.txt", "deleted@ src/gone.ts", "deleted@ src/removed.ts", "modified@ src/a.ts", "modified@ src/b.ts"]);
    expect(selection.git).toEqual({ head: (await git(repo, ["rev-parse", "HEAD"])).trim(), branch: "main" });
  });

  it("--include-secret must name a file of the selection", async () => {
    await expectScopeError(selectScope(request("working-tree", { includeSecrets: [".env"] })), /names no file of this review's selection/);
    await expectScopeError(selectScope(request("working-tree", { includeSecrets: ["../outside"] })), /outside the reviewed tree/);
  });

  it("working-tree from a subdirectory still selects the whole work tree", async () => {
    const selection = await selectScope(request("working-tree", { cwd: join(repo, "src") }));
    expect(selection.root).toBe(repo);
    expect(paths(selection)).toContain("README.md");
  });

  it("staged: the index as blobs", async () => {
    const selection = await selectScope(request("staged"));
    expect(paths(selection)).toEqual([".gitignore", "README.md", "src/a.ts", "src/b.ts", "src/gone.ts", "staged-new.txt"]);
    expect(selection.files.every((f) => f.source.kind === "blob")).toBe(true);
    const files = await contents(selection);
    expect(files["src/a.ts"]).toBe("a1\n");
    expect(files["src/b.ts"]).toBe("b2-staged\n");
    expect(changeSummary(selection)).toEqual(["added staged-new.txt", "deleted@ src/removed.ts", "modified@ src/b.ts"]);
  });

  it("head: the HEAD tree as blobs", async () => {
    const selection = await selectScope(request("head"));
    expect(paths(selection)).toEqual([".gitignore", "README.md", "src/a.ts", "src/b.ts", "src/gone.ts", "src/removed.ts"]);
    const files = await contents(selection);
    expect(files["src/b.ts"]).toBe("b1\n");
    expect(selection.byteCount).toBe(Object.values(files).reduce((n, c) => n + Buffer.byteLength(c), 0));
    expect(selection.changes).toBeNull();
  });

  it("custom: globs relative to the cwd, ignored files only when named literally", async () => {
    expect(paths(await selectScope(request("custom", { cwd: join(repo, "src"), paths: ["*.ts"] })))).toEqual(["src/a.ts", "src/b.ts"]);
    expect(paths(await selectScope(request("custom", { paths: ["src"] })))).toEqual(["src/a.ts", "src/b.ts"]);
    expect(paths(await selectScope(request("custom", { paths: ["*.md", "**/*.env", "build/**", ".e*"] })))).toEqual(["README.md"]);
    expect(paths(await selectScope(request("custom", { paths: ["*"] })))).not.toContain(".env");
    // Named literally, an ignored file is selected, and then withheld as a secret by name…
    const explicit = await selectScope(request("custom", { paths: [".env", "{README,nothing}.md"] }));
    expect(paths(explicit)).toEqual(["README.md"]);
    expect(explicit.withheld).toEqual([{ path: ".env", reason: "secret file name (.env)" }]);
    // …unless the user sends it on purpose.
    const consented = await selectScope(request("custom", { paths: [".env", "README.md"], includeSecrets: [".env"] }));
    expect(paths(consented)).toEqual([".env", "README.md"]);
    expect(consented.withheld).toEqual([]);
    expect((await contents(consented))[".env"]).toBe(`${SECRET}\n`);
  });

  it("custom: no match, bad globs", async () => {
    await expectScopeError(selectScope(request("custom", { paths: ["nothing/**"] })), /no files match/);
    await expectScopeError(selectScope(request("custom", { paths: ["../x"] })), /\.\./);
    await expectScopeError(selectScope(request("custom", { paths: [".git/config"] })), /\.git/);
    await expectScopeError(selectScope(request("custom", { paths: [] })), /at least one/);
  });
});

describe("selectScope: branch-diff", () => {
  let repo: string;

  beforeAll(async () => {
    repo = await initRepo();
    await put(repo, { "x.txt": "x1\n", "y.txt": "y1\n", "z.txt": "z1\n" });
    await commitAll(repo, "base");
    await git(repo, ["checkout", "-q", "-b", "feature"]);
    await put(repo, { "x.txt": "x2\n", "w.txt": "w\n" });
    await rm(join(repo, "y.txt"));
    await commitAll(repo, "feature work");
    await git(repo, ["checkout", "-q", "main"]);
    await put(repo, { "z.txt": "z2\n" });
    await commitAll(repo, "main moves on");
    await git(repo, ["checkout", "-q", "feature"]);
    await put(repo, { "x.txt": "x3-uncommitted\n" });
  });

  const request = (base: string | null, cwd = repo) => ({ cwd, scope: "branch-diff" as const, base, paths: [] });

  it("selects files changed since the merge-base with HEAD content, skipping deletions", async () => {
    const selection = await selectScope(request(null));
    expect(selection.base).toBe("main");
    expect(selection.mergeBase).toMatch(/^[0-9a-f]{40}$/);
    expect(paths(selection)).toEqual(["w.txt", "x.txt"]);
    expect((await contents(selection))["x.txt"]).toBe("x2\n");
    // The deletion is part of the change (its diff shows the removed lines), not of the files.
    expect((selection.changes ?? []).map((c) => `${c.status} ${c.path} ${c.oldOid === null ? "new" : "old"}`)).toEqual(["added w.txt new", "modified x.txt old", "deleted y.txt old"]);
    expect(selection.git).toEqual({ head: (await git(repo, ["rev-parse", "HEAD"])).trim(), branch: "feature" });
  });

  it("prefers origin/HEAD's target as the default base", async () => {
    const clone = await tempDir();
    await git(clone, ["clone", "-q", repo, "c"]);
    const dir = join(clone, "c");
    await git(dir, ["checkout", "-q", "-b", "topic", "origin/main"]);
    await put(dir, { "t.txt": "t\n" });
    await commitAll(dir);
    const selection = await selectScope(request(null, dir));
    expect(selection.base).toBe("origin/feature");
    expect(paths(selection)).toEqual(["t.txt", "z.txt"]);
  });

  it("accepts an explicit base with ancestry suffixes", async () => {
    expect(paths(await selectScope(request("feature~1")))).toEqual(["w.txt", "x.txt"]);
  });

  it("fails closed on an empty diff, a bad ref or an option-shaped ref", async () => {
    await expectScopeError(selectScope(request("feature")), /no files changed/);
    await expectScopeError(selectScope(request("does-not-exist")), /does not name a commit/);
    await expectScopeError(selectScope(request("--output=/tmp/x")), /does not name a commit/);
    await expectScopeError(selectScope(request("main..feature")), /does not name a commit/);
  });
});

describe("selectScope outside git and in edge repositories", () => {
  it("a plain directory is copied whole, nested .git entries skipped", async () => {
    const dir = await tempDir();
    await put(dir, { "a.txt": "a\n", "deep/b.txt": "b\n", "deep/.git/config": "x\n", ".env": "plain dirs have no ignore rules\n" });
    const selection = await selectScope({ cwd: dir, scope: "working-tree", base: null, paths: [] });
    expect(paths(selection)).toEqual(["a.txt", "deep/b.txt"]);
    expect(selection.withheld).toEqual([{ path: ".env", reason: "secret file name (.env)" }]);
    expect(selection.changes).toBeNull();
    expect(selection.git).toBeNull();
    expect(paths(await selectScope({ cwd: dir, scope: "custom", base: null, paths: ["deep"] }))).toEqual(["deep/b.txt"]);
  });

  it("git-only scopes need a repository", async () => {
    const dir = await tempDir();
    await put(dir, { "a.txt": "a\n" });
    for (const scope of ["staged", "head", "branch-diff"] as const) {
      await expectScopeError(selectScope({ cwd: dir, scope, base: null, paths: [] }), /needs a git repository/);
    }
  });

  it("a repository without commits has no head or branch-diff scope but has an index", async () => {
    const repo = await initRepo();
    await put(repo, { "a.txt": "a\n" });
    await git(repo, ["add", "a.txt"]);
    await expectScopeError(selectScope({ cwd: repo, scope: "head", base: null, paths: [] }), /no commits/);
    expect(paths(await selectScope({ cwd: repo, scope: "staged", base: null, paths: [] }))).toEqual(["a.txt"]);
  });

  it("a missing directory is a scope error", async () => {
    await expectScopeError(selectScope({ cwd: "/nonexistent/dir", scope: "working-tree", base: null, paths: [] }), /cannot read/);
  });

  it("submodules are skipped with a note", { timeout: 60_000 }, async () => {
    const inner = await initRepo();
    await put(inner, { "i.txt": "i\n" });
    await commitAll(inner);
    const repo = await initRepo();
    await put(repo, { "top.txt": "top\n" });
    await git(repo, ["-c", "protocol.file.allow=always", "submodule", "add", "-q", inner, "sub"]);
    await commitAll(repo);
    for (const scope of ["working-tree", "head", "staged"] as const) {
      const selection = await selectScope({ cwd: repo, scope, base: null, paths: [] });
      expect(paths(selection)).toEqual([".gitmodules", "top.txt"]);
      expect(selection.notes).toContain("skipped submodule sub");
    }
  });
});

import { chmod, mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureGitStatus } from "../mutations/capture.js";
import { createSnapshot } from "../snapshot/snapshot.js";
import type { Scope } from "../record/schema.js";
import { ScopeError } from "./scope-error.js";
import { selectScope } from "./select.js";
import type { Selection } from "./selection.js";
import { commitAll, git, initRepo, put, removeTempDirs, tempDir } from "./test-support/git-repo.js";

/**
 * A repository whose config and attributes try to run commands (filters, LFS, textconv,
 * fsmonitor, hooks, external diff) and to change what reads return (replace refs,
 * grafts). Every trap writes a marker file when sprung; none may be sprung.
 */

let repo: string;
let markers: string;
let trap: string;

async function armTraps(dir: string): Promise<void> {
  const hooks = join(markers, "..", "hooks");
  await mkdir(hooks, { recursive: true });
  for (const hook of ["post-index-change", "reference-transaction", "post-checkout", "pre-commit", "fsmonitor-watchman"]) {
    await writeFile(join(hooks, hook), `#!/bin/sh\ntouch "${markers}/hook-${hook}"\n`);
    await chmod(join(hooks, hook), 0o755);
  }
  const settings: Array<[string, string]> = [
    ["filter.evil.clean", `${trap} clean`],
    ["filter.evil.smudge", `${trap} smudge`],
    ["filter.evil.required", "true"],
    ["filter.lfs.process", `${trap} lfs-process`],
    ["filter.lfs.required", "true"],
    ["diff.evil.textconv", `${trap} textconv`],
    ["diff.external", `${trap} external-diff`],
    ["core.fsmonitor", `${trap} fsmonitor`],
    ["core.hooksPath", hooks],
    ["core.pager", `${trap} pager`],
  ];
  for (const [key, value] of settings) await git(dir, ["config", key, value]);
}

async function sprung(): Promise<string[]> {
  return readdir(markers);
}

async function contents(selection: Selection): Promise<Record<string, string>> {
  const snapshot = await createSnapshot(selection);
  try {
    const pairs = await Promise.all(selection.files.map(async (f) => [f.path, await readFile(join(snapshot.dir, f.path), "utf8")] as const));
    return Object.fromEntries(pairs);
  } finally {
    await snapshot.cleanup();
  }
}

const select = (scope: Scope, cwd = repo, base: string | null = null) => selectScope({ cwd, scope, base, paths: scope === "custom" ? ["**"] : [] });

beforeAll(async () => {
  const work = await tempDir();
  markers = join(work, "markers");
  await mkdir(markers);
  trap = join(work, "trap.sh");
  await writeFile(trap, `#!/bin/sh\ntouch "${markers}/$1"\ncat\n`);
  await chmod(trap, 0o755);

  repo = await initRepo();
  await put(repo, { ".gitattributes": "*.txt filter=evil diff=evil\n*.bin filter=lfs diff=lfs\n", "file.txt": "raw blob text\n", "data.bin": "raw binary-ish\n" });
  await commitAll(repo, "base");
  await git(repo, ["checkout", "-q", "-b", "feature"]);
  await put(repo, { "file.txt": "feature text\n", "feature.txt": "added on feature\n" });
  await commitAll(repo, "feature");

  // Replace refs: the blob of file.txt and the HEAD commit both have stand-ins.
  const headBlob = (await git(repo, ["rev-parse", "HEAD:file.txt"])).trim();
  const standIn = (await git(repo, ["hash-object", "-w", "--stdin"], "REPLACED CONTENT\n")).trim();
  await git(repo, ["replace", headBlob, standIn]);
  // Grafts: pretend HEAD has no parent, which would leave no merge-base with main.
  await writeFile(join(repo, ".git/info/grafts"), `${(await git(repo, ["rev-parse", "HEAD"])).trim()}\n`);

  await armTraps(repo);
  // Stat-dirty but content-identical: git status must re-read it through the clean filter.
  const future = new Date(Date.now() + 60_000);
  await utimes(join(repo, "file.txt"), future, future);
  await utimes(join(repo, "data.bin"), future, future);
});

afterAll(removeTempDirs);

describe("a hostile repository is read object-purely", () => {
  it("every scope returns raw content and springs no trap", async () => {
    expect((await contents(await select("working-tree")))["file.txt"]).toBe("feature text\n");
    expect((await contents(await select("custom")))["file.txt"]).toBe("feature text\n");
    expect((await contents(await select("staged")))["file.txt"]).toBe("feature text\n");
    const head = await contents(await select("head"));
    expect(head["file.txt"]).toBe("feature text\n");
    expect(head["data.bin"]).toBe("raw binary-ish\n");
    const diff = await select("branch-diff", repo, "main");
    expect(diff.files.map((f) => f.path)).toEqual(["feature.txt", "file.txt"]);
    expect((await contents(diff))["file.txt"]).toBe("feature text\n");
    expect(await sprung()).toEqual([]);
  });

  it("git status for mutation detection springs no trap", async () => {
    const status = await captureGitStatus(repo);
    expect(status.ok).toBe(true);
    expect(await sprung()).toEqual([]);
  });

  it("inherited GIT_* variables do not redirect git", async () => {
    const other = await initRepo();
    await put(other, { "other.txt": "other repository\n" });
    await commitAll(other);
    const hostile: Record<string, string> = {
      GIT_DIR: join(other, ".git"),
      GIT_WORK_TREE: other,
      GIT_INDEX_FILE: join(other, ".git/index"),
      GIT_OBJECT_DIRECTORY: join(other, ".git/objects"),
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${trap} env-fsmonitor' 'diff.external'='${trap} env-external'`,
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "core.fsmonitor",
      GIT_CONFIG_VALUE_0: `${trap} env-count`,
      GIT_NAMESPACE: "elsewhere",
      GIT_CEILING_DIRECTORIES: repo,
    };
    const saved = Object.fromEntries(Object.keys(hostile).map((k) => [k, process.env[k]]));
    Object.assign(process.env, hostile);
    try {
      const files = await contents(await select("working-tree"));
      expect(Object.keys(files)).toContain("feature.txt");
      expect(Object.keys(files)).not.toContain("other.txt");
      expect((await contents(await select("head")))["file.txt"]).toBe("feature text\n");
      expect((await captureGitStatus(repo)).ok).toBe(true);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(await sprung()).toEqual([]);
  });

  it("the traps are real: plain git status springs them", async () => {
    await git(repo, ["-c", "filter.lfs.process=", "-c", "filter.lfs.required=false", "status", "--porcelain"]);
    expect(await sprung()).toEqual(expect.arrayContaining(["clean", "fsmonitor"]));
  });
});

describe("a repository whose config moves the work tree", () => {
  it("fails closed instead of reading the other tree", async () => {
    const elsewhere = await tempDir();
    await put(elsewhere, { "private.txt": "not part of the repo\n" });
    const moved = await initRepo();
    await put(moved, { "a.txt": "a\n" });
    await commitAll(moved);
    await git(moved, ["config", "core.worktree", elsewhere]);
    const error = await selectScope({ cwd: moved, scope: "working-tree", base: null, paths: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScopeError);
    expect((error as ScopeError).message).toMatch(/work tree/);
  });
});

import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CompanionError } from "../errors/companion-error.js";
import { ScopeError } from "../scope/scope-error.js";
import { commitAll, git, initRepo, put, removeTempDirs, tempDir } from "../scope/test-support/git-repo.js";
import { findGitRootSync, locateWorkspace, resolveSourceDir, workspaceRootOf } from "./root.js";

afterAll(removeTempDirs);

describe("workspace roots", () => {
  it("the git top level of a directory, else the directory itself, realpath'd", async () => {
    const repo = await initRepo();
    await mkdir(join(repo, "sub/deeper"), { recursive: true });
    expect(findGitRootSync(join(repo, "sub/deeper"))).toBe(repo);
    expect(workspaceRootOf(join(repo, "sub/deeper"))).toBe(repo);
    const plain = await tempDir();
    expect(findGitRootSync(plain)).toBeNull();
    expect(workspaceRootOf(plain)).toBe(plain);
    await symlink(repo, join(plain, "link"));
    expect(resolveSourceDir("link/sub", plain)).toBe(join(repo, "sub"));
    expect(() => resolveSourceDir("missing", plain)).toThrow(CompanionError);
  });

  it("a review's workspace: git and the disk agree, or it is refused", async () => {
    const repo = await initRepo();
    await put(repo, { "src/a.ts": "a\n" });
    await commitAll(repo);
    expect(await locateWorkspace(join(repo, "src"))).toEqual({ root: repo, git: true, cwd: join(repo, "src") });
    const plain = await tempDir();
    expect(await locateWorkspace(plain)).toEqual({ root: plain, git: false, cwd: plain });
    await expect(locateWorkspace(join(plain, "missing"))).rejects.toBeInstanceOf(ScopeError);

    const elsewhere = await tempDir();
    await git(repo, ["config", "core.worktree", elsewhere]);
    await expect(locateWorkspace(repo)).rejects.toThrow(/but the repository on disk is/);
  });
});

import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { commitAll, git, initRepo, put, removeTempDirs } from "../scope/test-support/git-repo.js";
import { parseBatchHeader, readBlobs } from "./cat-file.js";
import { hardenedGitEnv } from "./env.js";
import { filterDriverNames, neutralisedFilterConfig } from "./filters.js";
import { checkRevision, defaultBaseRef, resolveCommit } from "./refs.js";

afterAll(removeTempDirs);

describe("hardenedGitEnv", () => {
  it("drops every GIT_* variable and pins the safe ones", () => {
    const env = hardenedGitEnv({ PATH: "/bin", GIT_DIR: "/x", git_work_tree: "/y", GIT_CONFIG_PARAMETERS: "'a'='b'", GIT_SSH_COMMAND: "evil", HOME: "/h", EMPTY: undefined });
    expect(env).toEqual({
      PATH: "/bin",
      HOME: "/h",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_NO_REPLACE_OBJECTS: "1",
      GIT_GRAFT_FILE: "/dev/null",
      GIT_OPTIONAL_LOCKS: "0",
      GIT_TERMINAL_PROMPT: "0",
      LC_ALL: "C",
    });
  });

  it("passes per-call config as GIT_CONFIG_KEY/VALUE pairs", () => {
    const env = hardenedGitEnv({ GIT_CONFIG_COUNT: "9" }, [["filter.a=b.clean", ""]]);
    expect(env.GIT_CONFIG_COUNT).toBe("1");
    expect(env.GIT_CONFIG_KEY_0).toBe("filter.a=b.clean");
    expect(env.GIT_CONFIG_VALUE_0).toBe("");
  });
});

describe("filter neutralisation", () => {
  it("finds driver names, dotted ones included", () => {
    expect(filterDriverNames("filter.lfs.process\0filter.lfs.required\0filter.a.b.clean\0")).toEqual(["lfs", "a.b"]);
    expect(neutralisedFilterConfig(["lfs"])).toEqual([
      ["filter.lfs.clean", ""],
      ["filter.lfs.smudge", ""],
      ["filter.lfs.process", ""],
      ["filter.lfs.required", "false"],
    ]);
  });
});

describe("checkRevision", () => {
  it("accepts ref names, ids and ancestry suffixes", () => {
    for (const ok of ["main", "origin/main", "v1.2.3", "HEAD~3", "HEAD^", "main~2^1", "a".repeat(40), "feature/x-y_z", "@"]) {
      expect(checkRevision(ok).ok).toBe(true);
    }
  });

  it("refuses options, ranges, reflog and path syntax, and malformed names", () => {
    for (const bad of ["", "-x", "--output=/tmp/f", "a..b", "main@{1}", "HEAD:file", "a b", "a\nb", "x^{tree}", ".hidden", "a//b", "a/", "x.lock", "a.", "ma*n", "a~b"]) {
      expect(checkRevision(bad).ok).toBe(false);
    }
  });

  it("never accepts anything starting with '-'", () => {
    fc.assert(fc.property(fc.string(), (s) => !checkRevision(`-${s}`).ok));
  });
});

describe("refs and roots in a real repository", () => {
  it("resolves commits and the default base", async () => {
    const repo = await initRepo();
    await put(repo, { "a.txt": "a\n" });
    const head = (await commitAll(repo)).trim();
    expect(await resolveCommit(repo, "HEAD")).toBe(head);
    expect(await resolveCommit(repo, "main")).toBe(head);
    expect(await resolveCommit(repo, "--all")).toBeNull();
    expect(await resolveCommit(repo, "nope")).toBeNull();
    expect(await defaultBaseRef(repo)).toBe("main");
    await git(repo, ["branch", "-m", "main", "master"]);
    expect(await defaultBaseRef(repo)).toBe("master");
    await git(repo, ["branch", "-m", "master", "trunk"]);
    expect(await defaultBaseRef(repo)).toBeNull();
  });

  it("reads blobs raw and reports missing objects", async () => {
    const repo = await initRepo();
    const oid = (await git(repo, ["hash-object", "-w", "--stdin"], "hello\n")).trim();
    expect((await readBlobs(repo, [oid, oid])).map((b) => b.toString())).toEqual(["hello\n", "hello\n"]);
    await expect(readBlobs(repo, ["f".repeat(40)])).rejects.toThrow(/unavailable/);
    await expect(readBlobs(repo, ["HEAD:a.txt"])).rejects.toThrow(/not an object id/);
    expect(() => parseBatchHeader(`${oid} missing`, oid)).toThrow();
  });
});

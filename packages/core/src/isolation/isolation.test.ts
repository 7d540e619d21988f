import { createHash } from "node:crypto";
import { chmod, lstat, mkdir, readFile, readlink, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commitAll, git, initRepo, link, put, removeTempDirs, tempDir } from "../scope/test-support/git-repo.js";
import { readBlobs } from "../git/cat-file.js";
import { listChanges, parseChanges } from "./changes.js";
import { commitWorkingState, headCommit } from "./commit-state.js";
import { applyEdits, parseMergeTree, parseRawDiff, planMerge } from "./merge.js";
import { deleteJobRefs, jobRef, readJobRef, writeJobRef } from "./refs.js";
import { copyIgnored, selectIgnored } from "./with-ignored.js";
import { addWorktree, removeWorktree } from "./worktree.js";

afterAll(removeTempDirs);

const JOB = "0b7e0b9e-3f6a-4c39-9d43-6d1f7a8f1c11";

/** Everything of a repository a user could notice changing, besides the work tree's files. */
async function repoState(repo: string) {
  const index = await readFile(join(repo, ".git/index")).catch(() => Buffer.alloc(0));
  return {
    index: createHash("sha256").update(index).digest("hex"),
    indexMtime: (await stat(join(repo, ".git/index")).catch(() => null))?.mtimeMs ?? null,
    head: await readFile(join(repo, ".git/HEAD"), "utf8"),
    refs: await git(repo, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags", "refs/stash"]),
    // Without optional locks: a plain `git status` would itself rewrite the index.
    status: await git(repo, ["--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=all"]),
  };
}

/** Path → content (or link target, with the mode) of every file in a commit. */
async function commitFiles(repo: string, commit: string): Promise<Record<string, string>> {
  const listing = (await git(repo, ["ls-tree", "-r", "-z", commit])).split("\0").filter(Boolean);
  const entries = listing.map((line) => {
    const [meta = "", path = ""] = line.split("\t");
    const [mode = "", , oid = ""] = meta.split(" ");
    return { path, mode, oid };
  });
  const contents = await readBlobs(repo, entries.map((entry) => entry.oid));
  return Object.fromEntries(entries.map((entry, i) => [entry.path, `${entry.mode}:${contents[i]?.toString() ?? ""}`]));
}

/** A repository with every kind of change a user's tree can hold. */
async function dirtyRepo(): Promise<string> {
  const repo = await initRepo();
  await put(repo, {
    "clean.txt": "clean\n",
    "edited.txt": "one\ntwo\nthree\n",
    "staged.txt": "committed\n",
    "gone.txt": "gone\n",
    "staged-gone.txt": "staged gone\n",
    "run.sh": "#!/bin/sh\n",
    ".gitignore": "node_modules/\n*.log\n",
  });
  await commitAll(repo);
  await put(repo, { "staged.txt": "staged\n" });
  await git(repo, ["add", "staged.txt"]);
  await put(repo, { "staged.txt": "staged then edited\n", "edited.txt": "one\nTWO\nthree\n", "new dir/with space.txt": "untracked\n", "debug.log": "ignored\n", "node_modules/pkg/index.js": "dep\n", "id_rsa": "secret\n", ".env": "KEY=1\n", "notes/deploy.txt": DEPLOY_KEY });
  await rm(join(repo, "gone.txt"));
  await git(repo, ["rm", "-q", "staged-gone.txt"]);
  await chmod(join(repo, "run.sh"), 0o755);
  await link(repo, "link-to-clean", "clean.txt");
  return repo;
}

/** An untracked file whose name is harmless but whose content is a private key. */
const DEPLOY_KEY = [
  "-----BEGIN OPENSSH PRIVATE KEY-----",
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
  "QyNTUxOQAAACDu0c1gN3K2b6nXc3J5Zk9Xl1m0HnF2vD8kQw1pYxZ2WgAAAJg8a0cVPGtH",
  "-----END OPENSSH PRIVATE KEY-----",
  "",
].join("\n");

describe("commitWorkingState", { timeout: 60_000 }, () => {
  it("commits exactly what the user sees, without touching index, HEAD, branches or status", async () => {
    const repo = await dirtyRepo();
    const before = await repoState(repo);
    const head = await headCommit(repo);
    const commit = await commitWorkingState({ root: repo, parent: head, message: "state" });
    expect(await repoState(repo)).toEqual(before);
    expect(await commitFiles(repo, commit)).toEqual({
      ".gitignore": "100644:node_modules/\n*.log\n",
      "clean.txt": "100644:clean\n",
      "edited.txt": "100644:one\nTWO\nthree\n",
      "staged.txt": "100644:staged then edited\n",
      "run.sh": "100755:#!/bin/sh\n",
      "new dir/with space.txt": "100644:untracked\n",
      "link-to-clean": "120000:clean.txt",
    });
    expect((await git(repo, ["rev-parse", `${commit}^`])).trim()).toBe(head);
  });

  it("works in a repository with no commits yet", async () => {
    const repo = await initRepo();
    await put(repo, { "a.txt": "a\n" });
    expect(await headCommit(repo)).toBeNull();
    const commit = await commitWorkingState({ root: repo, parent: null, message: "state" });
    expect(await commitFiles(repo, commit)).toEqual({ "a.txt": "100644:a\n" });
    expect(await git(repo, ["status", "--porcelain"])).toBe("?? a.txt");
  });
});

describe("worktrees and refs", { timeout: 60_000 }, () => {
  it("checks a commit out detached outside the tree and removes exactly its own entry", async () => {
    const repo = await dirtyRepo();
    const commit = await commitWorkingState({ root: repo, parent: await headCommit(repo), message: "state" });
    const before = await repoState(repo);
    const dir = join(await tempDir(), JOB);
    await addWorktree(repo, dir, commit);
    expect(await readFile(join(dir, "new dir/with space.txt"), "utf8")).toBe("untracked\n");
    expect(await readlink(join(dir, "link-to-clean"))).toBe("clean.txt");
    await expect(lstat(join(dir, "node_modules"))).rejects.toThrow();
    await expect(lstat(join(dir, "id_rsa"))).rejects.toThrow();
    expect((await git(dir, ["rev-parse", "HEAD"])).trim()).toBe(commit);
    expect(await git(dir, ["status", "--porcelain"])).toBe("");
    await removeWorktree(repo, dir);
    await expect(lstat(dir)).rejects.toThrow();
    expect(await git(repo, ["worktree", "list", "--porcelain"])).not.toContain(JOB);
    expect(await repoState(repo)).toEqual(before);
  });

  it("adds its worktree while another add of the same repository is half-written, and says why when that never ends", async () => {
    const repo = await dirtyRepo();
    const commit = await commitWorkingState({ root: repo, parent: await headCommit(repo), message: "state" });
    // What a concurrent `git worktree add` leaves for a moment: its entry, with commondir not
    // yet written. git dies reading it ("failed to read …/commondir: Success").
    const other = join(repo, ".git", "worktrees", "other");
    await mkdir(other, { recursive: true });
    await writeFile(join(other, "gitdir"), `${join(await tempDir(), "other")}/.git\n`);
    await writeFile(join(other, "commondir"), "");
    await expect(addWorktree(repo, join(await tempDir(), JOB), commit)).rejects.toThrow(/failed to read .*commondir/);
    const dir = join(await tempDir(), JOB);
    const adding = addWorktree(repo, dir, commit);
    setTimeout(() => void writeFile(join(other, "commondir"), "../..\n"), 30);
    await adding;
    expect((await git(dir, ["rev-parse", "HEAD"])).trim()).toBe(commit);
  });

  it("keeps a job's commits on private refs until they are deleted", async () => {
    const repo = await dirtyRepo();
    const commit = await commitWorkingState({ root: repo, parent: null, message: "state" });
    await writeJobRef(repo, jobRef("claude", JOB, "base"), commit);
    await writeJobRef(repo, jobRef("claude", JOB, "result"), commit);
    expect(await readJobRef(repo, jobRef("claude", JOB, "result"))).toBe(commit);
    expect(await git(repo, ["branch", "--list"])).toBe("* main");
    await deleteJobRefs(repo, "claude", JOB);
    expect(await readJobRef(repo, jobRef("claude", JOB, "base"))).toBeNull();
    expect(await git(repo, ["for-each-ref", "refs/companion"])).toBe("");
  });

  it("copies only the named ignored paths, never secrets inside them", async () => {
    const repo = await dirtyRepo();
    await put(repo, { "node_modules/pkg/.npmrc": "token\n", "build/out.js": "built\n" });
    await put(repo, { ".gitignore": "node_modules/\n*.log\nbuild/\n" });
    const dir = await tempDir();
    expect(await copyIgnored(repo, dir, ["node_modules"])).toEqual(["node_modules"]);
    expect(await readFile(join(dir, "node_modules/pkg/index.js"), "utf8")).toBe("dep\n");
    await expect(lstat(join(dir, "node_modules/pkg/.npmrc"))).rejects.toThrow();
    await expect(lstat(join(dir, "build"))).rejects.toThrow();
    expect(await copyIgnored(repo, dir, [])).toEqual([]);
  });
});

describe("changes and apply", { timeout: 60_000 }, () => {
  /** A base state, and a result commit made by editing a worktree at it. */
  async function jobResult(edit: (dir: string) => Promise<void>) {
    const repo = await dirtyRepo();
    const base = await commitWorkingState({ root: repo, parent: await headCommit(repo), message: "base" });
    const dir = join(await tempDir(), JOB);
    await addWorktree(repo, dir, base);
    await edit(dir);
    const result = await commitWorkingState({ root: dir, parent: base, message: "result" });
    await removeWorktree(repo, dir);
    return { repo, base, result };
  }

  const everyKindOfEdit = async (dir: string) => {
    await put(dir, { "edited.txt": "one\nTWO\nthree\nfour\n", "added file.bin": Buffer.from([0, 1, 2, 255]), "sub/new.txt": "new\n" });
    await rm(join(dir, "clean.txt"));
    await rename(join(dir, "staged.txt"), join(dir, "moved here.txt"));
    await chmod(join(dir, "new dir/with space.txt"), 0o755);
    await link(dir, "new-link", "sub/new.txt");
  };

  it("lists added, modified and deleted files with line counts (binary: 0)", async () => {
    const { repo, base, result } = await jobResult(everyKindOfEdit);
    const files = await listChanges(repo, base, result);
    expect(files).toEqual(
      expect.arrayContaining([
        { path: "edited.txt", status: "modified", insertions: 1, deletions: 0 },
        { path: "added file.bin", status: "added", insertions: 0, deletions: 0 },
        { path: "clean.txt", status: "deleted", insertions: 0, deletions: 1 },
        { path: "staged.txt", status: "deleted", insertions: 0, deletions: 1 },
        { path: "moved here.txt", status: "added", insertions: 1, deletions: 0 },
        { path: "new dir/with space.txt", status: "modified", insertions: 0, deletions: 0 },
        { path: "new-link", status: "added", insertions: 1, deletions: 0 },
        { path: "sub/new.txt", status: "added", insertions: 1, deletions: 0 },
      ]),
    );
    expect(files).toHaveLength(8);
  });

  it("merges onto the user's own later edits as unstaged changes: binaries, deletions, renames, modes, links", async () => {
    const { repo, base, result } = await jobResult(everyKindOfEdit);
    await put(repo, { "edited.txt": "ZERO\none\nTWO\nthree\n", "mine.txt": "user's new file\n" });
    const before = await repoState(repo);
    const plan = await planMerge(repo, base, result);
    if (plan.outcome !== "clean") throw new Error(`conflict: ${plan.files.join()}`);
    await applyEdits(repo, plan.edits);
    expect(await readFile(join(repo, "edited.txt"), "utf8")).toBe("ZERO\none\nTWO\nthree\nfour\n");
    expect(await readFile(join(repo, "mine.txt"), "utf8")).toBe("user's new file\n");
    expect([...(await readFile(join(repo, "added file.bin")))]).toEqual([0, 1, 2, 255]);
    expect(await readFile(join(repo, "moved here.txt"), "utf8")).toBe("staged then edited\n");
    await expect(lstat(join(repo, "staged.txt"))).rejects.toThrow();
    await expect(lstat(join(repo, "clean.txt"))).rejects.toThrow();
    expect((await stat(join(repo, "new dir/with space.txt"))).mode & 0o111).not.toBe(0);
    expect(await readlink(join(repo, "new-link"))).toBe("sub/new.txt");
    const after = await repoState(repo);
    expect({ index: after.index, indexMtime: after.indexMtime, head: after.head, refs: after.refs }).toEqual({ index: before.index, indexMtime: before.indexMtime, head: before.head, refs: before.refs });
    expect((await readdir(repo)).filter((name) => name.startsWith(".companion-apply-"))).toEqual([]);
  });

  it("reports conflicting files and changes nothing", async () => {
    const { repo, base, result } = await jobResult(async (dir) => put(dir, { "edited.txt": "one\nJOB\nthree\n", "ok.txt": "fine\n" }));
    await put(repo, { "edited.txt": "one\nUSER\nthree\n" });
    const before = await repoState(repo);
    expect(await planMerge(repo, base, result)).toEqual({ outcome: "conflict", files: ["edited.txt"] });
    expect(await repoState(repo)).toEqual(before);
  });

  it("refuses to write a new file over one git does not see", async () => {
    // The job stops ignoring *.log and adds a log file the user has, ignored, on disk.
    const { repo, base, result } = await jobResult(async (dir) => put(dir, { ".gitignore": "node_modules/\n", "debug.log": "job\n" }));
    expect(await planMerge(repo, base, result)).toEqual({ outcome: "conflict", files: ["debug.log"] });
    expect(await readFile(join(repo, "debug.log"), "utf8")).toBe("ignored\n");
  });
});

describe("pure parsers", () => {
  it("joins name-status and numstat per path", () => {
    expect(parseChanges("M\0a b\0A\0bin\0D\0x\0", "2\t1\ta b\0-\t-\tbin\x000\t3\tx\0")).toEqual([
      { path: "a b", status: "modified", insertions: 2, deletions: 1 },
      { path: "bin", status: "added", insertions: 0, deletions: 0 },
      { path: "x", status: "deleted", insertions: 0, deletions: 3 },
    ]);
  });

  it("reads merge-tree's tree and conflicted paths", () => {
    expect(parseMergeTree("abc\0")).toEqual({ tree: "abc", conflicts: [] });
    expect(parseMergeTree("abc\0a\0a\0b c\0\x001\0a\0Auto-merging\0")).toEqual({ tree: "abc", conflicts: ["a", "b c"] });
  });

  it("turns a raw diff into edits, leaving submodules alone", () => {
    const z = "0".repeat(40);
    const o = "1".repeat(40);
    expect(parseRawDiff(`:100644 100755 ${z} ${o} M\0run\0:000000 120000 ${z} ${o} A\0l\0:100644 000000 ${o} ${z} D\0d\0:160000 160000 ${z} ${o} M\0sub\0`)).toEqual([
      { kind: "write", path: "run", oid: o, mode: "100755", created: false },
      { kind: "write", path: "l", oid: o, mode: "120000", created: true },
      { kind: "delete", path: "d" },
    ]);
  });

  it("selects ignored entries by glob, never secrets", () => {
    expect(selectIgnored(["node_modules/", "pkg/node_modules/", ".venv/", ".env", "dist/"], ["**/node_modules", ".venv", ".env"])).toEqual(["node_modules", "pkg/node_modules", ".venv"]);
    expect(selectIgnored(["node_modules/", "pkg/node_modules/"], ["node_modules"])).toEqual(["node_modules"]);
  });
});

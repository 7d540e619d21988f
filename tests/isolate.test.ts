import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdtemp, readFile, readdir, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, eventually } from "./support/companion.js";
import { git, put, sampleRepo } from "./support/git-repo.js";

interface MockCall {
  argv: string[];
  cwd: string;
  stdin: string | null;
}

const calls = async (h: Harness): Promise<MockCall[]> =>
  (await readFile(join(h.dir, "mock-log.jsonl"), "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MockCall)
    .filter((call) => call.stdin !== null);

/**
 * Every byte of a repository a user could notice: each file of the work tree (content,
 * mode, link target), the index file, HEAD, branches, tags, stash and worktree list.
 */
async function repoSnapshot(repo: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const entry of await readdir(repo, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const rel = path.slice(repo.length + 1);
    if (rel === ".git" || rel.startsWith(".git/")) continue;
    const info = await lstat(path);
    if (info.isSymbolicLink()) snapshot[rel] = `link ${await readlink(path)}`;
    else if (info.isFile()) snapshot[rel] = `${(info.mode & 0o777).toString(8)} ${createHash("sha256").update(await readFile(path)).digest("hex")}`;
  }
  snapshot[".git/index"] = createHash("sha256").update(await readFile(join(repo, ".git/index"))).digest("hex");
  snapshot[".git/HEAD"] = await readFile(join(repo, ".git/HEAD"), "utf8");
  snapshot.refs = await git(repo, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags", "refs/stash");
  snapshot.stash = await git(repo, "stash", "list");
  snapshot.worktrees = await git(repo, "worktree", "list", "--porcelain");
  return snapshot;
}

const script = (...steps: object[]): Record<string, string> => ({ MOCK_CLI_SCENARIO: "write", MOCK_CLI_WRITE_SCRIPT: JSON.stringify(steps) });

/** A commit's file, read from the object store (the job's result never touches the user's tree). */
const show = (repo: string, commit: string, path: string): Promise<string> => git(repo, "show", `${commit}:${path}`);

interface Changes {
  base_commit: string;
  result_commit: string | null;
  files: { path: string; status: string; insertions: number; deletions: number }[];
}

// Each test runs several jobs, every one a full git capture and worktree: room for one loaded core.
describe.each(TARGETS)("%s isolated rescue and apply (SPEC §9.3)", { timeout: 240_000 }, (target) => {
  let h: Harness;
  let repo: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    // Sessions the mock can check a resume against (Gemini: only from the same cwd).
    h.env.MOCK_CLI_STATE_DIR = join(h.dir, "mock-sessions");
    repo = await sampleRepo();
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(repo, { recursive: true, force: true });
  });

  const isolated = (args: string[], env: Record<string, string>) => h.run(["run", "--mode", "rescue", "--isolate", "--cwd", repo, ...args], { env, timeoutMs: 120_000 });

  it("works in a private worktree of the user's current state, leaves the tree byte-identical, and records the changes", async () => {
    const before = await repoSnapshot(repo);
    const run = await isolated(
      ["--", "fix", "it"],
      {
        MOCK_CLI_WRITE_PATH: "src/rescued.ts",
        ...script(
          { list: "seen.txt" },
          { write: "src/dirty.ts", content: "export const dirty = 'LIVE EDIT';\nexport const more = 1;\n" },
          { delete: "src/clean.ts" },
          { rename: "src/staged.ts", to: "src/moved here.ts" },
          { write: "bin/data.bin", base64: Buffer.from([0, 1, 2, 254, 255]).toString("base64") },
          { write: "bin/run me.sh", content: "#!/bin/sh\necho hi\n" },
          { chmod: "bin/run me.sh", mode: "755" },
        ),
      },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", containment: "worktree", mutations: [], applied_at: null });
    expect(await repoSnapshot(repo)).toEqual(before);

    const [call] = await calls(h);
    expect(call?.cwd.startsWith(repo)).toBe(false);
    expect(run.json.target_cwd).toBe(call?.cwd);
    expect(existsSync(String(run.json.target_cwd))).toBe(false);

    const changes = run.json.changes as Changes;
    const jobId = String(run.json.job_id);
    const seen = await show(repo, String(changes.result_commit), "seen.txt");
    // The user's live, staged and untracked work is there; ignored files and deleted ones are not.
    expect(seen.split("\n")).toEqual([".gitignore", "notes/untracked.md", "src/clean.ts", "src/dirty.ts", "src/feature.ts", "src/rescued.ts", "src/staged.ts"]);
    expect(await show(repo, changes.base_commit, "src/staged.ts")).toBe("export const staged = 'STAGED EDIT';");
    expect(await show(repo, changes.base_commit, "notes/untracked.md")).toBe("UNTRACKED NOTE");
    expect(changes.files).toEqual(
      expect.arrayContaining([
        { path: "src/rescued.ts", status: "added", insertions: 1, deletions: 0 },
        { path: "src/dirty.ts", status: "modified", insertions: 1, deletions: 0 },
        { path: "src/clean.ts", status: "deleted", insertions: 0, deletions: 1 },
        { path: "src/staged.ts", status: "deleted", insertions: 0, deletions: 1 },
        { path: "src/moved here.ts", status: "added", insertions: 1, deletions: 0 },
        { path: "bin/data.bin", status: "added", insertions: 0, deletions: 0 },
        { path: "bin/run me.sh", status: "added", insertions: 2, deletions: 0 },
      ]),
    );
    const refs = await git(repo, "for-each-ref", "--format=%(refname) %(objectname)", `refs/companion/${target}/${jobId}/`);
    expect(refs.split("\n").sort()).toEqual([`refs/companion/${target}/${jobId}/base ${changes.base_commit}`, `refs/companion/${target}/${jobId}/result ${changes.result_commit}`]);
    expect(await git(repo, "branch", "--list")).toBe("* feature\n  main");

    const human = await h.run(["result", "--job", jobId, "--human"]);
    expect(human.stdout).toContain("changes    8 file(s), not applied");
    expect(human.stdout).toMatch(/added\s+src\/moved here\.ts/);
  });

  it("apply brings the changes home as unstaged edits, keeping the user's own; --dry-run changes nothing; a second apply is refused", async () => {
    await put(repo, "src/clean.ts", "a\nb\nc\nd\ne\n");
    const run = await isolated(["--", "fix"], {
      MOCK_CLI_WRITE_PATH: "src/rescued.ts",
      ...script(
        { write: "src/clean.ts", content: "a\nb\nc\nd\nE\n" },
        { delete: "src/feature.ts" },
        { rename: "notes/untracked.md", to: "notes/renamed note.md" },
        { write: "bin/data.bin", base64: Buffer.from([0, 1, 2, 254, 255]).toString("base64") },
        { write: "bin/run me.sh", content: "#!/bin/sh\n" },
        { chmod: "bin/run me.sh", mode: "755" },
      ),
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const jobId = String(run.json.job_id);
    // The user keeps working meanwhile, on a file the job also edited.
    await put(repo, "src/clean.ts", "A\nb\nc\nd\ne\n");
    const headBefore = await git(repo, "rev-parse", "HEAD");
    const indexBefore = await readFile(join(repo, ".git/index"));
    const snapshot = await repoSnapshot(repo);

    const dry = await h.run(["apply", "--job", jobId, "--dry-run"]);
    expect(dry.exitCode, dry.stdout).toBe(0);
    const applied = ["bin/data.bin", "bin/run me.sh", "notes/renamed note.md", "notes/untracked.md", "src/clean.ts", "src/feature.ts", "src/rescued.ts"];
    expect({ ...dry.json, applied: (dry.json.applied as string[]).sort() }).toEqual({ ok: true, job_id: jobId, applied, dry_run: true });
    expect(await repoSnapshot(repo)).toEqual(snapshot);

    const apply = await h.run(["apply", "--job", jobId]);
    expect(apply.exitCode, apply.stdout).toBe(0);
    expect({ ...apply.json, applied: (apply.json.applied as string[]).sort() }).toEqual({ ok: true, job_id: jobId, applied, dry_run: false });
    expect(await readFile(join(repo, "src/clean.ts"), "utf8")).toBe("A\nb\nc\nd\nE\n");
    expect(await readFile(join(repo, "src/rescued.ts"), "utf8")).toBe("mutated\n");
    expect([...(await readFile(join(repo, "bin/data.bin")))]).toEqual([0, 1, 2, 254, 255]);
    expect((await lstat(join(repo, "bin/run me.sh"))).mode & 0o111).not.toBe(0);
    expect(await readFile(join(repo, "notes/renamed note.md"), "utf8")).toBe("UNTRACKED NOTE\n");
    expect(existsSync(join(repo, "notes/untracked.md"))).toBe(false);
    expect(existsSync(join(repo, "src/feature.ts"))).toBe(false);
    // Nothing staged, nothing committed, HEAD where it was; the user's other edits intact.
    expect(await git(repo, "rev-parse", "HEAD")).toBe(headBefore);
    expect((await readFile(join(repo, ".git/index"))).equals(indexBefore)).toBe(true);
    expect(await readFile(join(repo, "src/dirty.ts"), "utf8")).toBe("export const dirty = 'LIVE EDIT';\n");
    expect(await readFile(join(repo, ".env"), "utf8")).toContain("API_KEY=");

    const record = await h.run(["status", "--job", jobId]);
    expect(record.json.applied_at).toEqual(expect.any(String));
    const again = await h.run(["apply", "--job", jobId]);
    expect(again.exitCode).toBe(1);
    expect(again.json).toMatchObject({ ok: false, error: "already_applied" });
  });

  it("a conflict with the user's edits changes nothing and names the files", async () => {
    const run = await isolated(["--", "fix"], { ...script({ write: "src/dirty.ts", content: "export const dirty = 'JOB EDIT';\n" }) });
    expect(run.exitCode, run.stderr).toBe(0);
    await put(repo, "src/dirty.ts", "export const dirty = 'USER EDIT';\n");
    const before = await repoSnapshot(repo);
    const apply = await h.run(["apply", "--job", String(run.json.job_id)]);
    expect(apply.exitCode).toBe(1);
    expect(apply.json).toMatchObject({ ok: false, error: "apply_conflict", message: expect.stringContaining("src/dirty.ts") });
    expect(await repoSnapshot(repo)).toEqual(before);
    expect((await h.run(["status", "--job", String(run.json.job_id)])).json.applied_at).toBeNull();
    const dry = await h.run(["apply", "--job", String(run.json.job_id), "--dry-run"]);
    expect(dry.json).toMatchObject({ ok: false, error: "apply_conflict" });
  });

  it("--with-ignored copies the named ignored paths, never secrets, and never changes the user's copy", async () => {
    await put(repo, ".gitignore", ".env\n*.key\nnode_modules/\n");
    await put(repo, "node_modules/pkg/index.js", "module.exports = 1;\n");
    await put(repo, "node_modules/pkg/.npmrc", "//registry/:_authToken=x\n");
    const before = await repoSnapshot(repo);
    const run = await isolated(["--with-ignored", "node_modules", "--", "fix"], {
      ...script({ list: "seen.txt" }, { write: "node_modules/pkg/index.js", content: "changed in the worktree\n" }),
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json.scope_paths).toEqual(["node_modules"]);
    const changes = run.json.changes as Changes;
    const seen = (await show(repo, String(changes.result_commit), "seen.txt")).split("\n");
    expect(seen).toContain("node_modules/pkg/index.js");
    expect(seen).not.toContain("node_modules/pkg/.npmrc");
    expect(seen).not.toContain(".env");
    expect(changes.files.map((file) => file.path).sort()).toEqual(["mock-cli-write.txt", "seen.txt"]);
    expect(await repoSnapshot(repo)).toEqual(before);
  });

  it("apply has --help, refuses a malformed id (usage) and reports an unknown job (not_found)", async () => {
    const help = await h.run(["apply", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain(`companion-${target} apply --job ID [--dry-run]`);
    const malformed = await h.run(["apply", "--job", "../etc"]);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.json).toMatchObject({ ok: false, error: "usage_error" });
    const missing = await h.run(["apply", "--job", "3f1c2a9e-0000-4000-8000-000000000000"]);
    expect(missing.exitCode).toBe(1);
    expect(missing.json).toMatchObject({ ok: false, error: "not_found" });
  });

  it("works in a repository with no commits yet", async () => {
    const fresh = await mkdtemp(join(tmpdir(), "companion-fresh-"));
    try {
      await git(fresh, "init", "-q", "-b", "main");
      await put(fresh, "notes.md", "first words\n");
      const run = await h.run(["run", "--mode", "rescue", "--isolate", "--cwd", fresh, "--", "fix"], { env: { MOCK_CLI_WRITE_PATH: "added.md", ...script() } });
      expect(run.exitCode, run.stderr).toBe(0);
      expect((run.json.changes as Changes).files).toEqual([{ path: "added.md", status: "added", insertions: 1, deletions: 0 }]);
      expect(existsSync(join(fresh, "added.md"))).toBe(false);
      expect((await h.run(["apply", "--job", String(run.json.job_id)])).exitCode).toBe(0);
      expect(await readFile(join(fresh, "added.md"), "utf8")).toBe("mutated\n");
      expect(await git(fresh, "status", "--porcelain")).toBe("?? added.md\n?? notes.md");
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it("refuses --isolate for reviews and outside git, and --with-ignored without --isolate (usage errors)", async () => {
    const plain = await mkdtemp(join(tmpdir(), "companion-plain-"));
    try {
      for (const args of [
        ["run", "--mode", "review", "--isolate", "--cwd", repo],
        ["run", "--mode", "rescue", "--isolate", "--cwd", plain, "--", "fix"],
        ["run", "--mode", "rescue", "--with-ignored", "node_modules", "--cwd", repo, "--", "fix"],
        ["run", "--mode", "rescue", "--isolate", "--containment", "none", "--cwd", repo, "--", "fix"],
      ]) {
        const run = await h.run(args);
        expect(run.exitCode, args.join(" ")).toBe(2);
        expect(run.json).toMatchObject({ ok: false, error: "usage_error" });
      }
      expect(await calls(h)).toEqual([]);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });

  it("apply refuses a job that did not run isolated, and one still running; a cancelled job's work is still captured", async () => {
    const live = await h.run(["run", "--mode", "rescue", "--cwd", repo, "--", "fix"]);
    const notIsolated = await h.run(["apply", "--job", String(live.json.job_id)]);
    expect(notIsolated.exitCode).toBe(1);
    expect(notIsolated.json).toMatchObject({ ok: false, error: "not_applicable" });

    const ready = join(h.dir, "ready");
    const launched = await isolated(["--background", "--", "work"], { MOCK_CLI_SCENARIO: "hang", MOCK_CLI_READY_FILE: ready });
    const jobId = String(launched.json.job_id);
    await eventually(async () => existsSync(ready) && (await h.run(["status", "--job", jobId])).json.status === "running", 120_000, 250);
    const active = await h.run(["apply", "--job", jobId]);
    expect(active.exitCode).toBe(1);
    expect(active.json).toMatchObject({ ok: false, error: "not_terminal" });
    expect((await h.run(["cancel", "--job", jobId])).exitCode).toBe(0);
    const final = await h.run(["wait", "--job", jobId, "--timeout", "120"], { timeoutMs: 150_000 });
    expect(final.json).toMatchObject({ status: "cancelled", containment: "worktree" });
    expect((final.json.changes as Changes).result_commit).toMatch(/^[0-9a-f]{40}$/);
    expect(existsSync(String(final.json.target_cwd))).toBe(false);
  });

  it("a failed or timed-out job's work is captured too, and its worktree removed", async () => {
    for (const [env, args, code] of [
      [{ MOCK_CLI_SCENARIO: "crash" }, [], "target_error"],
      [{ MOCK_CLI_SCENARIO: "hang" }, ["--timeout", "2"], "timeout"],
    ] as const) {
      const run = await isolated([...args, "--", "work"], env);
      expect(run.exitCode).toBe(1);
      expect(run.json).toMatchObject({ status: "failed", error_code: code, containment: "worktree" });
      expect(run.json.changes).toMatchObject({ result_commit: expect.stringMatching(/^[0-9a-f]{40}$/), files: [] });
      expect(existsSync(String(run.json.target_cwd))).toBe(false);
    }
    expect(await git(repo, "worktree", "list", "--porcelain")).not.toContain("chains");
  });

  it("parallel isolated rescues never see each other's work and each applies on its own", async () => {
    const launches = await Promise.all(
      ["one", "two"].map((name) => isolated(["--background", "--", name], { MOCK_CLI_WRITE_PATH: `${name}.txt`, ...script({ list: `seen-${name}.txt` }) })),
    );
    const records = await Promise.all(launches.map((launch) => h.run(["wait", "--job", String(launch.json.job_id), "--timeout", "180"], { timeoutMs: 200_000 })));
    for (const record of records) {
      // A failure names its cause: it failed once in a whole-suite run and never alone since.
      expect(record.json, `${String(record.json.error_code)}: ${String(record.json.error_message)}`).toMatchObject({ status: "completed", containment: "worktree" });
    }
    const [one, two] = records.map((record) => record.json.changes as Changes);
    const seenByOne = await show(repo, String(one?.result_commit), "seen-one.txt");
    const seenByTwo = await show(repo, String(two?.result_commit), "seen-two.txt");
    expect(seenByOne).not.toMatch(/two\.txt/);
    expect(seenByTwo).not.toMatch(/one\.txt/);
    expect(records[0]?.json.target_cwd).not.toBe(records[1]?.json.target_cwd);
    for (const record of records) expect((await h.run(["apply", "--job", String(record.json.job_id)])).exitCode).toBe(0);
    expect(await readFile(join(repo, "one.txt"), "utf8")).toBe("mutated\n");
    expect(await readFile(join(repo, "two.txt"), "utf8")).toBe("mutated\n");
  });

  it("continue builds on the first pass in the chain's worktree, resumes the session, and leaves the tree alone until apply", async () => {
    const before = await repoSnapshot(repo);
    const first = await isolated(["--", "first"], { MOCK_CLI_WRITE_PATH: "first.txt", ...script() });
    expect(first.exitCode, first.stderr).toBe(0);
    const second = await h.run(["continue", "--job", String(first.json.job_id), "--", "second"], {
      env: { MOCK_CLI_WRITE_PATH: "second.txt", ...script({ list: "seen.txt" }) },
      timeoutMs: 120_000,
    });
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.json).toMatchObject({ status: "completed", containment: "worktree", parent_job_id: first.json.job_id, target_cwd: first.json.target_cwd });
    expect(await repoSnapshot(repo)).toEqual(before);
    const [call1, call2] = await calls(h);
    expect(call2?.cwd).toBe(call1?.cwd);
    expect(call2?.argv.some((arg) => arg.startsWith("--resume"))).toBe(true);
    const changes = second.json.changes as Changes;
    expect(await show(repo, String(changes.result_commit), "seen.txt")).toContain("first.txt");
    expect(changes.base_commit).toBe((first.json.changes as Changes).base_commit);
    expect(changes.files.map((file) => file.path).sort()).toEqual(["first.txt", "second.txt", "seen.txt"]);
    expect((await h.run(["apply", "--job", String(second.json.job_id)])).exitCode).toBe(0);
    expect(await readFile(join(repo, "first.txt"), "utf8")).toBe("mutated\n");
    expect(await readFile(join(repo, "second.txt"), "utf8")).toBe("mutated\n");
  });

  it("prune removes an expired job's refs and the worktree a killed worker left behind", async () => {
    const done = await isolated(["--", "fix"], {});
    const ready = join(h.dir, "ready");
    const launched = await isolated(["--background", "--", "work"], { MOCK_CLI_SCENARIO: "hang", MOCK_CLI_READY_FILE: ready });
    const jobId = String(launched.json.job_id);
    const running = await eventually(async () => {
      const record = existsSync(ready) ? (await h.run(["status", "--job", jobId])).json : null;
      return record?.status === "running" && record.pid_info ? record : null;
    }, 120_000, 250);
    const pids = [running.worker_pid_info, running.pid_info].map((info) => (info as { pid: number }).pid);
    for (const pid of pids) process.kill(pid, "SIGKILL");
    // Reconcile decides when both are provably gone (SPEC §6.3).
    const stale = await eventually(async () => {
      const record = (await h.run(["status", "--job", jobId])).json;
      return record.status === "stale" ? record : null;
    }, 60_000, 250);
    const worktree = String(stale.target_cwd);
    expect(existsSync(worktree)).toBe(true);
    expect(await git(repo, "worktree", "list")).toContain(worktree);

    const prune = await h.run(["prune"], { env: { COMPANION_TTL: "0.001" } });
    expect(prune.exitCode).toBe(0);
    expect((prune.json.removed as { job_id: string }[]).map((e) => e.job_id).sort()).toEqual([String(done.json.job_id), jobId].sort());
    expect(existsSync(worktree)).toBe(false);
    expect(await git(repo, "worktree", "list")).not.toContain(worktree);
    expect(await git(repo, "for-each-ref", "refs/companion")).toBe("");
  });
});

import { existsSync } from "node:fs";
import { readFile, readdir, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";
import { SECRET, git, sampleRepo } from "./support/git-repo.js";

/** A flag read-only enforcement depends on, per target. */
const GUARD_FLAG = { claude: "--tools", gemini: "--policy" } as const;

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

/** Every byte the companion kept on disk, to prove a secret never landed anywhere. */
async function storeText(dir: string): Promise<string> {
  let text = "";
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += await readFile(join(entry.parentPath, entry.name), "utf8");
  }
  return text;
}

describe.each(TARGETS)("%s reviews (SPEC §9)", (target) => {
  let h: Harness;
  let repo: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    repo = await sampleRepo();
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(repo, { recursive: true, force: true });
  });

  it("a working-tree review sends live, staged and untracked content, never ignored secrets", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", repo, "check it"]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", scope: "working-tree", workspace_root: repo, mutations: [] });
    const [call] = await calls(h);
    const sent = call?.stdin ?? "";
    for (const expected of ["LIVE EDIT", "STAGED EDIT", "UNTRACKED NOTE"]) expect(sent).toContain(expected);
    // The change leads; unchanged files are listed for the target to read from the snapshot.
    expect(sent).toContain('"src/clean.ts" (');
    expect(sent).not.toContain("export const clean");
    expect(sent).toContain("-export const deleted = 1;");
    expect(sent).not.toContain(SECRET);
    expect(call?.cwd.startsWith(repo)).toBe(false);
    expect(await storeText(h.stateDir)).not.toContain(SECRET);
  });

  it("enforces read-only flags on the target", async () => {
    await h.run(["run", "--mode", "review", "--cwd", repo]);
    const argv = (await calls(h))[0]?.argv.join(" ") ?? "";
    if (target === "claude") {
      expect(argv).toContain("--tools=Read,Grep,Glob");
      expect(argv).toMatch(/--disallowedTools=\S*Write/);
      expect(argv).toMatch(/--permission-mode[= ]default/);
      expect(argv).toMatch(/--setting-sources=/);
    } else {
      expect(argv).toMatch(/--approval-mode[= ]plan/);
      expect(argv).toMatch(/--policy/);
      expect(argv).not.toMatch(/(^| )(-s|--sandbox)( |$)/);
    }
  });

  it.each([
    ["staged", ["STAGED EDIT"], ["LIVE EDIT", "UNTRACKED NOTE"]],
    ["head", ["dirty = 'committed'", "export const deleted"], ["LIVE EDIT", "STAGED EDIT", "UNTRACKED NOTE"]],
  ])("--scope %s reads git objects only", async (scope, present, absent) => {
    const run = await h.run(["run", "--mode", "review", "--scope", scope, "--cwd", repo]);
    expect(run.exitCode).toBe(0);
    const sent = (await calls(h))[0]?.stdin ?? "";
    for (const text of present) expect(sent).toContain(text);
    for (const text of absent) expect(sent).not.toContain(text);
    expect(sent).not.toContain(SECRET);
  });

  it("an adversarial review sends only the branch's changes against --base", async () => {
    const pre = await h.run(["preflight", "--mode", "adversarial-review", "--base", "main", "--cwd", repo]);
    expect(pre.json).toMatchObject({ ok: true, scope: "branch-diff", file_count: 1, files: [{ path: "src/feature.ts" }] });
    const run = await h.run(["run", "--mode", "adversarial-review", "--base", "main", "--cwd", repo]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ scope: "branch-diff", scope_base: "main" });
    const sent = (await calls(h))[0]?.stdin ?? "";
    expect(sent).toContain("on the branch");
    expect(sent).not.toContain("export const clean");
  });

  it("an empty branch diff fails with scope_failed before the target starts", async () => {
    await git(repo, "checkout", "-q", "main");
    const run = await h.run(["run", "--mode", "adversarial-review", "--base", "main", "--cwd", repo]);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "scope_failed" });
    expect(await calls(h)).toEqual([]);
  });

  it("a custom review sends exactly the files its globs match", async () => {
    const pre = await h.run(["preflight", "--mode", "custom-review", "--paths", "src/d*.ts,notes/**", "--cwd", repo]);
    expect((pre.json.files as { path: string }[]).map((f) => f.path)).toEqual(["notes/untracked.md", "src/dirty.ts"]);
    const run = await h.run(["run", "--mode", "custom-review", "--paths", "src/d*.ts,notes/**", "--cwd", repo]);
    expect(run.json).toMatchObject({ status: "completed", scope: "custom", scope_paths: ["src/d*.ts", "notes/**"] });
  });

  it("a target that writes into the user's tree despite its flags shows up in mutations, and nothing is reverted", async () => {
    const victim = join(repo, "src", "clean.ts");
    const run = await h.run(["run", "--mode", "review", "--cwd", repo], { env: { MOCK_CLI_SCENARIO: "rogue-write", MOCK_CLI_WRITE_PATH: victim } });
    expect(run.exitCode).toBe(0);
    expect(run.json.mutations).toEqual([expect.objectContaining({ kind: "changed", entry: expect.stringContaining("src/clean.ts") })]);
    expect(await readFile(victim, "utf8")).toBe("mutated\n");
  });

  it("a target that edits a file already dirty shows up in mutations as a change made during the review", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", repo], { env: { MOCK_CLI_SCENARIO: "rogue-write", MOCK_CLI_WRITE_PATH: join(repo, "src", "dirty.ts") } });
    expect(run.json.mutations).toEqual([{ kind: "changed", entry: " M src/dirty.ts (content changed during the review)" }]);
  });

  it("a branch-diff review, whose selection reads no status, still reports a write into the user's tree", async () => {
    const victim = join(repo, "src", "clean.ts");
    const run = await h.run(["run", "--mode", "adversarial-review", "--base", "main", "--cwd", repo], { env: { MOCK_CLI_SCENARIO: "rogue-write", MOCK_CLI_WRITE_PATH: victim } });
    expect(run.json).toMatchObject({ scope: "branch-diff", mutations: [{ kind: "changed", entry: " M src/clean.ts" }] });
  });

  it("a target that lost a read-only flag is refused even when the scope fails too, and nothing is sent", async () => {
    await symlink("/etc/passwd", join(repo, "src", "passwd.ts"));
    const run = await h.run(["run", "--mode", "review", "--cwd", repo], { env: { MOCK_CLI_HELP_OMIT: GUARD_FLAG[target] } });
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "contract_changed", pid_info: null });
    expect(await calls(h)).toEqual([]);
  });

  it("an escaping symlink fails the review before the target is ever spawned", async () => {
    await symlink("/etc/passwd", join(repo, "src", "passwd.ts"));
    const run = await h.run(["run", "--mode", "review", "--cwd", repo]);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "scope_failed" });
    expect(run.json.suggested_action).toEqual(expect.any(String));
    expect(run.json.pid_info).toBeNull();
    expect(await calls(h)).toEqual([]);
  });

  it("preflight lists files, count and bytes, spawns nothing and records nothing", async () => {
    const pre = await h.run(["preflight", "--mode", "review", "--cwd", repo]);
    expect(pre.exitCode).toBe(0);
    const paths = (pre.json.files as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual([".gitignore", "notes/untracked.md", "src/clean.ts", "src/dirty.ts", "src/feature.ts", "src/staged.ts"]);
    expect(pre.json.file_count).toBe(6);
    expect(pre.json.byte_count).toBe((pre.json.files as { bytes: number }[]).reduce((sum, f) => sum + f.bytes, 0));
    expect(existsSync(join(h.dir, "mock-log.jsonl"))).toBe(false);
    expect(existsSync(join(h.stateDir, target, "jobs"))).toBe(false);
  });

  it("deletes the snapshot after the run unless --keep-snapshot", async () => {
    const plain = await h.run(["run", "--mode", "review", "--cwd", repo]);
    expect(plain.json.snapshot_path).toBeNull();
    const argv = (await calls(h))[0]?.argv.join(" ") ?? "";
    const snapshot = /(?:--add-dir[= ]|--include-directories[= ])(\S+)/.exec(argv)?.[1];
    expect(snapshot).toBeDefined();
    expect(existsSync(snapshot as string)).toBe(false);

    const kept = await h.run(["run", "--mode", "review", "--keep-snapshot", "--cwd", repo]);
    const keptPath = String(kept.json.snapshot_path);
    expect(await readFile(join(keptPath, "src", "dirty.ts"), "utf8")).toContain("LIVE EDIT");
    expect(existsSync(join(keptPath, ".env"))).toBe(false);
    await rm(keptPath, { recursive: true, force: true });
  });

  it("rejects scope flags that would break a guarantee (exit 2)", async () => {
    for (const args of [
      ["run", "--mode", "review", "--containment", "none"],
      ["run", "--mode", "rescue", "--scope", "head", "x"],
      ["run", "--mode", "custom-review"],
      ["preflight", "--mode", "review", "--base", "main"],
    ]) {
      const run = await h.run([...args, "--cwd", repo]);
      expect(run.exitCode, args.join(" ")).toBe(2);
    }
  });
});

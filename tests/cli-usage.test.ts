import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";
import { git, put } from "./support/git-repo.js";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe.each(TARGETS)("%s command line", (target) => {
  let h: Harness;
  let repo: string;
  beforeAll(async () => {
    h = await Harness.create(target);
    repo = await mkdtemp(join(tmpdir(), "companion-usage-"));
    await git(repo, "init", "-q", "-b", "main");
    for (const path of ["src/a.ts", "src/b.tsx", "src/c.js", "README.md", "docs/guide.md"]) await put(repo, path, `// ${path}\n`);
    await git(repo, "add", "-A");
    await git(repo, "commit", "-qm", "base");
  });
  afterAll(async () => {
    await h.cleanup();
    await rm(repo, { recursive: true, force: true });
  });

  const selected = async (...paths: string[][]) => {
    const run = await h.run(["preflight", "--mode", "custom-review", "--cwd", repo, ...paths.flatMap((value) => ["--paths", ...value])]);
    expect(run.exitCode, run.stdout).toBe(0);
    return (run.json.files as { path: string }[]).map((file) => file.path).sort();
  };

  it("keeps brace globs whole in --paths, and still splits commas outside braces", async () => {
    expect(await selected(["src/*.{ts,tsx}"])).toEqual(["src/a.ts", "src/b.tsx"]);
    expect(await selected(["src/**/*.ts,README.md"])).toEqual(["README.md", "src/a.ts"]);
    expect(await selected(["src/*.js"], ["{README,docs/guide}.md"])).toEqual(["README.md", "docs/guide.md", "src/c.js"]);
  });

  it("names a misspelt flag and suggests the real one, without Node's parser text", async () => {
    const run = await h.run(["run", "--mdoe", "review", "--cwd", repo]);
    expect(run.exitCode).toBe(2);
    expect(run.json).toMatchObject({ ok: false, error: "usage_error", message: "run: unknown flag --mdoe; did you mean --mode?" });
    expect(run.stderr).toContain("unknown flag --mdoe; did you mean --mode?");
    expect(run.stdout + run.stderr).not.toMatch(/ERR_PARSE_ARGS|Unknown option '/);
  });

  it("suggests the nearest command for a misspelt one", async () => {
    const run = await h.run(["stauts", "--job", "x"]);
    expect(run.exitCode).toBe(2);
    expect(run.json).toMatchObject({ error: "usage_error", message: 'unknown command "stauts"; did you mean status?' });
  });

  it("prints an error once with --human: one line on stderr, nothing on stdout", async () => {
    for (const args of [["run", "--mdoe", "review"], ["result", "--job", "3f1c2a9e-0000-4000-8000-000000000000"]]) {
      const run = await h.run([...args, "--human"]);
      expect(run.exitCode, args.join(" ")).not.toBe(0);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^error: /);
    }
  });

  it("prints the JSON envelope on stdout and one readable line on stderr without --human", async () => {
    const run = await h.run(["result", "--job", "3f1c2a9e-0000-4000-8000-000000000000"]);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ ok: false, error: "not_found" });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

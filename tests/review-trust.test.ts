/**
 * Reviews worth trusting (SPEC §9.1, §9.2, §4 review/audit), through the built bins with the
 * stand-in CLIs: secrets never leave in any scope, the change leads the prompt, the record
 * proves what was sent, the answer is read into a verdict and findings, and a review
 * without a verdict is not a review.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";
import { git, put } from "./support/git-repo.js";

// Real formats, assembled at run time so this file is not itself a credential.
const AWS_KEY = ["AKIA", "Q3ZJ7V5NW2XK8LPD"].join("");
const GITHUB_TOKEN = ["ghp_", "k2J8sLq9Vx4Tn7Rm1Pw6Yb3Hc5Fd0GzA8eUi"].join("");
const STRIPE_KEY = ["sk_", "live_", "51HqLyZ2eZvKYlo2C8x9aBcDeF"].join("");
const PEM = ["-----BEGIN ", "PRIVATE KEY-----\n", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n", "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n"].join("");
const ENV_VALUE = "DB_PASSWORD=correct-horse-battery-staple-7731";
const VALUES = [AWS_KEY, GITHUB_TOKEN, STRIPE_KEY, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw", "correct-horse-battery-staple-7731"];

interface MockCall {
  argv: string[];
  stdin: string | null;
}

const calls = async (h: Harness): Promise<MockCall[]> =>
  (await readFile(join(h.dir, "mock-log.jsonl"), "utf8").catch(() => ""))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MockCall)
    .filter((call) => call.stdin !== null);

async function storeText(dir: string): Promise<string> {
  let text = "";
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) text += await readFile(join(entry.parentPath, entry.name), "utf8");
  }
  return text;
}

const sha256 = (content: string | Buffer): string => createHash("sha256").update(content).digest("hex");
const excludedPaths = (doc: Record<string, unknown>): string[] => (doc.excluded as { path: string }[]).map((item) => item.path);
const sentPaths = (doc: Record<string, unknown>): string[] => (doc.files as { path: string }[]).map((item) => item.path);

/** A repository holding secrets every way a review can meet them, and an edit to review. */
async function secretRepo(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "companion-secrets-"));
  await git(root, "init", "-q", "-b", "main");
  await put(root, ".gitignore", ".env.local\n");
  await put(root, "src/app.js", "export const port = 8080;\n");
  await put(root, "config/settings.js", `export const aws = "${AWS_KEY}";\n`);
  await put(root, "deploy/server.pem", PEM);
  await put(root, ".env.example", "DB_PASSWORD=changeme\n");
  await git(root, "add", "-A");
  await git(root, "commit", "-qm", "base");
  await put(root, "src/app.js", "export const port = 9090;\n");
  await put(root, "notes/token.md", `CI token: ${GITHUB_TOKEN}\n`);
  await put(root, "id_ed25519", "not really a key, but the name says it is\n");
  await put(root, "id_ed25519.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 public\n");
  await put(root, ".env.local", `${ENV_VALUE}\n`);
  return root;
}

describe.each(TARGETS)("%s: secrets are withheld in every scope (SPEC §9.1)", (target) => {
  let h: Harness;
  let repo: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    repo = await secretRepo();
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(repo, { recursive: true, force: true });
  });

  it("working tree: committed and untracked secrets, by name and by content, are listed and never sent or stored", async () => {
    const pre = await h.run(["preflight", "--mode", "review", "--cwd", repo]);
    expect(pre.exitCode, pre.stdout).toBe(0);
    expect(excludedPaths(pre.json)).toEqual(["config/settings.js", "deploy/server.pem", "id_ed25519", "notes/token.md"]);
    const reasons = Object.fromEntries((pre.json.excluded as { path: string; reason: string }[]).map((item) => [item.path, item.reason]));
    expect(reasons["config/settings.js"]).toBe("secret content: AWS access key ID (line 1)");
    expect(reasons["notes/token.md"]).toBe("secret content: GitHub token (line 1)");
    expect(reasons["deploy/server.pem"]).toMatch(/^secret file name/);
    expect(sentPaths(pre.json)).toEqual([".env.example", ".gitignore", "id_ed25519.pub", "src/app.js"]);

    const run = await h.run(["run", "--mode", "review", "--cwd", repo]);
    expect(run.exitCode, run.stdout).toBe(0);
    const sent = (await calls(h))[0]?.stdin ?? "";
    expect(sent).toContain("+export const port = 9090;");
    for (const value of VALUES) expect(sent).not.toContain(value);
    expect(sent).toContain('"config/settings.js": secret content: AWS access key ID (line 1)');
    const audit = run.json.audit as { excluded: unknown; files: unknown };
    expect(audit.excluded).toEqual(pre.json.excluded);
    expect(audit.files).toEqual(pre.json.files);
    const stored = await storeText(h.stateDir);
    for (const value of VALUES) expect(stored).not.toContain(value);
  });

  it("custom globs and other scopes withhold them too, the ignored-but-named file included", async () => {
    const custom = await h.run(["preflight", "--mode", "custom-review", "--paths", ".env.local,config/**,notes/**,.env.example", "--cwd", repo]);
    expect(excludedPaths(custom.json)).toEqual([".env.local", "config/settings.js", "notes/token.md"]);
    expect(sentPaths(custom.json)).toEqual([".env.example"]);
    const head = await h.run(["preflight", "--mode", "review", "--scope", "head", "--cwd", repo]);
    expect(excludedPaths(head.json)).toEqual(["config/settings.js", "deploy/server.pem"]);
    const run = await h.run(["run", "--mode", "custom-review", "--paths", ".env.local,config/**,notes/**,.env.example", "--keep-snapshot", "--cwd", repo]);
    const sent = (await calls(h))[0]?.stdin ?? "";
    for (const value of VALUES) expect(sent).not.toContain(value);
    expect(sent).toContain("DB_PASSWORD=changeme");
    const snapshot = String(run.json.snapshot_path);
    expect((await readdir(snapshot, { recursive: true })).sort()).toEqual([".env.example"]);
    await rm(snapshot, { recursive: true, force: true });
  });

  it("a plain folder (no git) withholds .env and key content", async () => {
    const folder = await mkdtemp(join(tmpdir(), "companion-plain-"));
    try {
      await put(folder, ".env", `${ENV_VALUE}\n`);
      await put(folder, "billing.py", `stripe.api_key = "${STRIPE_KEY}"\n`);
      await put(folder, "main.py", "print('hello')\n");
      const run = await h.run(["run", "--mode", "review", "--cwd", folder]);
      expect(run.exitCode, run.stdout).toBe(0);
      const sent = (await calls(h))[0]?.stdin ?? "";
      expect(sent).toContain("print('hello')");
      for (const value of VALUES) expect(sent).not.toContain(value);
      expect(excludedPaths(run.json.audit as Record<string, unknown>)).toEqual([".env", "billing.py"]);
      expect((run.json.audit as { git: unknown }).git).toBeNull();
      for (const value of VALUES) expect(await storeText(h.stateDir)).not.toContain(value);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("--include-secret sends exactly the named file; a path naming no selected file is an error", async () => {
    const run = await h.run(["run", "--mode", "review", "--include-secret", "notes/token.md", "--cwd", repo]);
    expect(run.exitCode, run.stdout).toBe(0);
    const sent = (await calls(h))[0]?.stdin ?? "";
    expect(sent).toContain(GITHUB_TOKEN);
    expect(sent).not.toContain(AWS_KEY);
    expect(excludedPaths(run.json.audit as Record<string, unknown>)).not.toContain("notes/token.md");

    const typo = await h.run(["preflight", "--mode", "review", "--include-secret", "notes/tokens.md", "--cwd", repo]);
    expect(typo.exitCode).toBe(1);
    expect(typo.json).toMatchObject({ ok: false, error: "scope_failed", message: expect.stringContaining("notes/tokens.md") });
    const ignored = await h.run(["run", "--mode", "review", "--include-secret", ".env.local", "--cwd", repo]);
    expect(ignored.json).toMatchObject({ status: "failed", error_code: "scope_failed", pid_info: null });
    expect(await calls(h)).toHaveLength(1);
  });
});

describe.each(TARGETS)("%s: the change leads and the record proves what was sent (SPEC §9.2)", (target) => {
  let h: Harness;
  let repo: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    repo = await mkdtemp(join(tmpdir(), "companion-large-"));
    await git(repo, "init", "-q", "-b", "main");
    for (let i = 0; i < 300; i++) await put(repo, `lib/module${i}.js`, `// UNCHANGED MODULE ${i}\n${"export const filler = 'lorem ipsum dolor sit amet';\n".repeat(40)}`);
    await put(repo, "src/app.js", "const retries = 3;\nexport function start() {\n  return retries;\n}\n");
    await git(repo, "add", "-A");
    await git(repo, "commit", "-qm", "base");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(repo, { recursive: true, force: true });
  });

  it("working tree: a one-line edit in a large tree sends its diff and the changed file, and lists the rest", async () => {
    await put(repo, "src/app.js", "const retries = 0;\nexport function start() {\n  return retries;\n}\n");
    await put(repo, "src/new.js", "export const added = 'BRAND NEW FILE';\n");
    const run = await h.run(["run", "--mode", "review", "--cwd", repo]);
    expect(run.exitCode, run.stdout).toBe(0);
    const sent = (await calls(h))[0]?.stdin ?? "";
    expect(sent).toContain("-const retries = 3;\n+const retries = 0;");
    expect(sent).toContain("BRAND NEW FILE");
    expect(sent).not.toContain("UNCHANGED MODULE");
    expect(sent).toContain('"lib/module299.js" (');
    expect(Buffer.byteLength(sent)).toBeLessThan(64 * 1024);

    const audit = run.json.audit as { files: { path: string; bytes: number; sha256: string }[]; totals: Record<string, number>; git: Record<string, unknown>; prompt_sha256: string };
    expect(audit.totals).toMatchObject({ files: 302, excluded: 0 });
    expect(audit.prompt_sha256).toBe(sha256(sent));
    for (const file of audit.files.filter((_, i) => i % 50 === 0 || _.path.startsWith("src/"))) {
      const content = await readFile(join(repo, file.path));
      expect(file).toEqual({ path: file.path, bytes: content.length, sha256: sha256(content) });
    }
    expect(audit.git).toEqual({ head: (await git(repo, "rev-parse", "HEAD")).trim(), branch: "main", base_ref: null, merge_base: null });
    expect(run.json).not.toHaveProperty("prompt");
    expect(await storeText(h.stateDir)).not.toContain("UNCHANGED MODULE");

    const pre = await h.run(["preflight", "--mode", "review", "--cwd", repo]);
    expect(pre.json.files).toEqual(audit.files);
  });

  it("branch diff: the diff from the merge-base, deletions included", async () => {
    const forkPoint = (await git(repo, "rev-parse", "HEAD")).trim();
    await git(repo, "checkout", "-qb", "feature");
    await put(repo, "src/app.js", "const retries = 5;\nexport function start() {\n  return retries;\n}\n");
    await git(repo, "rm", "-q", "lib/module7.js");
    await git(repo, "commit", "-qam", "feature");
    await put(repo, "src/app.js", "UNCOMMITTED EDIT\n");
    const run = await h.run(["run", "--mode", "adversarial-review", "--base", "main", "--cwd", repo]);
    expect(run.exitCode, run.stdout).toBe(0);
    const sent = (await calls(h))[0]?.stdin ?? "";
    expect(sent).toContain("-const retries = 3;\n+const retries = 5;");
    expect(sent).toMatch(/--- a\/lib\/module7\.js\n\+\+\+ \/dev\/null/);
    expect(sent).not.toContain("UNCOMMITTED EDIT");
    expect((run.json.audit as { git: unknown }).git).toEqual({ head: (await git(repo, "rev-parse", "HEAD")).trim(), branch: "feature", base_ref: "main", merge_base: forkPoint });
  });

  it("custom: the matched files lead, and what does not fit inline is named", async () => {
    await put(repo, "big/huge.txt", "HUGE LINE\n".repeat(40_000));
    const run = await h.run(["run", "--mode", "custom-review", "--paths", "src/**,big/**", "--cwd", repo]);
    expect(run.exitCode, run.stdout).toBe(0);
    const sent = (await calls(h))[0]?.stdin ?? "";
    expect(sent).toContain("const retries = 3;");
    expect(sent).toContain('- "big/huge.txt": full text not inlined (400000 bytes, over the inline budget)');
    expect(sent).not.toContain("HUGE LINE\nHUGE LINE");
  });

  it("a prompt larger than the target takes fails before the target starts", async () => {
    const focus = join(h.dir, "focus.txt");
    await writeFile(focus, "x".repeat(target === "claude" ? 10 * 1024 * 1024 + 10 : 8 * 1024 * 1024 + 10));
    const run = await h.run(["run", "--mode", "review", "--prompt-file", focus, "--cwd", repo]);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "prompt_too_large", pid_info: null });
    expect(String(run.json.suggested_action)).toContain("custom-review --paths");
    expect(await calls(h)).toEqual([]);
  });
});

const FINDINGS_ANSWER = [
  "The retry change removes all retries.",
  "",
  "FINDINGS:",
  "- [high] src/app.js:1 — Retries disabled: `retries = 0` means a single network blip fails the job.",
  "1. **Low** — src/app.js:3 — Naming: `start` says little.",
  "",
  "SUMMARY: One real regression.",
  "VERDICT: REQUEST_CHANGES",
].join("\n");

describe.each(TARGETS)("%s: verdict, findings and the quality gate (SPEC §4, §9.2)", (target) => {
  let h: Harness;
  let repo: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    repo = await mkdtemp(join(tmpdir(), "companion-verdict-"));
    await git(repo, "init", "-q", "-b", "main");
    await put(repo, "src/app.js", "const retries = 3;\n");
    await git(repo, "add", "-A");
    await git(repo, "commit", "-qm", "base");
    await put(repo, "src/app.js", "const retries = 0;\n");
    await put(repo, ".env", `${ENV_VALUE}\n`);
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(repo, { recursive: true, force: true });
  });

  it("reads the answer into review: verdict, findings with severity and file:line, summary", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", repo], { env: { MOCK_CLI_RESULT_TEXT: FINDINGS_ANSWER } });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.json.review).toEqual({
      verdict: "request_changes",
      summary: "One real regression.",
      findings: [
        { severity: "high", file: "src/app.js", line: 1, title: "Retries disabled", detail: "retries = 0 means a single network blip fails the job." },
        { severity: "low", file: "src/app.js", line: 3, title: "Naming", detail: "start says little." },
      ],
    });
    const sent = (await calls(h))[0]?.stdin ?? "";
    expect(sent).toContain("VERDICT: REQUEST_CHANGES");
    expect(sent).toContain("FINDINGS:");
  });

  it("--human shows the verdict, then findings by severity with file:line, then what was withheld", async () => {
    const run = await h.run(["run", "--mode", "review", "--human", "--cwd", repo], { env: { MOCK_CLI_RESULT_TEXT: FINDINGS_ANSWER } });
    const text = run.stdout;
    const order = ["VERDICT: REQUEST_CHANGES", "HIGH (1)", "src/app.js:1  Retries disabled", "LOW (1)", "src/app.js:3  Naming", "withheld (1, never sent)", ".env  secret file name (.env)"].map((part) => text.indexOf(part));
    for (const index of order) expect(index, text).toBeGreaterThanOrEqual(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("an answer without a verdict fails review_incomplete, keeps the answer, and continue asks for the verdict", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", repo], { env: { MOCK_CLI_RESULT_TEXT: "- [medium] src/app.js:1 — odd default\nI ran out of time." } });
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "review_incomplete", review: { verdict: null, findings: [{ severity: "medium" }] } });
    expect(String(run.json.result)).toContain("I ran out of time.");
    expect(String(run.json.suggested_action)).toContain(`companion-${target} continue --job ${String(run.json.job_id)}`);

    const followUp = await h.run(["continue", "--job", String(run.json.job_id), "--", "give the verdict"]);
    expect(followUp.exitCode, followUp.stdout).toBe(0);
    expect(followUp.json).toMatchObject({ status: "completed", parent_job_id: run.json.job_id, review: { verdict: "approve" } });
    const second = (await calls(h))[1]?.stdin ?? "";
    expect(second).toContain("give the verdict");
    expect(second).toContain("VERDICT: REQUEST_CHANGES");
    expect((followUp.json.audit as { prompt_sha256: string }).prompt_sha256).toBe(sha256(second));
  });

  it("rescue answers are not gated", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", repo, "--", "fix it"], { env: { MOCK_CLI_RESULT_TEXT: "Done, no verdict here." } });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", review: null, audit: null });
  });
});

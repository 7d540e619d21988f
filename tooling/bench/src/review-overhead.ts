import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createModelServer } from "@agent-companion/model-server";
import { binaryFor, createSandbox, type Target } from "@agent-companion/real-cli";
import { execa } from "execa";
import type { Measurement } from "./scenarios.js";
import { medianMs } from "./timing.js";

const require = createRequire(import.meta.url);
const binOf = (target: Target): string => join(dirname(require.resolve(`companion-${target}/package.json`)), "bin", `companion-${target}.cjs`);

const PROMPT = "Review this repository for bugs.";
const RUNS = 5;

async function smallRepo(): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), "bench-review-"));
  await writeFile(join(repo, "app.ts"), "export const add = (a: number, b: number) => a - b;\n");
  await writeFile(join(repo, "README.md"), "# app\n");
  const env = { GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" };
  await execa("git", ["init", "-q"], { cwd: repo, env });
  await execa("git", ["add", "-A"], { cwd: repo, env });
  await execa("git", ["commit", "-qm", "app"], { cwd: repo, env });
  await writeFile(join(repo, "app.ts"), "export const add = (a: number, b: number) => a + b;\n");
  return repo;
}

const directArgs = (target: Target): string[] =>
  target === "claude" ? ["-p", PROMPT, "--output-format", "json"] : ["-p", PROMPT, "--output-format", "json", "--skip-trust"];

/**
 * SPEC §10: a foreground review of a small repository through the companion against calling
 * the same real CLI directly with the same prompt, both answered by the scripted model server.
 */
export async function reviewOverhead(): Promise<Measurement[]> {
  const server = await createModelServer({ script: { turns: [{ kind: "text", text: "No issues. VERDICT: approve" }] } });
  const repo = await smallRepo();
  const results: Measurement[] = [];
  try {
    for (const target of ["claude", "gemini"] as const) {
      const sandbox = await createSandbox(target, server.url);
      try {
        const direct = await medianMs({ file: binaryFor(target), args: directArgs(target), env: { ...sandbox.env }, cwd: repo }, RUNS, 1);
        const env = { ...sandbox.companionEnv, COMPANION_STATE_DIR: join(sandbox.home, "state") };
        const auth = target === "claude" ? ["--auth-mode", "api_key"] : [];
        const ours = await medianMs({ file: process.execPath, args: [binOf(target), "run", "--mode", "review", "--cwd", repo, ...auth, "--", PROMPT], env }, RUNS, 1);
        results.push({ name: `foreground review vs direct ${target}`, value: ours / direct, limit: 2.5, unit: "x baseline", detail: `${ours.toFixed(0)} ms vs ${direct.toFixed(0)} ms` });
      } finally {
        await sandbox.cleanup();
      }
    }
    return results;
  } finally {
    await server.close();
    await rm(repo, { recursive: true, force: true });
  }
}

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createModelServer } from "@agent-companion/model-server";
import { binaryFor, createSandbox, type Target } from "@agent-companion/real-cli";
import { execa } from "execa";
import { COMPANION_BIN, MOCK_CLAUDE, companionEnv } from "./companion.js";
import { floorLine, type Measurement } from "./scenarios.js";
import { median, paired } from "./timing.js";

const require = createRequire(import.meta.url);
const binOf = (target: Target): string => join(dirname(require.resolve(`companion-${target}/package.json`)), "bin", `companion-${target}.cjs`);

const PROMPT = "Review this repository for bugs.";
/** The least a contained review must do, as a bare script: what the bar leaves on this machine. */
const REVIEW_FLOOR = fileURLToPath(new URL("../floor/review-floor.cjs", import.meta.url));

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

type Phase = "prepare_ms" | "target_ms" | "finalize_ms" | "total_ms";
const PHASES: readonly Phase[] = ["prepare_ms", "target_ms", "finalize_ms", "total_ms"];

/** Medians of the records' own timings, and what lies outside them (process start and exit). */
function phaseBreakdown(runs: ReadonlyArray<{ ms: number; stdout: string }>, directMs: number): string[] {
  const records = runs.map((run) => ({ wall: run.ms, timings: (JSON.parse(run.stdout) as { timings: Record<Phase, number | null> }).timings }));
  const of = (phase: Phase): number => median(records.map((r) => r.timings[phase] ?? Number.NaN));
  const outside = median(records.map((r) => r.wall - (r.timings.total_ms ?? Number.NaN)));
  return [
    ...PHASES.map((phase) => `${phase.padEnd(12)} ${of(phase).toFixed(0).padStart(5)} ms${phase === "target_ms" ? `   (the target called directly: ${directMs.toFixed(0)} ms)` : ""}`),
    `${"outside".padEnd(12)} ${outside.toFixed(0).padStart(5)} ms   (our start before the record exists, and exit)`,
  ];
}

/**
 * SPEC §10: a foreground review of a small repository against calling the fast stand-in
 * target directly with the same prompt, plus where the review's time went (its record's
 * timings), so a change shows which phase it moved.
 */
export async function reviewOverhead(): Promise<Measurement[]> {
  const repo = await smallRepo();
  const state = await mkdtemp(join(tmpdir(), "bench-review-state-"));
  const env = companionEnv(state);
  try {
    const ours = { file: process.execPath, args: [COMPANION_BIN, "run", "--mode", "review", "--cwd", repo, "--", PROMPT], env, cwd: repo };
    const direct = { file: MOCK_CLAUDE, args: ["-p", PROMPT, "--output-format", "json"], env, cwd: repo };
    const result = await paired(ours, direct, { runs: 15 });
    const floor = await paired({ file: process.execPath, args: [REVIEW_FLOOR, direct.file, ...direct.args], env, cwd: repo }, direct, { runs: 15 });
    return [
      {
        name: "foreground review vs direct mock target",
        value: result.ratio,
        limit: 2,
        unit: "x baseline",
        detail: `${result.subjectMs.toFixed(0)} ms vs ${result.baselineMs.toFixed(0)} ms`,
        breakdown: [
          ...phaseBreakdown(result.subjectRuns, result.baselineMs),
          floorLine(floor, "what a contained review cannot skip: the git reads, the copy, the target, two durable writes"),
        ],
      },
    ];
  } finally {
    await rm(repo, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
}

const directArgs = (target: Target): string[] =>
  target === "claude" ? ["-p", PROMPT, "--output-format", "json"] : ["-p", PROMPT, "--output-format", "json", "--skip-trust"];

/**
 * The same against the real CLIs, both answered by the scripted model server: slower
 * targets, so the companion's share is smaller. Needs the real CLIs installed.
 */
export async function reviewRealOverhead(): Promise<Measurement[]> {
  const server = await createModelServer({ script: { turns: [{ kind: "text", text: "No issues. VERDICT: approve" }] } });
  const repo = await smallRepo();
  const results: Measurement[] = [];
  try {
    for (const target of ["claude", "gemini"] as const) {
      const sandbox = await createSandbox(target, server.url);
      try {
        const env = { ...sandbox.companionEnv, COMPANION_STATE_DIR: join(sandbox.home, "state") };
        const auth = target === "claude" ? ["--auth-mode", "api_key"] : [];
        const result = await paired(
          { file: process.execPath, args: [binOf(target), "run", "--mode", "review", "--cwd", repo, ...auth, "--", PROMPT], env },
          { file: binaryFor(target), args: directArgs(target), env: { ...sandbox.env }, cwd: repo },
          { runs: 5, warmup: 1 },
        );
        results.push({ name: `foreground review vs direct ${target} (real CLI)`, value: result.ratio, limit: 2, unit: "x baseline", detail: `${result.subjectMs.toFixed(0)} ms vs ${result.baselineMs.toFixed(0)} ms` });
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

/** One `companion-<target> run --mode review` through the real CLI, in a private sandbox. */
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { createSandbox, type Target } from "@agent-companion/real-cli";
import { execa } from "execa";

const require = createRequire(import.meta.url);

export type JobRecord = Record<string, unknown>;

export interface ReviewRun {
  readonly target: Target;
  readonly exitCode: number | undefined;
  /** The JobRecord our bin printed, or null when stdout was not one. */
  readonly record: JobRecord | null;
  readonly stderr: string;
}

const binOf = (target: Target): string =>
  join(dirname(require.resolve(`companion-${target}/package.json`)), "bin", `companion-${target}.cjs`);

// The demo's sandbox holds an API key for the scripted server; Claude's default
// `subscription` mode would withhold it on purpose (SPEC §8), Gemini's `auto` passes it.
const authArgs = (target: Target): string[] => (target === "claude" ? ["--auth-mode", "api_key"] : []);

const parseRecord = (stdout: string): JobRecord | null => {
  try {
    return JSON.parse(stdout) as JobRecord;
  } catch {
    return null;
  }
};

export async function runReview(target: Target, serverUrl: string, repo: string, prompt: string): Promise<ReviewRun> {
  const sandbox = await createSandbox(target, serverUrl);
  try {
    const result = await execa(process.execPath, [binOf(target), "run", "--mode", "review", "--cwd", repo, ...authArgs(target), "--", prompt], {
      env: { ...sandbox.companionEnv, COMPANION_STATE_DIR: join(sandbox.home, "companion-state") },
      extendEnv: false,
      stdin: "ignore",
      reject: false,
      timeout: 120_000,
    });
    return { target, exitCode: result.exitCode, record: parseRecord(result.stdout), stderr: result.stderr };
  } finally {
    await sandbox.cleanup();
  }
}

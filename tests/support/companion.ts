import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa, type Options } from "execa";

export type Target = "claude" | "gemini";
export const TARGETS: readonly Target[] = ["claude", "gemini"];

const repo = fileURLToPath(new URL("../..", import.meta.url));
export const binOf = (target: Target): string => join(repo, "apps", `companion-${target}`, "bin", `companion-${target}.cjs`);
export const mockBinOf = (target: Target): string => join(repo, "tooling", "mock-cli", "bin", `${target}.js`);
export const binaryEnvVar = (target: Target): string => (target === "claude" ? "CLAUDE_BINARY" : "GEMINI_BINARY");

export interface CompanionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document every invocation prints. */
  json: Record<string, unknown>;
}

/** A private state dir and environment for one test; the mock CLI stands in for the target. */
export class Harness {
  private constructor(
    readonly target: Target,
    readonly dir: string,
    readonly env: Record<string, string>,
  ) {}

  static async create(target: Target, env: Record<string, string> = {}): Promise<Harness> {
    const dir = await mkdtemp(join(tmpdir(), `companion-${target}-`));
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: dir,
      COMPANION_STATE_DIR: join(dir, "state"),
      [binaryEnvVar(target)]: mockBinOf(target),
      MOCK_CLI_LOG: join(dir, "mock-log.jsonl"),
    };
    return new Harness(target, dir, { ...base, ...env });
  }

  get stateDir(): string {
    return this.env.COMPANION_STATE_DIR as string;
  }

  async run(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<CompanionRun> {
    const execOptions: Options = {
      cwd: options.cwd ?? this.dir,
      env: { ...this.env, ...options.env },
      extendEnv: false,
      reject: false,
      timeout: options.timeoutMs ?? 60_000,
      ...(options.input === undefined ? { stdin: "ignore" } : { input: options.input }),
    };
    const result = await execa(process.execPath, [binOf(this.target), ...args], execOptions);
    const stdout = String(result.stdout);
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(stdout) as Record<string, unknown>;
    } catch {
      // Left empty: tests that expect JSON assert on it.
    }
    return { exitCode: result.exitCode ?? -1, stdout, stderr: String(result.stderr), json };
  }

  async cleanup(): Promise<void> {
    // A worker may still be finishing its last write; retry instead of failing the test.
    await rm(this.dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}

/** Polls until `check` returns a value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Whether a pid exists (EPERM: it does, but belongs to someone else). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

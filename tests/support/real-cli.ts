/**
 * Running the raw real target CLIs (Claude Code, Gemini CLI) against the scripted model
 * server, with the exact flags the adapters rely on. Binaries and sandboxes come from
 * @agent-companion/real-cli, shared with the e2e tests and the demo.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { binaryFor, createSandbox } from "@agent-companion/real-cli";
import type { CliSandbox } from "@agent-companion/real-cli";
import { execa } from "execa";

export type { CliSandbox } from "@agent-companion/real-cli";

export const claudeSandbox = (serverUrl: string): Promise<CliSandbox> => createSandbox("claude", serverUrl);
export const geminiSandbox = (serverUrl: string): Promise<CliSandbox> => createSandbox("gemini", serverUrl);

/** Gemini's tools that change files or run commands; a deny rule removes each one. */
export const GEMINI_WRITE_TOOLS = ["write_file", "replace", "edit", "run_shell_command"] as const;

/** Writes the read-only policy file for `gemini --policy` and returns its path. */
export async function writeGeminiReadOnlyPolicy(dir: string): Promise<string> {
  const rules = GEMINI_WRITE_TOOLS.map(
    (tool) => `[[rule]]\ntoolName = "${tool}"\ndecision = "deny"\npriority = 100\n`,
  );
  const file = join(dir, "read-only-policy.toml");
  await writeFile(file, rules.join("\n"));
  return file;
}

export interface CliRun {
  readonly exitCode: number | undefined;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** stdout parsed as NDJSON; lines that are not JSON are skipped. */
  readonly events: readonly Record<string, unknown>[];
}

export interface RunOptions {
  readonly sandbox: CliSandbox;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Sent on stdin, which is then closed: the CLIs wait on an open stdin. */
  readonly input?: string;
  readonly timeoutMs?: number;
}

export function parseNdjson(text: string): Record<string, unknown>[] {
  return text.split("\n").flatMap((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === "object" && value !== null && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

export async function runRealCli(options: RunOptions): Promise<CliRun> {
  const started = performance.now();
  const result = await execa(binaryFor(options.sandbox.target), [...options.args], {
    cwd: options.cwd,
    env: options.sandbox.env,
    extendEnv: false,
    input: options.input ?? "",
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
    forceKillAfterDelay: 2_000,
  });
  return {
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    stdout: result.stdout,
    stderr: result.stderr,
    durationMs: performance.now() - started,
    events: parseNdjson(result.stdout),
  };
}

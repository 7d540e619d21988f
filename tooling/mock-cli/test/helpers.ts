import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const CLAUDE_BIN = join(here, "..", "bin", "claude.js");
export const GEMINI_BIN = join(here, "..", "bin", "gemini.js");
export { FIXTURES_DIR as FIXTURES } from "@agent-companion/adapter-testing";
import { FIXTURES_DIR as FIXTURES } from "@agent-companion/adapter-testing";

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  input?: string | null; // null: leave stdin open (a pipe never closed)
  cwd?: string;
}

/** The environment without any MOCK_CLI_* or provider variables from the outer shell. */
function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(MOCK_CLI_|ANTHROPIC_|GEMINI_|GOOGLE_)/.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

export function start(bin: string, args: string[], opts: RunOptions = {}) {
  const child = spawn(bin, args, { cwd: opts.cwd, env: baseEnv(opts.env), stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  if (opts.input !== null) child.stdin.end(opts.input ?? "");
  const done = new Promise<RunResult>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

export function run(bin: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return start(bin, args, opts).done;
}

export function lines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as Record<string, unknown>;
}

export function fixtureLines(name: string): Record<string, unknown>[] {
  return lines(readFileSync(join(FIXTURES, name), "utf8"));
}

/** Sorted keys, to compare an object's shape with a captured fixture. */
export const keys = (o: unknown): string[] => Object.keys(o as object).sort();

export async function waitFor(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export function tempDir(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), "mock-cli-test-"));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export const exists = existsSync;

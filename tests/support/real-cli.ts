/**
 * Running the real target CLIs (Claude Code, Gemini CLI) against the scripted model
 * server: where their binaries are, and a private home and environment per run so a test
 * never reads or writes a developer's real configuration and never leaves loopback.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";

const require = createRequire(import.meta.url);

function packageDir(name: string, from?: string): string {
  const options = from === undefined ? undefined : { paths: [from] };
  return dirname(realpathSync(require.resolve(`${name}/package.json`, options)));
}

// Below this size bin/claude.exe is still the placeholder the postinstall should replace.
const PLACEHOLDER_MAX_BYTES = 1_000_000;

function resolveClaudeBinary(): string {
  const wrapperDir = packageDir("@anthropic-ai/claude-code");
  const copied = join(wrapperDir, "bin", "claude.exe");
  if (existsSync(copied) && statSync(copied).size > PLACEHOLDER_MAX_BYTES) return copied;
  // The postinstall did not run: use the native binary of the per-platform package.
  const platformDir = packageDir(`@anthropic-ai/claude-code-${process.platform}-${process.arch}`, wrapperDir);
  return join(platformDir, "claude");
}

/** Absolute path of the real `claude` native binary. */
export const CLAUDE_BINARY = resolveClaudeBinary();

/** Absolute path of the real `gemini` entry point (a Node script with a shebang). */
export const GEMINI_BINARY = join(packageDir("@google/gemini-cli"), "bundle", "gemini.js");

export type Target = "claude" | "gemini";

export interface CliSandbox {
  readonly target: Target;
  /** Private HOME with the target's configuration. */
  readonly home: string;
  /** The complete environment for the CLI: pass it with `extendEnv: false`. */
  readonly env: Readonly<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** Only what a CLI needs to start; nothing of the developer's environment leaks in. */
function baseEnv(home: string): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: home,
    TMPDIR: join(home, "tmp"),
    LANG: "C.UTF-8",
  };
}

async function makeHome(target: Target): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), `real-${target}-home-`));
  await mkdir(join(home, "tmp"));
  return home;
}

export async function claudeSandbox(serverUrl: string): Promise<CliSandbox> {
  const home = await makeHome("claude");
  const configDir = join(home, ".claude");
  await mkdir(configDir);
  const env = {
    ...baseEnv(home),
    CLAUDE_CONFIG_DIR: configDir,
    ANTHROPIC_BASE_URL: serverUrl,
    ANTHROPIC_API_KEY: "sk-ant-scripted-test-key",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  };
  return { target: "claude", home, env, cleanup: () => rm(home, { recursive: true, force: true }) };
}

export async function geminiSandbox(serverUrl: string): Promise<CliSandbox> {
  const home = await makeHome("gemini");
  await mkdir(join(home, ".gemini"));
  // Without an explicit auth type the CLI picks a gateway auth and exits 41.
  const settings = { security: { auth: { selectedType: "gemini-api-key" } } };
  await writeFile(join(home, ".gemini", "settings.json"), JSON.stringify(settings));
  const env = {
    ...baseEnv(home),
    GOOGLE_GEMINI_BASE_URL: serverUrl,
    GEMINI_API_KEY: "scripted-test-key",
    GEMINI_CLI_NO_RELAUNCH: "true",
    GEMINI_CLI_TRUST_WORKSPACE: "true",
  };
  return { target: "gemini", home, env, cleanup: () => rm(home, { recursive: true, force: true }) };
}

export function sandboxFor(target: Target, serverUrl: string): Promise<CliSandbox> {
  return target === "claude" ? claudeSandbox(serverUrl) : geminiSandbox(serverUrl);
}

export function binaryFor(target: Target): string {
  return target === "claude" ? CLAUDE_BINARY : GEMINI_BINARY;
}

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

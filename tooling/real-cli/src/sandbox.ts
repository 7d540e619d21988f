/**
 * A private HOME and a complete environment per run, so a real CLI never reads or writes
 * a developer's configuration and only ever talks to the scripted model server.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binaryEnvVar, binaryFor, type Target } from "./binaries.js";

export interface CliSandbox {
  readonly target: Target;
  /** Private HOME with the target's configuration. */
  readonly home: string;
  /** The complete environment for the raw CLI: pass it with `extendEnv: false`. */
  readonly env: Readonly<Record<string, string>>;
  /** `env` plus the variable that points our bin at the real CLI. */
  readonly companionEnv: Readonly<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** Only what a CLI needs to start; nothing of the developer's environment leaks in. */
export function baseEnv(home: string): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: home,
    TMPDIR: join(home, "tmp"),
    LANG: "C.UTF-8",
  };
}

export async function makeHome(target: string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), `real-${target}-home-`));
  await mkdir(join(home, "tmp"));
  return home;
}

async function claudeEnv(home: string, serverUrl: string): Promise<Record<string, string>> {
  const configDir = join(home, ".claude");
  await mkdir(configDir, { recursive: true });
  return {
    CLAUDE_CONFIG_DIR: configDir,
    ANTHROPIC_BASE_URL: serverUrl,
    ANTHROPIC_API_KEY: "sk-ant-scripted-test-key",
    // Without it the CLI also calls Anthropic's own hosts (telemetry, updates).
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
  };
}

async function geminiEnv(home: string, serverUrl: string): Promise<Record<string, string>> {
  await mkdir(join(home, ".gemini"), { recursive: true });
  // Without an explicit auth type the CLI picks a gateway auth and exits 41.
  const settings = { security: { auth: { selectedType: "gemini-api-key" } } };
  await writeFile(join(home, ".gemini", "settings.json"), JSON.stringify(settings));
  return {
    GOOGLE_GEMINI_BASE_URL: serverUrl,
    GEMINI_API_KEY: "scripted-test-key",
    GEMINI_CLI_NO_RELAUNCH: "true",
    GEMINI_CLI_TRUST_WORKSPACE: "true",
  };
}

/** Configures `home` for the target's CLI and returns the variables that point it at `serverUrl`. */
export const targetEnv = (target: Target, home: string, serverUrl: string): Promise<Record<string, string>> =>
  target === "claude" ? claudeEnv(home, serverUrl) : geminiEnv(home, serverUrl);

export const removeHome = (home: string): Promise<void> => rm(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });

/** A fresh sandbox whose CLI sends every model request to `serverUrl`. */
export async function createSandbox(target: Target, serverUrl: string): Promise<CliSandbox> {
  const home = await makeHome(target);
  const env = { ...baseEnv(home), ...(await targetEnv(target, home, serverUrl)) };
  return {
    target,
    home,
    env,
    companionEnv: { ...env, [binaryEnvVar(target)]: binaryFor(target) },
    cleanup: () => removeHome(home),
  };
}

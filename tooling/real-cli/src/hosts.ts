/**
 * The three host agents (Claude Code, Gemini CLI, Codex) in a private HOME, their model
 * API pointed at the scripted model server, ready to load our plugins and call our MCP
 * server; the target our bin drives (`inner`) is configured in the same HOME, because
 * hosts start MCP servers with their own HOME.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { binaryEnvVar, binaryFor, CLAUDE_BINARY, CODEX_BINARY, GEMINI_BINARY, type Target } from "./binaries.js";
import { baseEnv, makeHome, removeHome, targetEnv } from "./sandbox.js";

export type Host = "claude-code" | "gemini-cli" | "codex";

export interface HostSandbox {
  readonly host: Host;
  readonly home: string;
  /** The complete environment for the host: pass it with `extendEnv: false`. */
  readonly env: Readonly<Record<string, string>>;
  /** The host's executable and the arguments that come before the caller's. */
  readonly command: string;
  readonly commandArgs: readonly string[];
  cleanup(): Promise<void>;
}

export interface HostOptions {
  /** The target behind our bin: its CLI is configured in the same HOME. */
  readonly inner?: Target;
  /** Put first on PATH (where `companion-<t>` is found). */
  readonly pathDirs?: readonly string[];
}

/** Codex's only credential: the variable its model provider names (sent as a Bearer token). */
export const CODEX_KEY_VAR = "SCRIPTED_OPENAI_KEY";

async function codexEnv(home: string, serverUrl: string): Promise<Record<string, string>> {
  const codexHome = join(home, ".codex");
  await mkdir(codexHome, { recursive: true });
  const config = [
    `model_provider = "scripted"`,
    `model = "scripted-model"`,
    `[model_providers.scripted]`,
    `name = "scripted"`,
    `base_url = "${serverUrl}/v1"`,
    `wire_api = "responses"`,
    `env_key = "${CODEX_KEY_VAR}"`,
  ];
  await writeFile(join(codexHome, "config.toml"), `${config.join("\n")}\n`);
  return { CODEX_HOME: codexHome, [CODEX_KEY_VAR]: "scripted-test-key" };
}

async function hostEnv(host: Host, home: string, serverUrl: string): Promise<Record<string, string>> {
  switch (host) {
    case "claude-code":
      // MCP tools are offered directly instead of behind a tool-search tool.
      return { ...(await targetEnv("claude", home, serverUrl)), ENABLE_TOOL_SEARCH: "false" };
    case "gemini-cli":
      return targetEnv("gemini", home, serverUrl);
    case "codex":
      return codexEnv(home, serverUrl);
  }
}

function hostCommand(host: Host): { command: string; commandArgs: string[] } {
  switch (host) {
    case "claude-code":
      return { command: CLAUDE_BINARY, commandArgs: [] };
    case "gemini-cli":
      return { command: process.execPath, commandArgs: [GEMINI_BINARY] };
    case "codex":
      return { command: process.execPath, commandArgs: [CODEX_BINARY] };
  }
}

export async function createHostSandbox(host: Host, serverUrl: string, options: HostOptions = {}): Promise<HostSandbox> {
  const home = await makeHome(host);
  const base = baseEnv(home);
  const inner = options.inner;
  const innerEnv = inner === undefined ? {} : { ...(await targetEnv(inner, home, serverUrl)), [binaryEnvVar(inner)]: binaryFor(inner) };
  const env = {
    ...base,
    ...innerEnv,
    ...(await hostEnv(host, home, serverUrl)),
    PATH: [...(options.pathDirs ?? []), base.PATH].join(delimiter),
  };
  return { host, home, env, ...hostCommand(host), cleanup: () => removeHome(home) };
}

/**
 * Where the pinned real CLIs live once `pnpm install` has run: the versions this
 * package depends on, not whatever happens to be on PATH. Codex is only ever a host
 * agent (it calls our MCP server), never a target.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type Target = "claude" | "gemini";

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
  // The postinstall did not run (pnpm blocks install scripts unless allowed): use the
  // native binary of the per-platform package.
  const platformDir = packageDir(`@anthropic-ai/claude-code-${process.platform}-${process.arch}`, wrapperDir);
  return join(platformDir, "claude");
}

/** Absolute path of the real `claude` native binary. */
export const CLAUDE_BINARY = resolveClaudeBinary();

/** Absolute path of the real `gemini` entry point (a Node script with a shebang). */
export const GEMINI_BINARY = join(packageDir("@google/gemini-cli"), "bundle", "gemini.js");

/** Absolute path of the real `codex` entry point (a Node script that starts the native binary). */
export const CODEX_BINARY = join(packageDir("@openai/codex"), "bin", "codex.js");

export const binaryFor = (target: Target): string => (target === "claude" ? CLAUDE_BINARY : GEMINI_BINARY);

/** The variable our bins read to find the target executable (SPEC §3). */
export const binaryEnvVar = (target: Target): string => (target === "claude" ? "CLAUDE_BINARY" : "GEMINI_BINARY");

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { execa } from "execa";

const require = createRequire(import.meta.url);

/** The built companion-claude bin and the mock claude it drives in these benchmarks. */
export const COMPANION_BIN = join(dirname(require.resolve("companion-claude/package.json")), "bin", "companion-claude.cjs");
export const MOCK_CLAUDE = join(dirname(require.resolve("@agent-companion/mock-cli/package.json")), "bin", "claude.js");

export function companionEnv(stateDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: stateDir, COMPANION_STATE_DIR: stateDir, CLAUDE_BINARY: MOCK_CLAUDE, ...extra };
}

export async function companion(args: readonly string[], env: Record<string, string>, cwd?: string): Promise<Record<string, unknown>> {
  const result = await execa(process.execPath, [COMPANION_BIN, ...args], { env, extendEnv: false, cwd, reject: false, stdin: "ignore" });
  return JSON.parse(String(result.stdout)) as Record<string, unknown>;
}

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";

const require = createRequire(import.meta.url);

/**
 * The built companion-claude bin and the mock claude it drives in these benchmarks.
 * BENCH_COMPANION_BIN measures another build (e.g. a copy of main's) for a before/after.
 */
export const COMPANION_BIN = process.env.BENCH_COMPANION_BIN ?? join(dirname(require.resolve("companion-claude/package.json")), "bin", "companion-claude.cjs");
export const MOCK_CLAUDE = join(dirname(require.resolve("@agent-companion/mock-cli/package.json")), "bin", "claude.js");

export function companionEnv(stateDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: stateDir, COMPANION_STATE_DIR: stateDir, CLAUDE_BINARY: MOCK_CLAUDE, ...extra };
}

export async function companion(args: readonly string[], env: Record<string, string>, cwd?: string): Promise<Record<string, unknown>> {
  const result = await execa(process.execPath, [COMPANION_BIN, ...args], { env, extendEnv: false, cwd, reject: false, stdin: "ignore" });
  return JSON.parse(String(result.stdout)) as Record<string, unknown>;
}

const TERMINAL = new Set(["completed", "failed", "cancelled", "stale"]);

/**
 * Waits, reading the record file directly (no companion process to perturb the machine),
 * until a background job has ended, so its worker and target do not run into the next
 * measurement.
 */
export async function settled(stateDir: string, jobId: string): Promise<void> {
  const path = join(stateDir, "claude", "jobs", jobId, "record.json");
  for (let tries = 0; tries < 600; tries++) {
    const text = await readFile(path, "utf8").catch(() => "{}");
    const status = (JSON.parse(text) as { status?: string }).status;
    if (status !== undefined && TERMINAL.has(status)) return;
    await sleep(50);
  }
  throw new Error(`background job ${jobId} did not end within 30 s`);
}

import { performance } from "node:perf_hooks";
import { execa } from "execa";

export interface Command {
  file: string;
  args: readonly string[];
  env?: Record<string, string>;
  cwd?: string;
}

/**
 * Median wall time of a command over `runs` runs after `warmup` runs. Baseline and subject
 * are spawned the same way, so the spawning overhead cancels out of their ratio.
 */
export async function medianMs(command: Command, runs = 25, warmup = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = performance.now();
    const result = await execa(command.file, [...command.args], {
      env: command.env,
      cwd: command.cwd,
      reject: false,
      stdin: "ignore",
      stdout: "ignore",
      stderr: "ignore",
    });
    const elapsed = performance.now() - start;
    if (result.exitCode !== 0) throw new Error(`${command.file} ${command.args.join(" ")} exited ${result.exitCode}`);
    if (i >= warmup) times.push(elapsed);
  }
  return median(times);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Wall time of one async operation. */
export async function timeMs(operation: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await operation();
  return performance.now() - start;
}

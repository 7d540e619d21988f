import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

export interface Command {
  file: string;
  args: readonly string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface Run {
  ms: number;
  stdout: string;
}

/**
 * Wall time of one run, from spawn to exit, with stdin closed. Plain
 * `child_process` keeps what the bench itself adds to every run small and the same for
 * subject and baseline.
 */
export function runOnce(command: Command): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command.file, [...command.args], { env: command.env, cwd: command.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2000);
    });
    child.once("error", reject);
    child.once("close", (code) => {
      const ms = performance.now() - start;
      if (code !== 0) reject(new Error(`${command.file} ${command.args.join(" ")} exited ${code}:\n${stderr}${Buffer.concat(chunks).toString("utf8").slice(-2000)}`));
      else resolve({ ms, stdout: Buffer.concat(chunks).toString("utf8") });
    });
  });
}

export interface Paired {
  subjectMs: number;
  baselineMs: number;
  /** Median of the per-pair ratios: load that drifts during the run hits both sides of a pair. */
  ratio: number;
  /** Every subject run, in order, for scenarios that read what it printed. */
  subjectRuns: Run[];
}

export interface PairOptions {
  runs?: number;
  warmup?: number;
  /** Called after each subject run, untimed (e.g. to wait for a background job to finish). */
  afterSubject?: (run: Run) => Promise<void>;
}

/**
 * Subject and baseline alternate, in ABBA order so neither always runs first, and each
 * ratio compares two runs made moments apart on the same (shared, noisy) machine.
 */
export async function paired(subject: Command, baseline: Command, options: PairOptions = {}): Promise<Paired> {
  const runs = options.runs ?? 21;
  const warmup = options.warmup ?? 2;
  const subjectRuns: Run[] = [];
  const baselines: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const runSubject = async (): Promise<Run> => {
      const run = await runOnce(subject);
      await options.afterSubject?.(run);
      return run;
    };
    let s: Run;
    let b: Run;
    if (i % 2 === 0) {
      s = await runSubject();
      b = await runOnce(baseline);
    } else {
      b = await runOnce(baseline);
      s = await runSubject();
    }
    if (i < warmup) continue;
    subjectRuns.push(s);
    baselines.push(b.ms);
    ratios.push(s.ms / b.ms);
  }
  return { subjectMs: median(subjectRuns.map((r) => r.ms)), baselineMs: median(baselines), ratio: median(ratios), subjectRuns };
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

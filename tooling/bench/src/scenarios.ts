import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { createSnapshot, selectScope } from "@agent-companion/core/review-source";
import { execa } from "execa";
import { COMPANION_BIN, companion, companionEnv, settled } from "./companion.js";
import { retainJobs } from "./store-fixture.js";
import { type Command, median, type Paired, paired, timeMs } from "./timing.js";

/** One measured quality-bar item of SPEC §10. */
export interface Measurement {
  name: string;
  value: number;
  limit: number;
  unit: "x node" | "x baseline" | "ms";
  detail: string;
  /** Extra lines printed under the row (e.g. where a job's time went). */
  breakdown?: string[];
  /** Why the item could not be measured in this build; neither a pass nor a miss. */
  skipped?: string;
}

/**
 * The breakdown line of a bar's floor: a bare script doing only `what`, run paired against the
 * same baseline, so the table shows how much of the bar the machine itself leaves.
 */
export const floorLine = (floor: Paired, what: string): string =>
  `${"floor".padEnd(12)} ${floor.ratio.toFixed(2).padStart(5)}x   (${floor.subjectMs.toFixed(0)} ms: a bare script doing only ${what})`;

export const node = (args: readonly string[], env: Record<string, string>, cwd?: string): Command => ({ file: process.execPath, args, env, cwd });
export const BARE_NODE = ["-e", "0"];

const versusNode = (name: string, limit: number, ratio: { ratio: number; subjectMs: number; baselineMs: number }): Measurement => ({
  name,
  value: ratio.ratio,
  limit,
  unit: "x node",
  detail: `${ratio.subjectMs.toFixed(1)} ms vs node -e 0 ${ratio.baselineMs.toFixed(1)} ms`,
});

export async function startup(): Promise<Measurement[]> {
  const state = await mkdtemp(join(tmpdir(), "bench-startup-"));
  const work = join(state, "ws");
  await mkdir(work);
  const env = companionEnv(state);
  try {
    const first = await companion(["run", "--mode", "rescue", "--cwd", work, "bench"], env);
    const jobId = String(first.job_id);
    await companion(["result", "--job", jobId], env);
    const baseline = node(BARE_NODE, env);
    const results: Measurement[] = [];
    for (const retained of [1, 10_000]) {
      if (retained > 1) await retainJobs(state, jobId, retained - 1);
      for (const command of [["status", "--job", jobId], ["result", "--job", jobId]]) {
        results.push(versusNode(`${command[0]} --job, ${retained} retained`, 1.25, await paired(node([COMPANION_BIN, ...command], env), baseline)));
      }
    }
    // As a store holding 10,000 jobs is listed: compacted by the hourly retention pass (which
    // keeps them all, as configured), with the jobs run since then appended after the block.
    await companion(["prune"], { ...env, COMPANION_MAX_JOBS: "20000" });
    for (let i = 0; i < 3; i++) await companion(["run", "--mode", "rescue", "--cwd", work, `after compaction ${i}`], env);
    results.push(versusNode("status (workspace list), 10000 jobs", 2.5, await paired(node([COMPANION_BIN, "status", "--cwd", work], env), baseline, { runs: 11 })));
    return results;
  } finally {
    await rm(state, { recursive: true, force: true });
  }
}

/** The least a background launch must do, as a bare script: what the bar leaves on this machine. */
const LAUNCH_FLOOR = fileURLToPath(new URL("../floor/launch-floor.cjs", import.meta.url));

/** Waits until the floor's worker is gone, so it does not run into the next measurement. */
async function exited(pid: number): Promise<void> {
  for (let tries = 0; tries < 2000; tries++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(5);
  }
  throw new Error(`the launch floor's worker ${pid} did not exit within 10 s`);
}

export async function launch(): Promise<Measurement[]> {
  const state = await mkdtemp(join(tmpdir(), "bench-launch-"));
  const work = join(state, "ws");
  await mkdir(work);
  const env = companionEnv(state);
  try {
    const launched = await paired(node([COMPANION_BIN, "run", "--mode", "rescue", "--background", "--cwd", work, "bench"], env), node(BARE_NODE, env), {
      runs: 15,
      afterSubject: async (run) => settled(state, String((JSON.parse(run.stdout) as { job_id: string }).job_id)),
    });
    const floor = await paired(node([LAUNCH_FLOOR, join(state, "floor")], env), node(BARE_NODE, env), {
      runs: 15,
      afterSubject: async (run) => exited(Number(run.stdout)),
    });
    return [
      {
        ...versusNode("run --background returns", 1.6, launched),
        breakdown: [floorLine(floor, "what a launch cannot skip: a detached node worker on a stdin pipe, a durable record, the input handed over")],
      },
    ];
  } finally {
    await rm(state, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}

export async function cancelLatency(): Promise<Measurement[]> {
  const state = await mkdtemp(join(tmpdir(), "bench-cancel-"));
  const work = join(state, "ws");
  await mkdir(work);
  try {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const env = companionEnv(state, { MOCK_CLI_SCENARIO: "hang" });
      const launched = await companion(["run", "--mode", "rescue", "--background", "--cwd", work, "hang"], env);
      const jobId = String(launched.job_id);
      for (let tries = 0; tries < 200; tries++) {
        const record = await companion(["status", "--job", jobId], env);
        if (record.status === "running" && record.pid_info) break;
        await sleep(50);
      }
      samples.push(await timeMs(async () => {
        const out = await companion(["cancel", "--job", jobId], env);
        if (out.job_status !== "cancelled") throw new Error(`cancel left the job ${String(out.job_status)}`);
      }));
    }
    const ms = median(samples);
    return [{ name: "cancel: SIGTERM to terminal record (cooperative)", value: ms, limit: 1000, unit: "ms", detail: `median of ${samples.length}, incl. the cancel command's own startup` }];
  } finally {
    await rm(state, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}

const FILES = 20_000;

export async function snapshot(): Promise<Measurement[]> {
  const repo = await mkdtemp(join(tmpdir(), "bench-repo-"));
  try {
    for (let dir = 0; dir < FILES / 100; dir++) {
      await mkdir(join(repo, `d${dir}`));
      await Promise.all(Array.from({ length: 100 }, (_, i) => writeFile(join(repo, `d${dir}`, `f${i}.ts`), `export const v${i} = ${dir * 100 + i};\n`)));
    }
    const git = (args: string[]) => execa("git", args, { cwd: repo, env: { GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" } });
    await git(["init", "-q"]);
    await git(["add", "-A"]);
    await git(["commit", "-qm", "files"]);
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < 3; i++) {
      ours.push(await timeMs(async () => {
        const snap = await createSnapshot(await selectScope({ cwd: repo, scope: "working-tree", base: null, paths: [] }));
        await snap.cleanup();
      }));
      const dest = await mkdtemp(join(tmpdir(), "bench-copy-"));
      baseline.push(await timeMs(() => execa("bash", ["-c", `git ls-files -z | tar --null -T - -cf - | tar -xf - -C ${dest}`], { cwd: repo })));
      await rm(dest, { recursive: true, force: true });
    }
    const ratio = median(ours) / median(baseline);
    return [{ name: `snapshot of a ${FILES}-file working tree`, value: ratio, limit: 2, unit: "x baseline", detail: `${median(ours).toFixed(0)} ms vs git ls-files | tar copy ${median(baseline).toFixed(0)} ms` }];
  } finally {
    await rm(repo, { recursive: true, force: true });
  }
}

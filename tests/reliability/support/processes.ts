import { spawn, type ChildProcess } from "node:child_process";
import { readFile, readdir, readlink } from "node:fs/promises";
import { isAlive } from "../../support/companion.js";

export interface PidInfo {
  pid: number;
  starttime: string;
  argv0: string;
}

/** The identity the companion would record for a live process: stat field 22 and the executable. */
export async function identityOf(pid: number): Promise<PidInfo> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const starttime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  if (starttime === undefined) throw new Error(`no starttime in /proc/${pid}/stat`);
  return { pid, starttime, argv0: await readlink(`/proc/${pid}/exe`) };
}

/** Processes a test started; killed afterwards so nothing outlives the test. */
export class Processes {
  private readonly pids = new Set<number>();

  /** A long-lived foreign process (not started by the companion). */
  foreign(): ChildProcess {
    const child = spawn("sleep", ["60"], { stdio: "ignore" });
    this.track(child.pid as number);
    return child;
  }

  /** The pid of a process that has already exited, so it provably names nothing of ours. */
  async exitedPid(): Promise<number> {
    const child = spawn("true", [], { stdio: "ignore" });
    await new Promise((resolve) => child.once("exit", resolve));
    return child.pid as number;
  }

  track(pid: number): void {
    this.pids.add(pid);
  }

  killAll(): void {
    for (const pid of this.pids) if (isAlive(pid)) process.kill(pid, "SIGKILL");
    this.pids.clear();
  }
}

/** The pid of the background worker running `jobId`, found by its command line (before it records itself). */
export async function findWorkerPid(jobId: string): Promise<number | null> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (argv.includes("\0__worker\0") && argv.includes(jobId)) return Number(entry);
  }
  return null;
}

/**
 * Whether a pid no longer runs: gone, or a zombie. An orphaned target is reaped by whatever
 * init the machine has, whenever it gets to it, so kill(pid, 0) alone would still see it.
 */
export async function hasExited(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (stat === null) return true;
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state === "Z" || state === "X";
}

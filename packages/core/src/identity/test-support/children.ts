import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

/** Children started by a test file, killed (as their groups) by `killStarted` in afterEach. */
const started = new Set<ChildProcess>();

export const startChild = (command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess => {
  const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "ignore"], ...options });
  started.add(child);
  child.once("exit", () => started.delete(child));
  return child;
};

/** A detached `node -e` child. */
export const startNode = (script: string): ChildProcess => startChild(process.execPath, ["-e", script]);

export const killStarted = (): void => {
  for (const child of started) {
    if (child.pid === undefined) continue;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  started.clear();
};

export const pidOf = (child: ChildProcess): number => {
  if (child.pid === undefined) throw new Error("child has no pid (spawn failed)");
  return child.pid;
};

/** The first stdout line, for children that announce readiness or a grandchild's pid. */
export const firstLine = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    if (child.stdout === null) throw new Error("child stdout is not piped");
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
    child.once("exit", (code, signal) => reject(new Error(`child exited (${code ?? signal}) before printing a line`)));
  });

export const exitOf = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

/** Polls instead of sleeping a fixed time: robust on a loaded machine. */
export const waitFor = async (condition: () => Promise<boolean> | boolean, timeoutMs = 15_000, label = "condition"): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await sleep(20);
  }
};

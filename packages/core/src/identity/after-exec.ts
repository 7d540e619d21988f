import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseCmdline } from "./cmdline.js";
import { resolveIdentityOptions, type IdentityOptions, type ResolvedIdentityOptions } from "./options.js";
import { observeProcess } from "./observe.js";
import { readProcFile } from "./proc-files.js";
import type { Capture } from "./types.js";

export interface AfterExecOptions extends IdentityOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** argv0 basenames that exec again at once: the `#!/usr/bin/env node` shebang runs env first. */
  trampolines?: readonly string[];
  /**
   * The full argv of the image the child was forked from (Linux). Defaults to the calling
   * process's own cmdline, which is exactly what a forked child shows until it execs.
   */
  preExecArgv?: readonly string[];
}

/** What one poll saw: `settling` images are not the final one yet. */
type Look =
  | { outcome: "settling"; capture: Capture; fingerprint: string; reason: string }
  | { outcome: "candidate"; capture: Capture & { outcome: "captured" }; fingerprint: string }
  | { outcome: "final"; capture: Capture };

const sameArgv = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((arg, i) => arg === b[i]);

const readSelfArgv = async (options: ResolvedIdentityOptions): Promise<readonly string[] | undefined> => {
  const self = await readProcFile(process.pid, "cmdline", options);
  return self.outcome === "read" ? parseCmdline(self.value) : undefined;
};

/** Linux adds the full argv, which changes at exec even when the executable does not (node → node). */
const linuxArgv = async (pid: number, options: ResolvedIdentityOptions): Promise<string[]> => {
  const cmdline = await readProcFile(pid, "cmdline", options);
  return cmdline.outcome === "read" ? parseCmdline(cmdline.value) : [];
};

const look = async (
  pid: number,
  options: ResolvedIdentityOptions,
  trampolines: readonly string[],
  preExecArgv: readonly string[] | undefined,
): Promise<Look> => {
  const observed = await observeProcess(pid, options);
  if (observed.outcome === "gone" || observed.outcome === "exited") return { outcome: "final", capture: { outcome: "gone" } };
  if (observed.outcome === "capture_error") {
    return { outcome: "settling", capture: observed, fingerprint: "", reason: observed.reason };
  }
  const capture = { outcome: "captured", info: observed.info } as const;
  const argv = options.platform === "linux" ? await linuxArgv(pid, options) : [];
  const fingerprint = JSON.stringify([observed.info, argv]);
  if (trampolines.includes(basename(observed.info.argv0))) {
    return { outcome: "settling", capture, fingerprint, reason: `still in trampoline ${observed.info.argv0}` };
  }
  if (preExecArgv !== undefined && preExecArgv.length > 0 && sameArgv(argv, preExecArgv)) {
    return { outcome: "settling", capture, fingerprint, reason: "still showing the pre-exec image" };
  }
  return { outcome: "candidate", capture, fingerprint };
};

/**
 * Captures a freshly spawned child once its final image is in place. Node's spawn returns after
 * the first exec, but a `#!/usr/bin/env node` script is still `env` until env execs node, and a
 * child from another spawner may briefly show its parent's image. So: poll every `intervalMs`
 * until a read that is neither a trampoline nor the pre-exec image is seen twice in a row with
 * the same start time, executable (argv0) and argv. A child that ends meanwhile is `gone`; one that does
 * not settle before `timeoutMs` is a `capture_error` (never a guess).
 */
export const captureAfterExec = async (pid: number, options: AfterExecOptions): Promise<Capture> => {
  const resolved = resolveIdentityOptions(options);
  const trampolines = options.trampolines ?? ["env"];
  const preExecArgv = options.preExecArgv ?? (resolved.platform === "linux" ? await readSelfArgv(resolved) : undefined);
  const deadline = Date.now() + options.timeoutMs;
  let previous = "";
  for (;;) {
    const seen = await look(pid, resolved, trampolines, preExecArgv);
    if (seen.outcome === "final") return seen.capture;
    if (seen.outcome === "candidate" && seen.fingerprint === previous) return seen.capture;
    previous = seen.fingerprint;
    if (Date.now() >= deadline) {
      const why = seen.outcome === "settling" ? seen.reason : "no two identical readings";
      return { outcome: "capture_error", reason: `identity of pid ${pid} did not settle within ${options.timeoutMs} ms: ${why}` };
    }
    await sleep(options.intervalMs ?? 10);
  }
};

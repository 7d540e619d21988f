import { createWriteStream, type WriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { spawn } from "node:child_process";
import type { Invocation, LineInfo, TargetOutcome, TargetParser } from "../adapter/adapter.js";
import { scheduleDeadline } from "./deadline.js";
import { signalOwnGroup } from "./group-kill.js";
import { LineSplitter } from "./lines.js";

export interface SuperviseOptions {
  binary: string;
  invocation: Invocation;
  cwd: string;
  env: Record<string, string>;
  timeoutS: number;
  /** How long a SIGTERMed target gets before SIGKILL. */
  graceMs: number;
  parser: TargetParser;
  logs: { stdout: string; stderr: string };
  /** Called once the target process exists; resolves when its identity is recorded. */
  onSpawned(pid: number): Promise<void>;
  onLine(info: LineInfo): void;
  /** Aborted when the job must stop early (foreground Ctrl-C, cancel marker seen). */
  stop: AbortSignal;
}

export type Supervised =
  | { outcome: "spawn_failed"; errorCode: "binary_not_found" | "spawn_failed"; message: string }
  | {
      outcome: "exited";
      exitCode: number | null;
      signal: string | null;
      timedOut: boolean;
      stopped: boolean;
      target: TargetOutcome;
    };

/** Keep at most this much stderr in memory for classification (the log file has all of it). */
const STDERR_TAIL = 64 * 1024;

export async function superviseTarget(options: SuperviseOptions): Promise<Supervised> {
  const { invocation } = options;
  // node:child_process, not execa: a foreground review then never loads execa at all.
  const child = spawn(options.binary, [...invocation.args], { cwd: options.cwd, env: options.env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
  // Resolves once the target has ended and its output pipes are closed (as execa did).
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));

  // A target that exits without reading its prompt closes the pipe: its exit says what happened.
  child.stdin.on("error", () => undefined);

  const spawnError = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    child.once("spawn", () => resolve(null));
    // Kept for the process's lifetime: a later error must not go unhandled.
    child.on("error", (error) => resolve(error));
  });
  if (spawnError || child.pid === undefined) return spawnFailure(options.binary, spawnError);
  const pid = child.pid;
  child.stdin.end(invocation.stdin);

  const stdoutLog = openLog(options.logs.stdout);
  const stderrLog = openLog(options.logs.stderr);
  let stderrTail = "";
  const splitter = new LineSplitter((line) => {
    const info = options.parser.push(line);
    if (info.keepInLog) stdoutLog.write(`${line}\n`);
    options.onLine(info);
  });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => splitter.push(chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderrLog.write(chunk);
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL);
  });

  let timedOut = false;
  let stopped = false;
  let killTimer: NodeJS.Timeout | undefined;
  const terminate = (): void => {
    signalOwnGroup(pid, "SIGTERM");
    killTimer ??= setTimeout(() => signalOwnGroup(pid, "SIGKILL"), options.graceMs);
  };
  const cancelDeadline = scheduleDeadline(options.timeoutS * 1000, () => {
    timedOut = true;
    terminate();
  });
  const onStop = (): void => {
    stopped = true;
    terminate();
  };
  if (options.stop.aborted) onStop();
  else options.stop.addEventListener("abort", onStop, { once: true });

  await options.onSpawned(pid).catch(() => undefined);
  const result = await ended;
  cancelDeadline();
  clearTimeout(killTimer);
  options.stop.removeEventListener("abort", onStop);
  // Tools the target started may outlive it; the group is still ours until they exit.
  if (timedOut || stopped) signalOwnGroup(pid, "SIGKILL");
  splitter.end();
  await Promise.all([closeStream(stdoutLog), closeStream(stderrLog)]);

  const exitCode = result.code;
  const signal = result.signal;
  return {
    outcome: "exited",
    exitCode,
    signal,
    timedOut,
    stopped,
    target: options.parser.finish({ exitCode, signal, stderr: stderrTail }),
  };
}

function spawnFailure(binary: string, error: NodeJS.ErrnoException | null): Supervised {
  const notFound = error?.code === "ENOENT";
  return {
    outcome: "spawn_failed",
    errorCode: notFound ? "binary_not_found" : "spawn_failed",
    message: notFound
      ? `The target executable ${binary} disappeared before it could be started.`
      : `Could not start ${binary}: ${error?.message ?? "unknown error"}.`,
  };
}

/**
 * Logs are diagnostics: a full disk or an unwritable log path must not crash the worker and
 * cost the job its result, so log errors are absorbed here (the record is written separately).
 */
const openLog = (path: string): WriteStream => createWriteStream(path, { mode: 0o600, flags: "a" }).on("error", () => undefined);

const closeStream = async (stream: WriteStream): Promise<void> => {
  stream.end();
  await finished(stream).catch(() => undefined);
};

import { type ChildProcessByStdio, spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { HARDENED_GLOBAL_ARGS, hardenedGitEnv } from "./env.js";

export interface GitCallOptions {
  /** Text written to git's stdin (path and object lists go here, never into argv). */
  readonly input?: string;
  /** Extra config for this call only, e.g. neutralised filter drivers. */
  readonly config?: ReadonlyArray<readonly [string, string]>;
  /**
   * GIT_* variables this call sets on purpose (a private GIT_INDEX_FILE, a commit identity);
   * they are applied after the scrub, so nothing inherited can take their place.
   */
  readonly gitEnv?: Readonly<Record<string, string>>;
  /** Non-zero exits that still answer (`merge-tree` exits 1 with its conflict listing). */
  readonly answerExitCodes?: readonly number[];
}

/** A git call that failed; carries what was run, where, and what git said. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly cwd: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    const said = stderr.trim().split("\n").at(-1) ?? "";
    super(`git ${args[0] ?? ""} failed in ${cwd}${said ? `: ${said}` : ""}`);
    this.name = "GitError";
  }
}

type GitProcess = ChildProcessByStdio<Writable | null, Readable, Readable>;

/** How a git process ended; `exitCode` is undefined when it could not be started. */
export interface GitExit {
  readonly exitCode: number | undefined;
  readonly stderr: string;
}

/**
 * Git is started with `node:child_process`, not execa: a review runs several git processes
 * on its critical path, and execa's per-call work cost about as much CPU as the spawn itself.
 * Every pipe is a socket made before the spawn, so stdin gets one only when it carries input.
 */
function startGit(cwd: string, args: readonly string[], options: GitCallOptions, stdin: "ignore"): ChildProcessByStdio<null, Readable, Readable>;
function startGit(cwd: string, args: readonly string[], options: GitCallOptions, stdin: "pipe"): ChildProcessByStdio<Writable, Readable, Readable>;
function startGit(cwd: string, args: readonly string[], options: GitCallOptions, stdin: "ignore" | "pipe"): GitProcess {
  const child = spawn("git", [...HARDENED_GLOBAL_ARGS, ...args], {
    cwd,
    env: { ...hardenedGitEnv(process.env, options.config), ...options.gitEnv },
    stdio: [stdin, "pipe", "pipe"],
  }) as GitProcess;
  // git may exit before reading all of its input (an error, a killed batch): not our failure.
  child.stdin?.on("error", () => undefined);
  return child;
}

/** Collects stderr and resolves once the process has ended and its pipes are closed. */
function exitOf(child: GitProcess): Promise<GitExit> {
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve) => {
    const text = (): string => Buffer.concat(stderr).toString("utf8");
    child.once("error", (error) => resolve({ exitCode: undefined, stderr: `${text()}${error.message}` }));
    child.once("close", (code) => resolve({ exitCode: code ?? undefined, stderr: text() }));
  });
}

/** Runs one git command with the hardened environment; resolves to its stdout text. */
export async function runGit(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<string> {
  const child = options.input === undefined ? startGit(cwd, args, options, "ignore") : startGit(cwd, args, options, "pipe");
  const stdout: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stdin?.end(options.input);
  const exit = await exitOf(child);
  if (exit.exitCode !== 0 && !options.answerExitCodes?.includes(exit.exitCode ?? -1)) {
    throw new GitError(args, cwd, exit.exitCode, exit.stderr);
  }
  return Buffer.concat(stdout).toString("utf8");
}

/** Like runGit, but a non-zero exit resolves to null instead of throwing (probes). */
export async function tryGit(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<string | null> {
  try {
    return await runGit(cwd, args, options);
  } catch (error) {
    if (error instanceof GitError && error.exitCode !== undefined) return null;
    throw error;
  }
}

export interface GitStream {
  readonly stdin: Writable;
  readonly stdout: Readable;
  kill(): void;
  /** Resolves once git has ended (never rejects; a failure shows in the exit). */
  readonly exit: Promise<GitExit>;
}

/**
 * Starts git with stdin and stdout as raw streams, for output larger than any buffer
 * (blob contents). The caller drains stdout and awaits `exit`.
 */
export function spawnGitStream(cwd: string, args: readonly string[]): GitStream {
  const child = startGit(cwd, args, {}, "pipe");
  return { stdin: child.stdin, stdout: child.stdout, kill: () => child.kill(), exit: exitOf(child) };
}

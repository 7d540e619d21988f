import { execa } from "execa";
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

const gitOptions = (cwd: string, options: GitCallOptions) =>
  ({
    cwd,
    env: { ...hardenedGitEnv(process.env, options.config), ...options.gitEnv },
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
    stdin: options.input === undefined ? ("ignore" as const) : ("pipe" as const),
  }) as const;

/** Runs one git command with the hardened environment; resolves to its stdout text. */
export async function runGit(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<string> {
  const result = await execa("git", [...HARDENED_GLOBAL_ARGS, ...args], {
    ...gitOptions(cwd, options),
    ...(options.input === undefined ? {} : { input: options.input }),
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.failed && !options.answerExitCodes?.includes(result.exitCode ?? -1)) {
    throw new GitError(args, cwd, result.exitCode, String(result.stderr ?? result.message));
  }
  return result.stdout;
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

/**
 * Starts git with stdin and stdout as raw streams, for output larger than any buffer
 * (blob contents). The caller drains stdout and awaits the subprocess.
 */
export function spawnGitStream(cwd: string, args: readonly string[]) {
  return execa("git", [...HARDENED_GLOBAL_ARGS, ...args], {
    ...gitOptions(cwd, {}),
    stdin: "pipe",
    buffer: { stdout: false, stderr: true },
  });
}

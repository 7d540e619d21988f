import type { ResolvedIdentityOptions } from "./options.js";

export type PsRun =
  | { outcome: "output"; stdout: string }
  | { outcome: "no_match" }
  | { outcome: "capture_error"; reason: string };

/**
 * Runs `<psPath> -o <columns> -p <pid>` with a C locale (lstart is localised otherwise) and no
 * inherited environment. ps exits 1 with no output when nothing matches the pid; any other
 * failure, including a missing ps, is a capture error.
 */
export const runPs = async (pid: number, columns: string, options: ResolvedIdentityOptions): Promise<PsRun> => {
  const command = `${options.psPath} -o ${columns} -p ${pid}`;
  try {
    // Only macOS (and tests) need ps; Linux reads /proc, so status never loads execa there.
    const { execa } = await import("execa");
    const result = await execa(options.psPath, ["-o", columns, "-p", String(pid)], {
      reject: false,
      extendEnv: false,
      env: { LC_ALL: "C", PATH: "/usr/bin:/bin" },
      timeout: options.psTimeoutMs,
      stdin: "ignore",
    });
    if (result.failed && result.exitCode === undefined) {
      return { outcome: "capture_error", reason: `${command} did not run: ${result.shortMessage}` };
    }
    if (result.exitCode === 1 && result.stdout.trim() === "") return { outcome: "no_match" };
    if (result.exitCode !== 0) {
      return { outcome: "capture_error", reason: `${command} exited ${result.exitCode}: ${result.stderr.slice(0, 200)}` };
    }
    return { outcome: "output", stdout: result.stdout };
  } catch (error) {
    return { outcome: "capture_error", reason: `${command} failed: ${String(error)}` };
  }
};

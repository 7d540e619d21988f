import { describeError, errnoOf } from "./errno.js";
import type { ResolvedIdentityOptions } from "./options.js";
import { parseProcStat, type ProcStat } from "./proc-stat.js";

export type ProcRead<T> =
  | { outcome: "read"; value: T }
  | { outcome: "gone" }
  | { outcome: "capture_error"; reason: string };

/**
 * An unmounted /proc is usually an empty directory, where every /proc/<pid> is ENOENT too, so
 * ENOENT only means "no such process" once procfs itself answers for the current process.
 */
const procfsAnswers = async (options: ResolvedIdentityOptions): Promise<boolean> => {
  try {
    await options.fs.readFile(`${options.procRoot}/self/stat`);
    return true;
  } catch {
    return false;
  }
};

const classifyReadError = async <T>(
  path: string,
  error: unknown,
  options: ResolvedIdentityOptions,
): Promise<ProcRead<T>> => {
  const code = errnoOf(error);
  if (code === "ESRCH") return { outcome: "gone" };
  if (code === "ENOENT") {
    return (await procfsAnswers(options))
      ? { outcome: "gone" }
      : { outcome: "capture_error", reason: `procfs is not available at ${options.procRoot} (reading ${path})` };
  }
  return { outcome: "capture_error", reason: `cannot read ${path}: ${describeError(error)}` };
};

export const readProcFile = async (
  pid: number,
  name: string,
  options: ResolvedIdentityOptions,
): Promise<ProcRead<Buffer>> => {
  const path = `${options.procRoot}/${pid}/${name}`;
  try {
    return { outcome: "read", value: await options.fs.readFile(path) };
  } catch (error) {
    return classifyReadError(path, error, options);
  }
};

export const readProcStat = async (pid: number, options: ResolvedIdentityOptions): Promise<ProcRead<ProcStat>> => {
  const raw = await readProcFile(pid, "stat", options);
  if (raw.outcome !== "read") return raw;
  const parsed = parseProcStat(raw.value.toString("utf8"));
  if (parsed.outcome === "malformed") {
    return { outcome: "capture_error", reason: `${options.procRoot}/${pid}/stat: ${parsed.reason}` };
  }
  if (parsed.stat.pid !== pid) {
    return { outcome: "capture_error", reason: `${options.procRoot}/${pid}/stat names pid ${parsed.stat.pid}` };
  }
  return { outcome: "read", value: parsed.stat };
};

/** The executable behind a pid; readable for our own user's processes only. */
export const readProcExe = async (pid: number, options: ResolvedIdentityOptions): Promise<ProcRead<string>> => {
  const path = `${options.procRoot}/${pid}/exe`;
  try {
    return { outcome: "read", value: await options.fs.readlink(path) };
  } catch (error) {
    return classifyReadError(path, error, options);
  }
};

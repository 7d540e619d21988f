import { resolveIdentityOptions, type IdentityOptions } from "./options.js";
import { isValidPid } from "./observe.js";
import { readProcStat } from "./proc-files.js";
import { runPs } from "./ps.js";

export type ProcessGroup =
  | { outcome: "group"; pgid: number }
  | { outcome: "gone" }
  | { outcome: "capture_error"; reason: string };

const readPgidLinux = async (pid: number, options: IdentityOptions): Promise<ProcessGroup> => {
  const stat = await readProcStat(pid, resolveIdentityOptions(options));
  return stat.outcome === "read" ? { outcome: "group", pgid: stat.value.pgid } : stat;
};

const readPgidPs = async (pid: number, options: IdentityOptions): Promise<ProcessGroup> => {
  const resolved = resolveIdentityOptions(options);
  const ps = await runPs(pid, "pgid=", resolved);
  if (ps.outcome === "no_match") return { outcome: "gone" };
  if (ps.outcome === "capture_error") return ps;
  const text = ps.stdout.trim();
  return /^\d+$/.test(text)
    ? { outcome: "group", pgid: Number(text) }
    : { outcome: "capture_error", reason: `${resolved.psPath}: unrecognised pgid ${JSON.stringify(text.slice(0, 80))}` };
};

/** The process group of `pid` (Linux: /proc/<pid>/stat field 5; macOS: ps -o pgid=). */
export const readProcessGroup = async (pid: number, options?: IdentityOptions): Promise<ProcessGroup> => {
  if (!isValidPid(pid)) return { outcome: "capture_error", reason: `invalid pid ${pid}` };
  const platform = resolveIdentityOptions(options).platform;
  if (platform === "linux") return readPgidLinux(pid, options ?? {});
  if (platform === "darwin") return readPgidPs(pid, options ?? {});
  return { outcome: "capture_error", reason: `process groups are not supported on ${platform}` };
};

import type { ResolvedIdentityOptions } from "./options.js";
import { readProcExe, readProcStat } from "./proc-files.js";
import { isZombie } from "./proc-stat.js";
import type { Observation } from "./types.js";

/**
 * argv0 on Linux is the executable (/proc/<pid>/exe), not cmdline[0]: a process may rewrite its
 * own cmdline at any time, and Node does so for `process.title` (Claude Code sets its title to
 * its version after start-up), so a cmdline captured after exec would later read as another
 * process and cancel would refuse. exe changes only at exec.
 *
 * stat, then exe, then stat again: the second stat proves the exe belongs to the same process
 * (same start time) and tells "the process ended" apart from "it has no executable" (kernel
 * threads, whose exe is ENOENT while they live; their argv0 is recorded as "").
 */
export const observeLinux = async (pid: number, options: ResolvedIdentityOptions): Promise<Observation> => {
  const before = await readProcStat(pid, options);
  if (before.outcome !== "read") return before;
  if (isZombie(before.value)) return { outcome: "exited", starttime: before.value.starttime };
  const exe = await readProcExe(pid, options);
  if (exe.outcome === "capture_error") return exe;
  const after = await readProcStat(pid, options);
  if (after.outcome !== "read") return after;
  if (after.value.starttime !== before.value.starttime) {
    return { outcome: "capture_error", reason: `pid ${pid} was reused while its identity was being read` };
  }
  if (isZombie(after.value)) return { outcome: "exited", starttime: after.value.starttime };
  return { outcome: "alive", info: { pid, starttime: before.value.starttime, argv0: exe.outcome === "read" ? exe.value : "" } };
};

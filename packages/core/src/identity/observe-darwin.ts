import type { ResolvedIdentityOptions } from "./options.js";
import { parsePsLine } from "./ps-line.js";
import { runPs } from "./ps.js";
import type { Observation } from "./types.js";

/**
 * ps shows a zombie's comm as "<defunct>" (procps) — treated as exited. macOS's own ps has no
 * reliable zombie marker in these columns, so a macOS zombie reads as alive; signalling it is
 * harmless (the kernel ignores signals to zombies) and the poll after the signal times out.
 */
export const observeDarwin = async (pid: number, options: ResolvedIdentityOptions): Promise<Observation> => {
  const ps = await runPs(pid, "lstart=,comm=", options);
  if (ps.outcome === "no_match") return { outcome: "gone" };
  if (ps.outcome === "capture_error") return ps;
  const parsed = parsePsLine(ps.stdout);
  if (parsed.outcome === "malformed") return { outcome: "capture_error", reason: `${options.psPath}: ${parsed.reason}` };
  if (parsed.argv0 === "<defunct>") return { outcome: "exited", starttime: parsed.starttime };
  return { outcome: "alive", info: { pid, starttime: parsed.starttime, argv0: parsed.argv0 } };
};

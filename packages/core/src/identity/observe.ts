import { observeDarwin } from "./observe-darwin.js";
import { observeLinux } from "./observe-linux.js";
import { resolveIdentityOptions, type IdentityOptions } from "./options.js";
import type { Observation } from "./types.js";

/** Pids 0 and below address process groups or everything; they are never an identity. */
export const isValidPid = (pid: number): boolean => Number.isSafeInteger(pid) && pid > 0;

export const observeProcess = async (pid: number, options?: IdentityOptions): Promise<Observation> => {
  if (!isValidPid(pid)) return { outcome: "capture_error", reason: `invalid pid ${pid}` };
  const resolved = resolveIdentityOptions(options);
  switch (resolved.platform) {
    case "linux":
      return observeLinux(pid, resolved);
    case "darwin":
      return observeDarwin(pid, resolved);
    default:
      return { outcome: "capture_error", reason: `process identity is not supported on ${resolved.platform}` };
  }
};

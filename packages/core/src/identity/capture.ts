import type { IdentityOptions } from "./options.js";
import { observeProcess } from "./observe.js";
import type { Capture } from "./types.js";

/**
 * The identity of the process at `pid` now. A zombie counts as gone: it has terminated, does no
 * more work and cannot be signalled, and a fresh capture of it would pin a process that is over.
 */
export const captureIdentity = async (pid: number, options?: IdentityOptions): Promise<Capture> => {
  const observed = await observeProcess(pid, options);
  switch (observed.outcome) {
    case "alive":
      return { outcome: "captured", info: observed.info };
    case "exited":
    case "gone":
      return { outcome: "gone" };
    case "capture_error":
      return observed;
  }
};

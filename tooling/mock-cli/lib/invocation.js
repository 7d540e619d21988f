// The lifecycle every mock invocation shares: read switches, arm signal behaviour, and
// make sure each exit path is logged exactly once.

import { writeStderr, writeStdout, exitAfterFlush } from "./io.js";
import { announceReady, logInvocation } from "./invocation-log.js";
import { installTermBehaviour } from "./signals.js";
import { readSwitches } from "./switches.js";

/**
 * @typedef {object} Invocation
 * @property {import("./switches.js").Switches} switches
 * @property {import("./signals.js").TermControl} term
 * @property {(stdin: string | null, prompt: string | null) => void} started
 *   log the invocation and announce readiness (once)
 * @property {(code: number, out: { stdout?: string, stderr?: string }) => Promise<never>} exit
 *   print, log (if not yet logged, with stdin null) and exit
 */

/**
 * @param {string} target
 * @returns {Invocation}
 */
export function beginInvocation(target) {
  const switches = readSwitches();
  const term = installTermBehaviour(switches.scenario);
  let logged = false;
  /** @type {Invocation["started"]} */
  const started = (stdin, prompt) => {
    if (logged) return;
    logged = true;
    logInvocation(switches.logPath, { target, stdin, prompt });
    announceReady(switches.readyFile);
  };
  return {
    switches,
    term,
    started,
    async exit(code, { stdout = "", stderr = "" }) {
      if (!logged) {
        logged = true;
        logInvocation(switches.logPath, { target, stdin: null, prompt: null });
      }
      await writeStdout(stdout);
      await writeStderr(stderr);
      return exitAfterFlush(code);
    },
  };
}

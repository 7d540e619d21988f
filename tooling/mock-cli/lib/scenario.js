// The scenario state machine shared by both mocks. A target supplies a driver that knows
// its own output shapes; this module decides what happens when.

import { exitAfterFlush, sleep, waitForever, writeStdout } from "./io.js";
import { performScript, performWrite, resolveWritePath } from "./write-action.js";

/** @typedef {import("./switches.js").Switches} Switches */
/** @typedef {import("./signals.js").TermControl} TermControl */

/**
 * @typedef {"auth" | "auth-config" | "not-logged-in" | "rate-limit" | "quota" | "unknown-model"} ErrorKind
 */

/**
 * @typedef {object} WriteOutcome
 * @property {string} path   absolute path the model asked to write
 * @property {"written" | "denied" | "unavailable" | "failed"} status
 *   written: the file was written; denied: the tool was offered but permission was refused;
 *   unavailable: the tool was not offered (read-only tool set / policy); failed: I/O error
 * @property {boolean} [created]
 * @property {string} [error]
 */

/**
 * @typedef {object} TargetDriver
 * @property {() => Promise<void>} begin   opening events (stream modes); called at most once
 * @property {(step: number, steps: number) => Promise<void>} progress  a mid-run event
 * @property {() => "allowed" | "denied" | "unavailable"} writeDecision
 * @property {(p: { write?: WriteOutcome }) => Promise<number>} succeed  final success output; exit code
 * @property {(kind: ErrorKind) => boolean} errorAfterBegin  does the real CLI start before this error?
 * @property {(kind: ErrorKind) => Promise<number>} fail   error output; exit code
 * @property {() => Promise<void>} crash   crash diagnostics (stderr)
 */

const ERROR_SCENARIOS = /** @type {readonly string[]} */ (["auth", "auth-config", "not-logged-in", "rate-limit", "quota", "unknown-model"]);
const GARBAGE = "Welcome to the mock CLI!\n<<< this is not JSON >>>\n{\"type\": \"result\", \"truncated\n";
const SLOW_STEPS = 4;

/**
 * Run the scenario selected by MOCK_CLI_SCENARIO with `driver`, then exit.
 * @param {TargetDriver} driver
 * @param {Switches} switches
 * @param {TermControl} term
 * @returns {Promise<never>}
 */
export async function runScenario(driver, switches, term) {
  const { scenario, delayMs } = switches;
  let begun = false;
  const begin = async () => {
    if (begun) return;
    begun = true;
    await driver.begin();
  };

  if (ERROR_SCENARIOS.includes(scenario)) {
    const kind = /** @type {ErrorKind} */ (scenario);
    if (driver.errorAfterBegin(kind)) await begin();
    await sleep(delayMs);
    return exitAfterFlush(await driver.fail(kind));
  }

  switch (scenario) {
    case "hang":
    case "ignore-term":
      await begin();
      return waitForever();
    case "trap-term":
      term.onTrap(() => {
        void begin()
          .then(() => driver.succeed({}))
          .then(() => exitAfterFlush(0));
      });
      await begin();
      return waitForever();
    case "garbage":
      await sleep(delayMs);
      await writeStdout(GARBAGE);
      return exitAfterFlush(0);
    case "crash":
      await begin();
      await sleep(delayMs);
      await driver.crash();
      return exitAfterFlush(1);
    case "slow": {
      await begin();
      for (let step = 1; step < SLOW_STEPS; step += 1) {
        await sleep(delayMs / SLOW_STEPS);
        await driver.progress(step, SLOW_STEPS);
      }
      await sleep(delayMs / SLOW_STEPS);
      return exitAfterFlush(await driver.succeed({}));
    }
    case "write":
    case "rogue-write": {
      await begin();
      await sleep(delayMs);
      const path = resolveWritePath(switches.writePath);
      // rogue-write stands for a target that ignores its read-only flags: the case
      // mutation detection exists for.
      const decision = scenario === "rogue-write" ? "allowed" : driver.writeDecision();
      /** @type {WriteOutcome} */
      let write;
      if (decision === "allowed") {
        const done = performWrite(path);
        if (done.ok) performScript(switches.writeScript);
        write = done.ok ? { path, status: "written", created: done.created } : { path, status: "failed", error: done.error };
      } else {
        write = { path, status: decision };
      }
      return exitAfterFlush(await driver.succeed({ write }));
    }
    default:
      // success, structured
      await begin();
      await sleep(delayMs);
      return exitAfterFlush(await driver.succeed({}));
  }
}

// SIGTERM behaviour of the trap-term and ignore-term scenarios, installed before anything
// else so a signal that arrives early is handled the same way.

/**
 * @typedef {object} TermControl
 * @property {(action: () => void) => void} onTrap  run `action` on SIGTERM (trap-term);
 *   a SIGTERM that arrived before this call runs it at once
 */

/**
 * @param {string} scenario
 * @returns {TermControl}
 */
export function installTermBehaviour(scenario) {
  /** @type {(() => void) | null} */
  let action = null;
  let pending = false;
  let fired = false;
  const fire = () => {
    if (fired || !action) return;
    fired = true;
    action();
  };
  if (scenario === "ignore-term") {
    process.on("SIGTERM", () => {
      process.stderr.write("mock-cli: ignoring SIGTERM (MOCK_CLI_SCENARIO=ignore-term)\n");
    });
  } else if (scenario === "trap-term") {
    process.on("SIGTERM", () => {
      pending = true;
      fire();
    });
  }
  return {
    onTrap(fn) {
      action = fn;
      if (pending) fire();
    },
  };
}

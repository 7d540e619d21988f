// The MOCK_CLI_* environment switches that steer a mock run. Nothing else in the mocks
// reads control variables from the environment.

import { parseWriteScript } from "./write-action.js";

export const SCENARIOS = /** @type {const} */ ([
  "success",
  "slow",
  "hang",
  "trap-term",
  "ignore-term",
  "auth",
  "auth-config",
  "not-logged-in",
  "rate-limit",
  "quota",
  "unknown-model",
  "garbage",
  "crash",
  "write",
  "rogue-write",
  "structured",
]);

/** @typedef {typeof SCENARIOS[number]} Scenario */

/**
 * @typedef {object} Switches
 * @property {Scenario} scenario      MOCK_CLI_SCENARIO (default "success")
 * @property {number} delayMs         MOCK_CLI_DELAY_MS (default 0; 2000 for "slow")
 * @property {string | undefined} logPath     MOCK_CLI_LOG
 * @property {string | undefined} readyFile   MOCK_CLI_READY_FILE
 * @property {Set<string>} helpOmit   MOCK_CLI_HELP_OMIT, normalised to "--flag" / "-f"
 * @property {string | undefined} version     MOCK_CLI_VERSION
 * @property {string | undefined} writePath   MOCK_CLI_WRITE_PATH
 * @property {string | undefined} resultText  MOCK_CLI_RESULT_TEXT
 * @property {unknown} structuredOutput       MOCK_CLI_STRUCTURED_OUTPUT (parsed JSON)
 * @property {string | undefined} stateDir    MOCK_CLI_STATE_DIR
 * @property {import("./write-action.js").ScriptStep[]} writeScript  MOCK_CLI_WRITE_SCRIPT (parsed)
 */

/**
 * Normalise a flag name from MOCK_CLI_HELP_OMIT: "tools" → "--tools", "p" → "-p".
 * @param {string} raw
 */
export function normaliseFlag(raw) {
  const name = raw.trim();
  if (name === "") return "";
  if (name.startsWith("-")) return name;
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {Switches}
 */
export function readSwitches(env = process.env) {
  const rawScenario = (env.MOCK_CLI_SCENARIO ?? "").trim() || "success";
  if (!(/** @type {readonly string[]} */ (SCENARIOS)).includes(rawScenario)) {
    process.stderr.write(
      `mock-cli: unknown MOCK_CLI_SCENARIO '${rawScenario}' (known: ${SCENARIOS.join(", ")})\n`,
    );
    process.exit(70);
  }
  const scenario = /** @type {Scenario} */ (rawScenario);
  const rawDelay = env.MOCK_CLI_DELAY_MS;
  const parsedDelay = rawDelay === undefined || rawDelay.trim() === "" ? NaN : Number(rawDelay);
  const delayMs = Number.isFinite(parsedDelay) && parsedDelay >= 0 ? parsedDelay : scenario === "slow" ? 2000 : 0;

  /** @type {unknown} */
  let structuredOutput;
  if (env.MOCK_CLI_STRUCTURED_OUTPUT !== undefined && env.MOCK_CLI_STRUCTURED_OUTPUT !== "") {
    try {
      structuredOutput = JSON.parse(env.MOCK_CLI_STRUCTURED_OUTPUT);
    } catch {
      process.stderr.write("mock-cli: MOCK_CLI_STRUCTURED_OUTPUT is not valid JSON\n");
      process.exit(70);
    }
  }

  /** @type {import("./write-action.js").ScriptStep[]} */
  let writeScript = [];
  if (env.MOCK_CLI_WRITE_SCRIPT !== undefined && env.MOCK_CLI_WRITE_SCRIPT !== "") {
    const parsed = parseWriteScript(env.MOCK_CLI_WRITE_SCRIPT);
    if (!parsed.ok) {
      process.stderr.write(`mock-cli: MOCK_CLI_WRITE_SCRIPT: ${parsed.error}\n`);
      process.exit(70);
    }
    writeScript = parsed.steps;
  }

  return {
    scenario,
    writeScript,
    delayMs,
    logPath: env.MOCK_CLI_LOG || undefined,
    readyFile: env.MOCK_CLI_READY_FILE || undefined,
    helpOmit: new Set((env.MOCK_CLI_HELP_OMIT ?? "").split(",").map(normaliseFlag).filter(Boolean)),
    version: env.MOCK_CLI_VERSION || undefined,
    writePath: env.MOCK_CLI_WRITE_PATH || undefined,
    resultText: env.MOCK_CLI_RESULT_TEXT || undefined,
    structuredOutput,
    stateDir: env.MOCK_CLI_STATE_DIR || undefined,
  };
}

// MOCK_CLI_LOG (one JSON line per invocation) and MOCK_CLI_READY_FILE (our pid, written
// once we are running), so black-box tests can see what the product sent and when the
// target started.

import { appendFileSync, renameSync, writeFileSync } from "node:fs";

/** Environment names worth reporting (names only, never values). */
const REPORTED_ENV = /^(ANTHROPIC_|CLAUDE_|GEMINI_|GOOGLE_|VERTEX|CLOUD_ML_|OPENAI_|AWS_|AZURE_|XAI_|MISTRAL_|COMPANION_|MOCK_CLI_)/;

/**
 * @typedef {object} LogEntry
 * @property {string} target
 * @property {string[]} argv
 * @property {string} cwd
 * @property {string | null} stdin    null when the invocation did not read stdin
 * @property {string | null} prompt   the effective prompt, null when none was built
 * @property {number} pid
 * @property {string[]} env           names of reported variables that are set
 * @property {string} time
 */

/**
 * Names of provider/companion/mock variables present in `env`, sorted.
 * @param {NodeJS.ProcessEnv} env
 */
export function reportedEnvNames(env = process.env) {
  return Object.keys(env).filter((k) => REPORTED_ENV.test(k)).sort();
}

/**
 * Append one line to MOCK_CLI_LOG (if set). Failures are reported on stderr, not fatal.
 * @param {string | undefined} logPath
 * @param {{ target: string, stdin: string | null, prompt: string | null }} p
 */
export function logInvocation(logPath, { target, stdin, prompt }) {
  if (!logPath) return;
  /** @type {LogEntry} */
  const entry = {
    target,
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdin,
    prompt,
    pid: process.pid,
    env: reportedEnvNames(),
    time: new Date().toISOString(),
  };
  try {
    appendFileSync(logPath, `${JSON.stringify(entry)}\n`);
  } catch (err) {
    process.stderr.write(`mock-cli: cannot append to MOCK_CLI_LOG: ${String(err)}\n`);
  }
}

/**
 * Write our pid to MOCK_CLI_READY_FILE (if set), atomically.
 * @param {string | undefined} readyFile
 */
export function announceReady(readyFile) {
  if (!readyFile) return;
  const tmp = `${readyFile}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${process.pid}\n`);
    renameSync(tmp, readyFile);
  } catch (err) {
    process.stderr.write(`mock-cli: cannot write MOCK_CLI_READY_FILE: ${String(err)}\n`);
  }
}

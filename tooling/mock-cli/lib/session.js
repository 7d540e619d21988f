// Session ids and the optional session store (MOCK_CLI_STATE_DIR) that lets --resume fail
// for an unknown session, like the real CLIs.

import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @param {string} id */
export const isUuid = (id) => UUID_RE.test(id);

/**
 * @typedef {object} SessionChoice
 * @property {string} sessionId          the id the run reports
 * @property {string | undefined} given  --session-id value, if any
 * @property {string | undefined} resumed --resume value, if any
 */

/**
 * --resume X reports session X, else --session-id, else a fresh UUID v4.
 * @param {{ sessionId?: string, resume?: string }} p
 * @returns {SessionChoice}
 */
export function chooseSession({ sessionId, resume }) {
  return {
    sessionId: resume ?? sessionId ?? randomUUID(),
    given: sessionId,
    resumed: resume,
  };
}

/**
 * The " resumed:<id>" / " session:<id>" marker appended to answers so tests can see which
 * session a run was asked to use.
 * @param {SessionChoice} s
 */
export function sessionMarker(s) {
  let marker = "";
  if (s.resumed !== undefined) marker += ` resumed:${s.resumed}`;
  if (s.given !== undefined) marker += ` session:${s.given}`;
  return marker;
}

/**
 * @typedef {object} StoredSession
 * @property {string} cwd
 * @property {number} turns
 */

/**
 * @param {string} stateDir
 * @param {string} target
 * @param {string} id
 */
const sessionFile = (stateDir, target, id) => join(stateDir, target, `${encodeURIComponent(id)}.json`);

/**
 * @param {string | undefined} stateDir
 * @param {string} target
 * @param {string} id
 * @returns {StoredSession | undefined}  undefined when unknown (or no store configured)
 */
export function loadSession(stateDir, target, id) {
  if (!stateDir) return undefined;
  try {
    return /** @type {StoredSession} */ (JSON.parse(readFileSync(sessionFile(stateDir, target, id), "utf8")));
  } catch {
    return undefined;
  }
}

/**
 * Record a finished turn of session `id` (no-op without a store).
 * @param {string | undefined} stateDir
 * @param {string} target
 * @param {string} id
 */
export function saveSession(stateDir, target, id) {
  if (!stateDir) return;
  const prev = loadSession(stateDir, target, id);
  mkdirSync(join(stateDir, target), { recursive: true });
  /** @type {StoredSession} */
  const next = { cwd: prev?.cwd ?? process.cwd(), turns: (prev?.turns ?? 0) + 1 };
  writeFileSync(sessionFile(stateDir, target, id), JSON.stringify(next));
}

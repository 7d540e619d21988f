// The file mutation of the "write" scenario: which path, and doing the write.

import { chmodSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const WRITE_CONTENT = "mutated\n";
export const DEFAULT_WRITE_PATH = "mock-cli-write.txt";

/**
 * Absolute path the model "asks" to write: MOCK_CLI_WRITE_PATH, relative to cwd.
 * @param {string | undefined} writePath
 */
export function resolveWritePath(writePath) {
  return resolve(process.cwd(), writePath ?? DEFAULT_WRITE_PATH);
}

/**
 * Perform the write (creating parent directories, like the real Write tools).
 * @param {string} absPath
 * @returns {{ ok: true, created: boolean } | { ok: false, error: string }}
 */
export function performWrite(absPath) {
  try {
    mkdirSync(dirname(absPath), { recursive: true });
    let created = true;
    try {
      writeFileSync(absPath, WRITE_CONTENT, { flag: "wx" });
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== "EEXIST") throw err;
      created = false;
      writeFileSync(absPath, WRITE_CONTENT);
    }
    return { ok: true, created };
  } catch (err) {
    return { ok: false, error: String(/** @type {Error} */ (err).message ?? err) };
  }
}

/**
 * @typedef {{ write: string, content?: string, base64?: string }
 *   | { delete: string }
 *   | { rename: string, to: string }
 *   | { chmod: string, mode: string }
 *   | { list: string }} ScriptStep
 * More edits the model makes in the same turn (as if through its shell tool), for tests of
 * what a writing job leaves behind. Paths are relative to the cwd. `list` writes the sorted
 * paths of every file below the cwd (`.git` skipped, links as `path -> target`), so a test
 * can see exactly what the target could see.
 */

/**
 * Parse MOCK_CLI_WRITE_SCRIPT: a JSON array of steps, or an error message.
 * @param {string} text
 * @returns {{ ok: true, steps: ScriptStep[] } | { ok: false, error: string }}
 */
export function parseWriteScript(text) {
  let steps;
  try {
    steps = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${/** @type {Error} */ (err).message}` };
  }
  if (!Array.isArray(steps)) return { ok: false, error: "not a JSON array" };
  const known = ["write", "delete", "rename", "chmod", "list"];
  for (const step of steps) {
    if (typeof step !== "object" || step === null || !known.some((key) => typeof step[key] === "string")) {
      return { ok: false, error: `unknown step ${JSON.stringify(step)} (known: ${known.join(", ")})` };
    }
  }
  return { ok: true, steps };
}

/**
 * Perform the steps in order, relative to the cwd.
 * @param {ScriptStep[]} steps
 */
export function performScript(steps) {
  const at = (/** @type {string} */ path) => resolve(process.cwd(), path);
  for (const step of steps) {
    if ("write" in step) {
      mkdirSync(dirname(at(step.write)), { recursive: true });
      writeFileSync(at(step.write), step.base64 !== undefined ? Buffer.from(step.base64, "base64") : (step.content ?? ""));
    } else if ("delete" in step) rmSync(at(step.delete), { recursive: true, force: true });
    else if ("rename" in step) {
      mkdirSync(dirname(at(step.to)), { recursive: true });
      renameSync(at(step.rename), at(step.to));
    } else if ("chmod" in step) chmodSync(at(step.chmod), parseInt(step.mode, 8));
    else {
      mkdirSync(dirname(at(step.list)), { recursive: true });
      writeFileSync(at(step.list), listFiles(process.cwd(), "").join("\n") + "\n");
    }
  }
}

/**
 * @param {string} root
 * @param {string} rel
 * @returns {string[]}
 */
function listFiles(root, rel) {
  const entries = readdirSync(rel === "" ? root : join(root, rel), { withFileTypes: true });
  return entries
    .filter((entry) => entry.name !== ".git")
    .flatMap((entry) => {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) return listFiles(root, path);
      return [entry.isSymbolicLink() ? `${path} -> ${readlinkSync(join(root, path))}` : path];
    })
    .sort();
}

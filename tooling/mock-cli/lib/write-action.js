// The file mutation of the "write" scenario: which path, and doing the write.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

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

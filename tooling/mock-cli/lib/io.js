// Process I/O helpers: stdin to EOF, flushed writes, sleeping, exiting after a flush.

// A reader that went away (EPIPE) must not turn into an unhandled 'error' crash.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});

/**
 * Read all of stdin until EOF, like the real CLIs do in headless mode. A TTY is not read
 * (the real CLIs would go interactive); a closed or missing stdin reads as empty.
 * @returns {Promise<string>}
 */
export async function readStdin() {
  if (process.stdin.isTTY) return "";
  /** @type {Buffer[]} */
  const chunks = [];
  try {
    for await (const chunk of process.stdin) chunks.push(/** @type {Buffer} */ (chunk));
  } catch {
    // EBADF / EINVAL on an unusable stdin: treat as empty, like a closed pipe.
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Write to a stream and resolve once the data has been handed to the OS.
 * @param {NodeJS.WriteStream} stream
 * @param {string} text
 * @returns {Promise<void>}
 */
function writeTo(stream, text) {
  return new Promise((resolve) => {
    if (text === "") return resolve();
    stream.write(text, () => resolve());
  });
}

/** @param {string} text */
export const writeStdout = (text) => writeTo(process.stdout, text);
/** @param {string} text */
export const writeStderr = (text) => writeTo(process.stderr, text);

/** @param {number} ms @returns {Promise<void>} */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Exit with `code` once stdout and stderr have drained.
 * @param {number} code
 * @returns {Promise<never>}
 */
export async function exitAfterFlush(code) {
  await Promise.all([
    new Promise((resolve) => process.stdout.write("", () => resolve(undefined))),
    new Promise((resolve) => process.stderr.write("", () => resolve(undefined))),
  ]);
  process.exit(code);
}

/**
 * Keep the event loop alive forever (until a signal ends the process).
 * @returns {Promise<never>}
 */
export function waitForever() {
  setInterval(() => {}, 1 << 30);
  return new Promise(() => {});
}

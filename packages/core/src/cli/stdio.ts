import { writeSync } from "node:fs";

/**
 * Output straight to the descriptors: merely touching `process.stdout` or `process.stderr`
 * builds a stream (for a pipe, a `net.Socket`), and loading those modules is a visible share
 * of a `status` call that hosts poll (SPEC §10). A descriptor someone left non-blocking
 * (EAGAIN) gets the rest, and everything after it, through the stream, in order.
 */
export const writeStdout = (text: string): void => writeAll(1, text);
export const writeStderr = (text: string): void => writeAll(2, text);

const throughStream = new Set<number>();

function writeAll(fd: 1 | 2, text: string): void {
  // The string as it is: a listing of 10,000 jobs is megabytes, and a Buffer copy of it costs.
  let rest: Buffer | null = null;
  try {
    if (!throughStream.has(fd)) {
      const written = writeSync(fd, text);
      if (written === Buffer.byteLength(text)) return;
      rest = Buffer.from(text).subarray(written);
      while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest));
      return;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nobody reads any more: there is no one left to tell.
    if (code === "EPIPE") return;
    if (code !== "EAGAIN") throw error;
    throughStream.add(fd);
  }
  (fd === 1 ? process.stdout : process.stderr).write(rest ?? text);
}

import { closeSync, openSync, readSync } from "node:fs";
import { usageError } from "../errors/companion-error.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A random UUID v4 (RFC 9562 §5.4). */
export const newJobId = (randomSource = "/dev/urandom"): string => {
  const bytes = randomBytes16(randomSource);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The kernel's randomness, which node:crypto draws from too: loading crypto's fifteen internal
 * modules cost a background launch about 7 ms (SPEC §10). Where there is no such device, crypto.
 */
function randomBytes16(source: string): Buffer {
  const bytes = Buffer.alloc(16);
  try {
    const fd = openSync(source, "r");
    try {
      if (readSync(fd, bytes, 0, 16, null) === 16) return bytes;
    } finally {
      closeSync(fd);
    }
  } catch {
    // No device: below.
  }
  return process.getBuiltinModule("node:crypto").randomFillSync(bytes);
}

export const isJobId = (value: string): boolean => UUID_V4.test(value);

/**
 * Job ids become directory names, so anything that is not exactly a lowercase UUID v4 is
 * rejected before it can touch a path (no traversal, no separators, no case aliasing).
 */
export function parseJobId(value: string): string {
  if (!isJobId(value)) {
    throw usageError(
      `"${value.slice(0, 80)}" is not a job id (a lowercase UUID v4 such as 3f1c2a9e-…).`,
      "Copy the job_id printed by `run` or listed by `status`.",
    );
  }
  return value;
}

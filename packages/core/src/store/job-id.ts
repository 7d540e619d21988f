import { usageError } from "../errors/companion-error.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// node:crypto on first use: the read-only commands parse ids but never draw one.
export const newJobId = (): string => process.getBuiltinModule("node:crypto").randomUUID();

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

import { ANSWER_FORMAT } from "./templates.js";

export interface FollowUpInput {
  /** A fresh snapshot of the same scope, taken for this turn. */
  readonly snapshotDir: string;
  readonly followUp: string;
}

/**
 * A follow-up turn of a contained review. The earlier turns (and the embedded files) are in
 * the resumed session already; this turn restates the contract, where the current snapshot
 * is (the previous one was deleted), and the answer format: a follow-up is gated on its
 * verdict like the first answer.
 */
export function buildFollowUpPrompt(input: FollowUpInput): string {
  return [
    "This is a follow-up in the same read-only review. You must not modify, create or delete any file, or run commands that do.",
    `A fresh snapshot of the same source, as it is now, is at ${input.snapshotDir} (read-only); earlier snapshot paths no longer exist.`,
    "## Follow-up",
    input.followUp,
    ANSWER_FORMAT.replace("## Answer format", "## Answer format (as before)"),
  ].join("\n\n");
}

import type { Mode } from "../record/schema.js";

export type ReviewMode = Exclude<Mode, "rescue">;

export const isReviewMode = (mode: Mode): mode is ReviewMode => mode in REVIEW_TEMPLATES;

export interface ReviewTemplate {
  /** Who the target is asked to be. */
  readonly role: string;
  /** What it is asked to do with the material. */
  readonly task: string;
}

/** One row per review mode; adding a review mode is adding a row here. */
export const REVIEW_TEMPLATES: Readonly<Record<ReviewMode, ReviewTemplate>> = {
  review: {
    role: "You are a careful code reviewer giving a second opinion.",
    task: [
      "Review the files for correctness bugs, security problems, data loss, concurrency issues, error handling and maintainability.",
      "Report concrete findings, most severe first, each with the file path (and line where you can) and why it matters.",
      "Say plainly when you find nothing significant; do not pad the review.",
    ].join("\n"),
  },
  "adversarial-review": {
    role: "You are an adversarial reviewer: your job is to find what breaks.",
    task: [
      "Challenge this change. Assume it is wrong until the code convinces you otherwise.",
      "Look for inputs, states and sequences that break it: edge cases, malformed or hostile input, races, partial failures, resource exhaustion, security holes, callers or contracts it silently breaks, and tests that would pass while the code is wrong.",
      "For each problem give the file path, a concrete scenario that triggers it, and the consequence. Rank by severity.",
      "Do not praise; if you cannot break it, say what you tried.",
    ].join("\n"),
  },
  "custom-review": {
    role: "You are a careful code reviewer looking at a set of files chosen by the requester.",
    task: [
      "Review the selected files with the requester's focus (below) as your main concern, and report anything else serious you notice.",
      "Give concrete findings with file paths (and lines where you can), most severe first.",
    ].join("\n"),
  },
};

/**
 * How the answer must end so the companion can read it (review/parse.ts accepts this and
 * the looser forms models write anyway). The verdict goes last: a cut-off answer lacks it.
 */
export const ANSWER_FORMAT = [
  "## Answer format",
  "",
  "Write your review for a person first. Then end your answer with these three parts, in exactly this form:",
  "",
  "FINDINGS:",
  "- [high] src/app.js:12 — Short title: what is wrong, why it matters, how to fix it.",
  "",
  "One line per finding, most severe first. The severity is one of critical, high, medium, low; the path is relative to the snapshot, the line is in the current file. Write `FINDINGS: none` when there are none.",
  "",
  "SUMMARY: one or two sentences on the state of the change.",
  "",
  "The very last line is the verdict, exactly one of:",
  "VERDICT: APPROVE",
  "VERDICT: REQUEST_CHANGES",
  "(APPROVE: fine to merge as is. REQUEST_CHANGES: something must be fixed first.)",
].join("\n");

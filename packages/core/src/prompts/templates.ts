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

export const VERDICTS = ["approve", "request-changes", "block"] as const;

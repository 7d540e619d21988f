import type { Ending } from "../record/build.js";
import type { Review, TargetName } from "../record/schema.js";
import { readReview } from "./parse.js";

export interface GatedEnding {
  readonly ending: Ending;
  /** The review read from the answer; null when the target produced no answer to read. */
  readonly review: Review | null;
}

/**
 * Pure: a review answer without a verdict is not a review (SPEC §9.2). The job then fails
 * with `review_incomplete`, the answer is kept in `result`, and the advice is to continue
 * the same session asking for the verdict.
 */
export function gateReview(ending: Ending, job: { readonly job_id: string; readonly target: TargetName }): GatedEnding {
  if (ending.ending !== "target" || ending.outcome.outcome !== "completed") return { ending, review: null };
  const outcome = ending.outcome;
  const review = readReview(outcome.result, outcome.structured_output);
  if (review.verdict !== null) return { ending, review };
  return {
    review,
    ending: {
      ...ending,
      outcome: {
        ...outcome,
        outcome: "failed",
        error: {
          error_code: "review_incomplete",
          message: "The review answer has no verdict (no line such as `VERDICT: APPROVE` or `VERDICT: REQUEST_CHANGES`); the answer is kept in result.",
          suggested_action: `companion-${job.target} continue --job ${job.job_id} -- "End your review with the verdict line: VERDICT: APPROVE or VERDICT: REQUEST_CHANGES"`,
        },
      },
    },
  };
}

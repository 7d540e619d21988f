/** What the scripted model answers: a short, plausible review of the sample repository. */
import type { Script } from "@agent-companion/model-server";

const REVIEW = [
  "Reviewed the working tree: src/cart.ts (modified) and test/cart.test.ts (new).",
  "",
  "1. src/cart.ts `discounted`: `percent` is not bounded; a value above 100 yields a",
  "   negative total and a negative value inflates it. Clamp or reject outside 0..100.",
  "2. test/cart.test.ts compares floats with `===`; 10% of 20 happens to be exact, but",
  "   other inputs will not be. Compare with a tolerance.",
  "",
  "VERDICT: REQUEST_CHANGES",
].join("\n");

export const REVIEW_PROMPT = "Review the uncommitted changes for correctness. End with `VERDICT: APPROVE` or `VERDICT: REQUEST_CHANGES`.";

export const reviewScript: Script = { turns: [{ kind: "text", text: REVIEW }] };

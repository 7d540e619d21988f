import { describe, expect, it } from "vitest";
import type { TargetOutcome } from "../adapter/adapter.js";
import type { Ending } from "../record/build.js";
import { EMPTY_USAGE } from "../record/values.js";
import { profileFor } from "../profiles/profiles.js";
import { gateReview } from "./gate.js";
import { promptTooLarge } from "./size-guard.js";

const job = { job_id: "0b8f6c1e-0f5a-4a57-9c1e-3f1f5d7c2a10", target: "gemini" as const };
const answered = (result: string): Ending => ({
  ending: "target",
  exitCode: 0,
  signal: null,
  outcome: { outcome: "completed", result, structured_output: null, session_id: "s", usage: EMPTY_USAGE, cost_usd: null, cost_source: null, permission_denials: [] } satisfies TargetOutcome,
});

describe("gateReview", () => {
  it("passes an answer with a verdict and returns the review read from it", () => {
    const gated = gateReview(answered("- [high] a.ts:1 — bug\nVERDICT: REQUEST_CHANGES"), job);
    expect(gated.ending).toEqual(answered("- [high] a.ts:1 — bug\nVERDICT: REQUEST_CHANGES"));
    expect(gated.review).toMatchObject({ verdict: "request_changes", findings: [{ severity: "high", file: "a.ts", line: 1 }] });
  });

  it("fails an answer without a verdict as review_incomplete, keeping the answer and advising continue", () => {
    const gated = gateReview(answered("- [low] a.ts:2 — nit\nAll in all fine."), job);
    expect(gated.ending).toMatchObject({
      ending: "target",
      outcome: {
        outcome: "failed",
        result: "- [low] a.ts:2 — nit\nAll in all fine.",
        error: { error_code: "review_incomplete", suggested_action: expect.stringContaining(`companion-gemini continue --job ${job.job_id}`) },
      },
    });
    expect(gated.review).toMatchObject({ verdict: null, findings: [{ severity: "low" }] });
  });

  it("leaves endings without an answer alone", () => {
    const timeout: Ending = { ending: "timeout", outcome: null, exitCode: null, signal: "SIGTERM", timeoutS: 1 };
    expect(gateReview(timeout, job)).toEqual({ ending: timeout, review: null });
  });
});

describe("promptTooLarge", () => {
  const gemini = { name: "gemini" as const, displayName: "Gemini CLI", promptLimit: { max: 8, unit: "bytes" as const } };
  const claude = { name: "claude" as const, displayName: "Claude Code", promptLimit: { max: 8, unit: "utf16_units" as const } };

  it("measures as the target does and advises narrowing the scope", () => {
    expect(promptTooLarge(gemini, "12345678", profileFor("review"))).toBeNull();
    expect(promptTooLarge(gemini, "1234567é", profileFor("review"))).toMatchObject({
      error_code: "prompt_too_large",
      message: expect.stringContaining("9 bytes"),
      suggested_action: expect.stringContaining("--mode custom-review --paths"),
    });
    expect(promptTooLarge(claude, "1234567é", profileFor("review"))).toBeNull();
    expect(promptTooLarge(claude, "123456789", profileFor("rescue"))?.suggested_action).toMatch(/Shorten the prompt/);
  });
});

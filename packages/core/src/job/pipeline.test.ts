import { describe, expect, it } from "vitest";
import type { TargetOutcome } from "../adapter/adapter.js";
import { EMPTY_USAGE } from "../record/values.js";
import { requireStructuredOutput } from "./pipeline.js";

const completed = (structured: unknown): TargetOutcome => ({
  outcome: "completed",
  result: "done",
  structured_output: structured,
  session_id: "s",
  usage: EMPTY_USAGE,
  cost_usd: null,
  cost_source: null,
  permission_denials: [],
});

describe("requireStructuredOutput", () => {
  it("fails a run that was asked for structured output and gave none", () => {
    const outcome = requireStructuredOutput(completed(null), "{}");
    expect(outcome).toMatchObject({ outcome: "failed", error: { error_code: "parse_error" }, result: "done" });
  });

  it("leaves runs with structured output, or without a schema, alone", () => {
    expect(requireStructuredOutput(completed({ verdict: "ok" }), "{}").outcome).toBe("completed");
    expect(requireStructuredOutput(completed(null), null).outcome).toBe("completed");
  });
});

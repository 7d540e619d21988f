import { describe, expect, it } from "vitest";
import { EMPTY_USAGE } from "@agent-companion/core";
import { usageFromModelTokens, usageFromStreamStats } from "./usage.js";

describe("usage", () => {
  it("takes stream stats as reported (input already includes cached)", () => {
    expect(usageFromStreamStats({ total_tokens: 36, input_tokens: 20, output_tokens: 16, cached: 5 })).toEqual({
      input_tokens: 20,
      output_tokens: 16,
      cached_input_tokens: 5,
      total_tokens: 36,
    });
    expect(usageFromStreamStats(undefined)).toEqual(EMPTY_USAGE);
  });

  it("sums json-format per-model tokens like the CLI's stream stats", () => {
    expect(
      usageFromModelTokens([
        { prompt: 10, candidates: 8, total: 18, cached: 2 },
        { prompt: 5, candidates: 1, total: 6 },
      ]),
    ).toEqual({ input_tokens: 15, output_tokens: 9, cached_input_tokens: 2, total_tokens: 24 });
    expect(usageFromModelTokens([])).toEqual(EMPTY_USAGE);
  });
});

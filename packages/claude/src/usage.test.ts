import { describe, expect, it } from "vitest";
import { EMPTY_USAGE } from "@agent-companion/core";
import { normaliseUsage } from "./usage.js";

describe("normaliseUsage", () => {
  it("counts cache reads and writes as input, and cache reads as cached", () => {
    expect(
      normaliseUsage({
        input_tokens: 10,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 5,
        output_tokens: 7,
      }),
    ).toEqual({ input_tokens: 115, output_tokens: 7, cached_input_tokens: 100, total_tokens: 122 });
  });

  it("treats missing cache counts as zero", () => {
    expect(normaliseUsage({ input_tokens: 3, output_tokens: 4 })).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      cached_input_tokens: 0,
      total_tokens: 7,
    });
  });

  it("reports nothing when the CLI reported nothing", () => {
    expect(normaliseUsage(null)).toEqual(EMPTY_USAGE);
  });
});

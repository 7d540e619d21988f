import { describe, expect, it } from "vitest";
import { oneLine } from "./one-line.js";

describe("oneLine", () => {
  it("flattens whitespace and truncates with an ellipsis", () => {
    expect(oneLine("  a\n\tb  ")).toBe("a b");
    expect(oneLine("abcdef", 4)).toBe("abc…");
  });
});

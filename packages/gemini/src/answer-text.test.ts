import { describe, expect, it } from "vitest";
import { AnswerText } from "./answer-text.js";

describe("AnswerText", () => {
  it("grows the current message with deltas and concatenates messages", () => {
    const answer = new AnswerText();
    expect(answer.text).toBeNull();
    expect(answer.add("Look", true)).toBe("Look");
    expect(answer.add("ing.", true)).toBe("Looking.");
    answer.close();
    expect(answer.add(" Done.", true)).toBe(" Done.");
    expect(answer.add(" Whole.", false)).toBe(" Whole.");
    expect(answer.text).toBe("Looking. Done. Whole.");
  });
});

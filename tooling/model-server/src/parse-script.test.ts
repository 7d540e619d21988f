import { describe, expect, it } from "vitest";
import { parseScript, ScriptError } from "./parse-script.js";

describe("parseScript", () => {
  it("accepts every turn kind and the per-API lists", () => {
    const script = {
      turns: [
        { kind: "text", text: "a" },
        { kind: "slow_text", text: "b", chunkDelayMs: 10 },
        { kind: "tool_call", name: "Write", input: { file_path: "/x" } },
        { kind: "stall" },
        { kind: "http_error", status: 429 },
        { kind: "recall", marker: "M" },
        { kind: "list_tools" },
      ],
      anthropic: [{ kind: "text", text: "claude only" }],
      gemini: [],
      onExhausted: "default_answer",
    };
    expect(parseScript(script)).toEqual(script);
  });

  it.each([
    [[], "script: expected an object"],
    [{ turns: {} }, "script.turns: expected an array of turns"],
    [{ turns: [{ kind: "text" }] }, "script.turns[0].text: expected a string"],
    [{ gemini: [{ kind: "http_error", status: 200 }] }, "script.gemini[0].status: expected an HTTP error status"],
    [{ turns: [{ kind: "tool_call", name: "Write", input: [] }] }, "script.turns[0].input: expected an object"],
    [{ turns: [{ kind: "slow_text", text: "x", chunkDelayMs: -1 }] }, "chunkDelayMs: expected a non-negative number"],
    [{ onExhausted: "loop" }, "script.onExhausted"],
  ])("rejects %j", (value, message) => {
    expect(() => parseScript(value)).toThrow(ScriptError);
    expect(() => parseScript(value)).toThrow(message);
  });
});

import { describe, expect, it } from "vitest";
import type { TargetOutcome } from "@agent-companion/core";
import { createGeminiParser } from "./stream-parser.js";
import { fixtureLines, fixtureText } from "@agent-companion/adapter-testing";
import { exitWith, runParser } from "@agent-companion/adapter-testing";

const run = (lines: readonly string[], exit = exitWith(0)) =>
  runParser(createGeminiParser(), lines, exit);

const errorOf = (outcome: TargetOutcome) => {
  if (outcome.outcome !== "failed") throw new Error(`expected failure, got ${outcome.outcome}`);
  return outcome.error;
};

const DENIED = fixtureLines("gemini-0.61.0-stream-json-policy-denied-write.ndjson");
const line = (event: Record<string, unknown>) => JSON.stringify(event);

describe("Gemini stream parser on real output", () => {
  it("reads a review whose write the policy refused", () => {
    const { infos, outcome } = run(DENIED);
    expect(infos.every((info) => info.event)).toBe(true);
    expect(infos[0]?.sessionId).toBe("ed534b94-1167-4279-9c3a-f765c057b7b8");
    expect(infos.filter((info) => info.toolCall)).toHaveLength(1);
    expect(infos[4]?.text).toBe("Tool finished. VERDICT: APPROVE");
    expect(outcome).toEqual({
      outcome: "completed",
      result: "Tool finished. VERDICT: APPROVE",
      structured_output: null,
      session_id: "ed534b94-1167-4279-9c3a-f765c057b7b8",
      usage: { input_tokens: 20, output_tokens: 16, cached_input_tokens: 0, total_tokens: 36 },
      cost_usd: null,
      cost_source: null,
      permission_denials: [
        { tool_name: "write_file", tool_use_id: "write_file__write_file_1795325985212_0", detail: "/home/user/repo/owned.txt" },
      ],
    });
    expect(JSON.stringify(outcome)).not.toContain("written by model");
  });

  it("drops only the prompt echo from the log", () => {
    const { infos } = run(DENIED);
    expect(infos.map((info) => info.keepInLog)).toEqual([true, false, true, true, true, true]);
  });

  it("drops the prompt echo even when its shape is unexpected", () => {
    const { infos } = run([line({ type: "message", role: "user", content: ["x"] })]);
    expect(infos[0]?.keepInLog).toBe(false);
  });

  it("reads the json format from stdout", () => {
    const { infos, outcome } = run(fixtureText("gemini-0.61.0-json-success.json").split("\n"));
    expect(infos.some((info) => info.event)).toBe(false);
    expect(outcome).toMatchObject({
      outcome: "completed",
      result: "No blocking issues found. VERDICT: APPROVE",
      session_id: "b4ed395b-da96-4c5f-b820-2d5163b76ace",
      usage: { input_tokens: 10, output_tokens: 8, cached_input_tokens: 0, total_tokens: 18 },
    });
  });

  it.each([
    ["gemini-0.61.0-json-error-401.stderr.txt", 145, "not_authed", "3e6ad928-3db9-46f1-9d2a-8b6dd1dd4173"],
    ["gemini-0.61.0-json-error-auth.stderr.txt", 41, "not_authed", "ae527306-e7de-4c17-8fdb-e1c902d785f3"],
    ["gemini-0.61.0-json-error-no-key.stderr.txt", 41, "not_authed", "d290a144-5f3f-43f9-a38b-61ca54ba41d9"],
    ["gemini-0.61.0-json-error-404.stderr.txt", 1, "model_not_found", "41049718-adfb-4de4-afa9-43b360723d45"],
  ])("classifies %s (exit %i) as %s", (name, exitCode, code, sessionId) => {
    const stdout = fixtureText("gemini-0.61.0-json-error-auth.stdout.json").split("\n");
    const { outcome } = run(stdout, exitWith(exitCode, fixtureText(name)));
    expect(errorOf(outcome).error_code).toBe(code);
    expect(outcome.session_id).toBe(sessionId);
  });

  it("keeps the API key variable's advice out of raw text", () => {
    const { outcome } = run([], exitWith(41, fixtureText("gemini-0.61.0-json-error-no-key.stderr.txt")));
    expect(errorOf(outcome).message).not.toContain("\n");
    expect(errorOf(outcome).suggested_action).toContain("GEMINI_API_KEY");
  });
});

describe("Gemini stream parser on other output", () => {
  const init = DENIED[0] ?? "";

  it("counts nothing for garbage and fails with parse_error", () => {
    const { infos, outcome } = run(["oops", "[]", "{not json", '{"no":"type"}']);
    expect(infos.some((info) => info.event)).toBe(false);
    expect(errorOf(outcome).error_code).toBe("parse_error");
  });

  it("fails with parse_error when the stream stops without a result", () => {
    const { outcome } = run(DENIED.slice(0, -1));
    expect(errorOf(outcome).error_code).toBe("parse_error");
    expect(outcome.result).toBe("Tool finished. VERDICT: APPROVE");
    expect(outcome.session_id).toBe("ed534b94-1167-4279-9c3a-f765c057b7b8");
  });

  it("treats a result with the wrong shape as parse_error", () => {
    const { outcome } = run([init, line({ type: "result", status: 1 })]);
    expect(errorOf(outcome).error_code).toBe("parse_error");
  });

  it("concatenates streamed assistant chunks across turns", () => {
    const { infos, outcome } = run([
      init,
      line({ type: "message", role: "assistant", content: "Check", delta: true }),
      line({ type: "message", role: "assistant", content: "ing. ", delta: true }),
      line({ type: "tool_use", tool_name: "read_file", tool_id: "t1", parameters: { file_path: "a" } }),
      line({ type: "tool_result", tool_id: "t1", status: "success", output: "..." }),
      line({ type: "message", role: "assistant", content: "Fine.", delta: true }),
      line({ type: "result", status: "success", stats: { total_tokens: 3 } }),
    ]);
    expect(infos.map((info) => info.text)).toEqual([null, "Check", "Checking. ", null, null, "Fine.", null]);
    expect(outcome).toMatchObject({ outcome: "completed", result: "Checking. Fine.", permission_denials: [] });
  });

  it("classifies an error result from its message and the error events", () => {
    const { outcome } = run(
      [
        init,
        line({ type: "error", severity: "warning", message: "slow" }),
        line({ type: "error", severity: "error", message: "Quota exceeded for quota metric 'Requests per day'" }),
        line({ type: "result", status: "error", error: { type: "Error", message: "[API Error]" } }),
      ],
      exitWith(1),
    );
    expect(errorOf(outcome).error_code).toBe("usage_limited");
    expect(errorOf(outcome).message).not.toContain("Requests per day");
  });

  it("reads the HTTP status from the stderr error object when the stream ends in error", () => {
    const stderr = '{\n  "session_id": "s",\n  "error": { "type": "Error", "message": "x", "code": 429 }\n}\n';
    const { outcome } = run(
      [init, line({ type: "result", status: "error", error: { type: "Error", message: "[API Error]" } })],
      exitWith(1, stderr),
    );
    expect(errorOf(outcome).error_code).toBe("rate_limited");
  });

  it("counts unknown event types", () => {
    const { infos, outcome } = run([init, line({ type: "thought", text: "hm" }), ...DENIED.slice(1)]);
    expect(infos[1]?.event).toBe(true);
    expect(outcome.outcome).toBe("completed");
  });

  it("fails as a target error on a non-zero exit with nothing readable", () => {
    const { outcome } = run(["garbage"], exitWith(1, "Segmentation fault\n"));
    expect(errorOf(outcome)).toMatchObject({ error_code: "target_error", message: "Gemini CLI failed: Segmentation fault" });
  });
});

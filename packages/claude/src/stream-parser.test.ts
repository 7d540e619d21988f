import { describe, expect, it } from "vitest";
import type { TargetOutcome } from "@agent-companion/core";
import { createClaudeParser } from "./stream-parser.js";
import { fixtureLines } from "@agent-companion/adapter-testing";
import { exitWith, runParser } from "@agent-companion/adapter-testing";

const run = (lines: readonly string[], exit = exitWith(0)) =>
  runParser(createClaudeParser(), lines, exit);

const errorOf = (outcome: TargetOutcome) => {
  if (outcome.outcome !== "failed") throw new Error(`expected failure, got ${outcome.outcome}`);
  return outcome.error;
};

describe("Claude stream parser on real output", () => {
  it("reads a successful review", () => {
    const { infos, outcome } = run(fixtureLines("claude-2.1.330-stream-json-success.ndjson"));
    expect(infos.every((info) => info.event && info.keepInLog)).toBe(true);
    expect(infos[0]?.sessionId).toBe("12cdea77-f2a4-4fda-9cb3-66bf39986df0");
    expect(infos[1]?.text).toBe("No blocking issues found. VERDICT: APPROVE");
    expect(outcome).toEqual({
      outcome: "completed",
      result: "No blocking issues found. VERDICT: APPROVE",
      structured_output: null,
      session_id: "12cdea77-f2a4-4fda-9cb3-66bf39986df0",
      usage: { input_tokens: 10, output_tokens: 12, cached_input_tokens: 0, total_tokens: 22 },
      cost_usd: 0.00021,
      cost_source: "estimated",
      permission_denials: [],
    });
  });

  it("counts each streamed text delta as progress, with the message so far, and keeps the final answer (--include-partial-messages)", () => {
    const { infos, outcome } = run(fixtureLines("claude-2.1.330-stream-json-partial-messages.ndjson"));
    expect(infos.every((info) => info.event && info.keepInLog)).toBe(true);
    const texts = infos.flatMap((info) => (info.text === null ? [] : [info.text]));
    expect(texts.length).toBeGreaterThan(3);
    for (const [i, text] of texts.entries()) expect(text.startsWith(texts[i - 1] ?? "")).toBe(true);
    expect(texts.at(-1)).toBe("No blocking issues found. VERDICT: APPROVE");
    expect(outcome).toMatchObject({ outcome: "completed", result: "No blocking issues found. VERDICT: APPROVE" });
  });

  it("starts the streamed text afresh with each message", () => {
    const partial = (event: object) => JSON.stringify({ type: "stream_event", session_id: "s", event });
    const delta = (text: string) => partial({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text } });
    const { infos } = run([partial({ type: "message_start" }), delta("one "), delta("two"), partial({ type: "message_start" }), delta("three"), partial({ type: "message_stop" })]);
    expect(infos.map((info) => info.text)).toEqual([null, "one ", "one two", null, "three", null]);
    expect(infos.every((info) => info.event && !info.toolCall)).toBe(true);
  });

  it("reports a denied write by path, never by content", () => {
    const { infos, outcome } = run(fixtureLines("claude-2.1.330-stream-json-denied-write.ndjson"));
    expect(infos.filter((info) => info.toolCall)).toHaveLength(1);
    expect(outcome.outcome).toBe("completed");
    expect(outcome.permission_denials).toEqual([
      { tool_name: "Write", tool_use_id: "toolu_1", detail: "/home/user/repo/owned.txt" },
    ]);
    expect(JSON.stringify(outcome)).not.toContain("written by model");
  });

  it("falls back to streamed denials when the result lists none", () => {
    const lines = fixtureLines("claude-2.1.330-stream-json-denied-write.ndjson");
    const result = JSON.parse(lines.at(-1) ?? "{}") as Record<string, unknown>;
    delete result["permission_denials"];
    const { outcome } = run([...lines.slice(0, -1), JSON.stringify(result)]);
    expect(outcome.permission_denials).toEqual([
      { tool_name: "Write", tool_use_id: "toolu_1", detail: "/home/user/repo/owned.txt" },
    ]);
  });

  it("classifies a run that gave up on HTTP 429 and keeps the error out of the answer", () => {
    const { infos, outcome } = run(fixtureLines("claude-2.1.330-stream-json-error-429.ndjson"), exitWith(1));
    expect(infos.filter((info) => info.event)).toHaveLength(infos.length);
    expect(infos.every((info) => info.text === null)).toBe(true);
    expect(errorOf(outcome).error_code).toBe("rate_limited");
    expect(outcome.result).toBeNull();
    expect(outcome.session_id).toBe("90e64bc4-f19b-424b-8017-e74e1a1c69b2");
  });

  it.each([
    ["claude-2.1.330-json-error-401.json", "not_authed"],
    ["claude-2.1.330-json-error-not-logged-in.json", "not_authed"],
    ["claude-2.1.330-json-error-429.json", "rate_limited"],
    ["claude-2.1.330-json-error-404-model.json", "model_not_found"],
  ])("accepts the single-object json format too: %s → %s", (name, code) => {
    const { outcome } = run(fixtureLines(name), exitWith(1));
    expect(errorOf(outcome).error_code).toBe(code);
    expect(outcome.cost_source).toBe("estimated");
  });

  it("reads a successful single-object json result", () => {
    const { outcome } = run(fixtureLines("claude-2.1.330-json-success.json"));
    expect(outcome).toMatchObject({ outcome: "completed", result: "No blocking issues found. VERDICT: APPROVE" });
  });
});

describe("Claude stream parser on unexpected output", () => {
  const success = fixtureLines("claude-2.1.330-stream-json-success.ndjson");

  it("counts nothing for garbage and fails with parse_error when no result arrives", () => {
    const { infos, outcome } = run(["not json", "[1,2]", "{broken", '{"no":"type"}']);
    expect(infos.some((info) => info.event)).toBe(false);
    expect(infos.every((info) => info.keepInLog)).toBe(true);
    expect(errorOf(outcome).error_code).toBe("parse_error");
  });

  it("tolerates garbage between real events", () => {
    const { outcome } = run(["warning: something", ...success, "trailing noise"]);
    expect(outcome.outcome).toBe("completed");
  });

  it("counts unknown event types without failing", () => {
    const { infos, outcome } = run([success[0] ?? "", '{"type":"stream_event","session_id":"x"}', ...success.slice(1)]);
    expect(infos[1]).toMatchObject({ event: true, sessionId: "x" });
    expect(outcome.outcome).toBe("completed");
  });

  it("treats a result with the wrong shape as parse_error", () => {
    const { outcome } = run([success[0] ?? "", '{"type":"result","is_error":"no"}'], exitWith(0));
    expect(errorOf(outcome).error_code).toBe("parse_error");
  });

  it("checks subtype as well as is_error", () => {
    const result = JSON.parse(success.at(-1) ?? "{}") as Record<string, unknown>;
    const { outcome } = run([JSON.stringify({ ...result, subtype: "error_max_turns" })]);
    expect(errorOf(outcome)).toMatchObject({ error_code: "target_error" });
    expect(errorOf(outcome).message).toContain("turn limit");
  });

  it("returns structured output when the CLI produced it", () => {
    const result = JSON.parse(success.at(-1) ?? "{}") as Record<string, unknown>;
    const { outcome } = run([JSON.stringify({ ...result, structured_output: { verdict: "approve" } })]);
    expect(outcome).toMatchObject({ outcome: "completed", structured_output: { verdict: "approve" } });
  });

  it("classifies a crash without result from stderr", () => {
    const { outcome } = run([], exitWith(1, "Error: Invalid API key · Please run /login\n"));
    expect(errorOf(outcome).error_code).toBe("not_authed");
  });

  it("keeps the partial answer of a run that died", () => {
    const { outcome } = run(success.slice(0, 2), exitWith(null, "", "SIGKILL"));
    expect(errorOf(outcome).error_code).toBe("target_error");
    expect(outcome.result).toBe("No blocking issues found. VERDICT: APPROVE");
    expect(outcome.session_id).toBe("12cdea77-f2a4-4fda-9cb3-66bf39986df0");
  });
});

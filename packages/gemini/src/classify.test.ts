import { describe, expect, it } from "vitest";
import { classifyFailure, type GeminiFailure } from "./classify.js";
import { exitWith } from "@agent-companion/adapter-testing";

const failure = (overrides: Partial<GeminiFailure>, exitCode = 1): GeminiFailure => ({
  errorCode: null,
  text: "",
  detail: null,
  model: null,
  exit: exitWith(exitCode),
  ...overrides,
});

describe("classifyFailure", () => {
  it.each<[string, Partial<GeminiFailure>, number, string]>([
    ["exit 41", {}, 41, "not_authed"],
    ["exit 145 (HTTP 401)", {}, 145, "not_authed"],
    ["error code 401", { errorCode: 401 }, 1, "not_authed"],
    ["API key not valid", { text: "API key not valid. Please pass a valid API key." }, 1, "not_authed"],
    ["error code 403", { errorCode: "403" }, 1, "not_authed"],
    ["error code 429", { errorCode: 429, text: "Resource has been exhausted (e.g. check quota)." }, 1, "rate_limited"],
    ["exit 173 (HTTP 429)", {}, 173, "rate_limited"],
    ["RESOURCE_EXHAUSTED", { text: '{"status":"RESOURCE_EXHAUSTED"}' }, 1, "rate_limited"],
    ["quota exceeded", { errorCode: 429, text: "Quota exceeded for quota metric" }, 1, "usage_limited"],
    ["daily quota", { text: "You have exhausted your daily quota on this model." }, 1, "usage_limited"],
    ["error code 404", { errorCode: 404 }, 1, "model_not_found"],
    ["ModelNotFoundError", { text: "ModelNotFoundError: Requested entity was not found." }, 1, "model_not_found"],
    ["exit 42", { text: "Session not found" }, 42, "target_error"],
    ["exit 53", {}, 53, "target_error"],
    ["exit 55", {}, 55, "target_error"],
    ["anything else", { text: "boom" }, 1, "target_error"],
  ])("%s → %s", (_name, overrides, exitCode, code) => {
    expect(classifyFailure(failure(overrides, exitCode)).error_code).toBe(code);
  });

  it("explains Gemini's own fatal exit codes", () => {
    expect(classifyFailure(failure({}, 53)).message).toContain("turn limit");
    expect(classifyFailure(failure({}, 42)).suggested_action).toContain("directory");
  });

  it("does not read status-like numbers inside report file names", () => {
    const text = "Full report available at: /tmp/gemini-client-error-2026-11-22T05-47-40-401Z.json";
    expect(classifyFailure(failure({ text })).error_code).toBe("target_error");
  });

  it("gives every error an action and a one-line message", () => {
    for (const exitCode of [1, 41, 42, 44, 52, 53, 54, 55, 145]) {
      const error = classifyFailure(failure({ detail: "a\nb" }, exitCode));
      expect(error.suggested_action.length).toBeGreaterThan(10);
      expect(error.message).not.toContain("\n");
    }
  });
});

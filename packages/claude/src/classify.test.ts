import { describe, expect, it } from "vitest";
import { classifyFailure, type ClaudeFailure } from "./classify.js";
import { exitWith } from "@agent-companion/adapter-testing";

const failure = (overrides: Partial<ClaudeFailure>): ClaudeFailure => ({
  status: null,
  errorType: null,
  subtype: "success",
  text: "",
  detail: null,
  model: null,
  exit: exitWith(1),
  ...overrides,
});

const BILLING = "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing";

describe("classifyFailure", () => {
  it.each<[string, Partial<ClaudeFailure>, string]>([
    ["HTTP 401", { status: 401 }, "not_authed"],
    ["HTTP 403", { status: 403 }, "not_authed"],
    ["authentication_error", { errorType: "authentication_error" }, "not_authed"],
    ["not logged in", { text: "Not logged in · Please run /login" }, "not_authed"],
    ["invalid key", { text: "Invalid API key · Fix external API key" }, "not_authed"],
    ["HTTP 429", { status: 429 }, "rate_limited"],
    ["rate limit text", { text: "API Error: Request rejected (429) · rate limited" }, "rate_limited"],
    ["credit balance", { status: 400, text: BILLING }, "usage_limited"],
    ["usage limit", { status: 429, text: "Claude AI usage limit reached|1767225600" }, "usage_limited"],
    ["billing_error", { errorType: "billing_error" }, "usage_limited"],
    ["HTTP 404", { status: 404 }, "model_not_found"],
    ["selected model", { text: "There's an issue with the selected model (x)." }, "model_not_found"],
    ["overloaded", { status: 529, errorType: "overloaded_error" }, "target_error"],
    ["anything else", { text: "Something odd happened" }, "target_error"],
  ])("%s → %s", (_name, overrides, code) => {
    expect(classifyFailure(failure(overrides)).error_code).toBe(code);
  });

  it("never copies billing text into the message", () => {
    const error = classifyFailure(failure({ text: BILLING, detail: BILLING }));
    expect(error.message).not.toContain("Plans & Billing");
    expect(error.suggested_action).not.toBe("");
  });

  it("does not read status-like numbers inside timestamps", () => {
    expect(classifyFailure(failure({ text: "report 2026-11-22T05-47-40-429Z.json" })).error_code).toBe("target_error");
  });

  it("names the model that was not found", () => {
    expect(classifyFailure(failure({ status: 404, model: "claude-x" })).message).toContain("claude-x");
  });

  it("quotes a short single line for other failures", () => {
    const error = classifyFailure(failure({ detail: `boom\n${"x".repeat(500)}` }));
    expect(error.message).not.toContain("\n");
    expect(error.message.length).toBeLessThan(260);
    expect(error.suggested_action).toContain("doctor");
  });
});

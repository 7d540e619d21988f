import { describe, expect, it } from "vitest";
import type { Mode } from "@agent-companion/core";
import { buildArgs } from "./argv.js";
import { PROMPT, requestFor } from "@agent-companion/adapter-testing";

const BASE = ["-p", "", "--output-format", "stream-json", "--skip-trust"];
const READ_ONLY = ["--approval-mode", "plan", "--policy", "/p/policy.toml"];
const REVIEW_MODES: Mode[] = ["review", "adversarial-review", "custom-review"];

describe("buildArgs", () => {
  it.each(REVIEW_MODES)("%s runs in plan mode under the deny policy", (mode) => {
    expect(buildArgs(requestFor(mode), "/p/policy.toml")).toEqual([...BASE, ...READ_ONLY]);
  });

  it("rescue may edit", () => {
    expect(buildArgs(requestFor("rescue"), null)).toEqual([...BASE, "--approval-mode", "auto_edit"]);
  });

  it("re-applies the read-only flags when resuming", () => {
    const args = buildArgs(requestFor("review", { resumeSessionId: "sess-1" }), "/p/policy.toml");
    expect(args).toEqual([...BASE, ...READ_ONLY, "--resume", "sess-1"]);
  });

  it("passes readable dir and model as separate words", () => {
    const args = buildArgs(requestFor("review", { readableDir: "/snap", model: "gemini-2.5-pro" }), "/p");
    expect(args.slice(-4)).toEqual(["--include-directories", "/snap", "--model", "gemini-2.5-pro"]);
  });

  it("never passes the prompt, a sandbox or a json schema", () => {
    const args = buildArgs(requestFor("review", { jsonSchema: "{}", model: "m" }), "/p");
    expect(args.join(" ")).not.toContain(PROMPT);
    expect(args).not.toContain("-s");
    expect(args.join(" ")).not.toContain("{}");
  });
});

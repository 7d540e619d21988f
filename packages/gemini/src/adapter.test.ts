import { describe, expect, it } from "vitest";
import { geminiAdapter } from "./index.js";
import { PROMPT, requestFor } from "@agent-companion/adapter-testing";

describe("geminiAdapter", () => {
  it("writes the policy it points --policy at, for every read-only call", () => {
    const invocation = geminiAdapter.buildInvocation(requestFor("review", { resumeSessionId: "s" }));
    const policyPath = invocation.args[invocation.args.indexOf("--policy") + 1];
    expect(invocation.files.map((file) => file.path)).toEqual([policyPath]);
    expect(policyPath).toBe("/tmp/private/read-only-policy.toml");
  });

  it("writes no policy for rescue", () => {
    const invocation = geminiAdapter.buildInvocation(requestFor("rescue"));
    expect(invocation.files).toEqual([]);
    expect(invocation.args).not.toContain("--policy");
  });

  it("sends the prompt on stdin only and disables relaunch and trust prompts", () => {
    const invocation = geminiAdapter.buildInvocation(requestFor("review"));
    expect(invocation.stdin).toBe(PROMPT);
    expect(invocation.args).not.toContain(PROMPT);
    expect(invocation.env).toEqual({ GEMINI_CLI_NO_RELAUNCH: "true", GEMINI_CLI_TRUST_WORKSPACE: "true" });
  });

  it("defaults to auto auth, the target's model and no structured output", () => {
    expect(geminiAdapter.defaultAuthMode).toBe("auto");
    expect(geminiAdapter.defaultModel("review")).toBeNull();
    expect(geminiAdapter.supportsJsonSchema).toBe(false);
  });

  it("scrubs Gemini and Vertex credentials and other vendors' keys (SPEC §8)", () => {
    // Written out, not taken from the adapter's own lists: a name dropped there must fail here.
    const required = [
      "GEMINI_API_KEY",
      "GOOGLE_API_KEY",
      "GOOGLE_GEMINI_BASE_URL",
      "GOOGLE_CLOUD_PROJECT",
      "GOOGLE_CLOUD_LOCATION",
      "GOOGLE_GENAI_USE_VERTEXAI",
      "GOOGLE_APPLICATION_CREDENTIALS",
      "ANTHROPIC_API_KEY",
      "OPENAI_API_KEY",
    ];
    expect(geminiAdapter.auth.scrubNames).toEqual(expect.arrayContaining(required));
    expect(geminiAdapter.auth.keyVars).toEqual(expect.arrayContaining(["GEMINI_API_KEY", "GOOGLE_API_KEY"]));
  });

  it("requires every flag its invocations use", () => {
    const args = [
      ...geminiAdapter.buildInvocation(requestFor("review", { model: "m", resumeSessionId: "s", readableDir: "/d" })).args,
      ...geminiAdapter.buildInvocation(requestFor("rescue")).args,
    ];
    const flags = new Set(args.filter((arg) => arg.startsWith("--")));
    expect(geminiAdapter.contract.requiredFlags).toEqual(expect.arrayContaining([...flags, "--prompt"]));
  });

  it("reads the version the CLI prints", () => {
    expect(geminiAdapter.contract.parseVersion("0.61.0\n")).toBe("0.61.0");
    expect(geminiAdapter.contract.parseVersion("")).toBeNull();
    expect(geminiAdapter.contract.versionFloor).toBe("0.61.0");
  });
});

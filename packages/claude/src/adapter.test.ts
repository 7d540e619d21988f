import { describe, expect, it } from "vitest";
import { claudeAdapter } from "./index.js";
import { PROMPT, requestFor } from "@agent-companion/adapter-testing";

describe("claudeAdapter", () => {
  it("sends the prompt on stdin only", () => {
    const invocation = claudeAdapter.buildInvocation(requestFor("review"));
    expect(invocation.stdin).toBe(PROMPT);
    expect(invocation.args).not.toContain(PROMPT);
    expect(invocation.files).toEqual([]);
  });

  it("defaults to the subscription and the target's own model", () => {
    expect(claudeAdapter.defaultAuthMode).toBe("subscription");
    expect(claudeAdapter.defaultModel("review")).toBeNull();
    expect(claudeAdapter.supportsJsonSchema).toBe(true);
  });

  it("scrubs Claude credentials but never the subscription OAuth token", () => {
    const { scrubPrefixes, keyVars } = claudeAdapter.auth;
    const scrubbed = (name: string) => scrubPrefixes.some((prefix) => name.startsWith(prefix));
    expect(keyVars.every(scrubbed)).toBe(true);
    expect(scrubbed("CLAUDE_CODE_USE_BEDROCK")).toBe(true);
    expect(scrubbed("CLAUDE_CODE_OAUTH_TOKEN")).toBe(false);
    expect(claudeAdapter.auth.scrubNames).toContain("OPENAI_API_KEY");
  });

  it("requires every flag its invocations use", () => {
    const args = [
      ...claudeAdapter.buildInvocation(
        requestFor("review", { model: "m", resumeSessionId: "s", readableDir: "/d", jsonSchema: "{}" }),
      ).args,
      ...claudeAdapter.buildInvocation(requestFor("rescue")).args,
    ];
    const flags = new Set(args.map((arg) => arg.split("=")[0]).filter((flag) => flag !== "-p"));
    expect(claudeAdapter.contract.requiredFlags).toEqual(expect.arrayContaining([...flags, "--print"]));
  });

  it("reads the version the CLI prints", () => {
    expect(claudeAdapter.contract.parseVersion("2.1.330 (Claude Code)\n")).toBe("2.1.330");
    expect(claudeAdapter.contract.parseVersion("claude")).toBeNull();
    expect(claudeAdapter.contract.versionFloor).toBe("2.1.330");
  });
});

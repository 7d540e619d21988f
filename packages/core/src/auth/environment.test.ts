import { describe, expect, it } from "vitest";
import type { AuthFacts } from "../adapter/adapter.js";
import { resolveAuthEnvironment } from "./environment.js";

const facts: AuthFacts = {
  keyVars: ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"],
  endpointVars: ["ANTHROPIC_BASE_URL"],
  scrubPrefixes: ["ANTHROPIC_", "CLAUDE_CODE_USE_"],
  scrubNames: ["OPENAI_API_KEY", "GEMINI_API_KEY"],
};

const env = {
  PATH: "/bin",
  ANTHROPIC_API_KEY: "sk-secret",
  ANTHROPIC_BASE_URL: "http://127.0.0.1:1",
  CLAUDE_CODE_USE_BEDROCK: "1",
  OPENAI_API_KEY: "other-vendor",
};

describe("resolveAuthEnvironment", () => {
  it("subscription withholds provider credentials and endpoints, naming them only", () => {
    const resolved = resolveAuthEnvironment(facts, "subscription", env, "Claude Code");
    expect(resolved.outcome).toBe("ok");
    if (resolved.outcome !== "ok") return;
    expect(resolved.env).toEqual({ PATH: "/bin" });
    expect(resolved.authEnv).toEqual({ used: [], ignored: ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "CLAUDE_CODE_USE_BEDROCK", "OPENAI_API_KEY"] });
    expect(JSON.stringify(resolved.authEnv)).not.toContain("sk-secret");
  });

  it("api_key passes the key and endpoint through, never other vendors' keys", () => {
    const resolved = resolveAuthEnvironment(facts, "api_key", env, "Claude Code");
    expect(resolved.outcome).toBe("ok");
    if (resolved.outcome !== "ok") return;
    expect(resolved.env.ANTHROPIC_API_KEY).toBe("sk-secret");
    expect(resolved.env.OPENAI_API_KEY).toBeUndefined();
    expect(resolved.authEnv.used).toEqual(["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"]);
  });

  it("api_key without a key is not_authed", () => {
    const resolved = resolveAuthEnvironment(facts, "api_key", { PATH: "/bin" }, "Claude Code");
    expect(resolved.outcome).toBe("not_authed");
  });

  it("auto passes through whatever is present", () => {
    const resolved = resolveAuthEnvironment(facts, "auto", { PATH: "/bin", ANTHROPIC_AUTH_TOKEN: "t" }, "Claude Code");
    expect(resolved.outcome === "ok" && resolved.env.ANTHROPIC_AUTH_TOKEN).toBe("t");
  });
});

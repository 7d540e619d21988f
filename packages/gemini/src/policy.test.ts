import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { DENIED_TOOLS, readOnlyPolicy } from "./policy.js";

describe("readOnlyPolicy", () => {
  const policy = readOnlyPolicy("/private/dir");

  it("lives in the private directory", () => {
    expect(policy.path).toBe("/private/dir/read-only-policy.toml");
  });

  it("is valid TOML with one deny rule per write-capable tool", () => {
    const parsed = parse(policy.content) as { rule: { toolName: string; decision: string; priority: number }[] };
    expect(parsed.rule.map((rule) => rule.toolName)).toEqual([...DENIED_TOOLS]);
    for (const rule of parsed.rule) {
      expect(rule).toEqual({ toolName: rule.toolName, decision: "deny", priority: 100 });
    }
  });

  it("covers the tools verified to write", () => {
    expect(DENIED_TOOLS).toEqual(
      expect.arrayContaining(["write_file", "replace", "edit", "run_shell_command", "save_memory"]),
    );
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS, type FlagSpec } from "../commands/table.js";
import { renderReference } from "./reference.js";

const committed = readFileSync(new URL("../../../../docs/reference.md", import.meta.url), "utf8");

describe("docs/reference.md", () => {
  it("is what the table and the schemas generate (run `pnpm --filter @agent-companion/core gen:reference`)", () => {
    expect(committed).toBe(renderReference());
  });

  it("documents every public command, flag and MCP argument", () => {
    for (const [name, spec] of Object.entries(COMMANDS)) {
      if ("hidden" in spec) continue;
      expect(committed).toContain(`### \`${name}\``);
      for (const [flag, flagSpec] of Object.entries(spec.flags) as [string, FlagSpec][]) {
        expect(committed).toContain(`--${flag}`);
        if (flagSpec.mcp !== null) expect(committed).toContain(`| \`${flagSpec.mcp}\` |`);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { AuthMode, Containment, Mode, Scope } from "../record/schema.js";
import { ALL_OPERATIONS } from "./operations.js";
import { READ_ONLY_OPERATIONS } from "./read-only-operations.js";
import { COMMANDS, type CommandSpec, ENUM_VALUES, type FlagSpec } from "./table.js";

const specs = Object.entries(COMMANDS) as [string, CommandSpec][];

describe("the command table", () => {
  it("spells the enums exactly as the record schema does", () => {
    expect(ENUM_VALUES.MODES).toEqual(Mode.options);
    expect(ENUM_VALUES.SCOPES).toEqual(Scope.options);
    expect(ENUM_VALUES.CONTAINMENTS).toEqual(Containment.options);
    expect(ENUM_VALUES.AUTH_MODES).toEqual(AuthMode.options);
  });

  it("gives every command but mcp an operation, and the read bundle exactly the read-only ones", () => {
    expect(Object.keys(ALL_OPERATIONS).sort()).toEqual(specs.filter(([, spec]) => spec.bundle !== "mcp").map(([name]) => name).sort());
    expect(Object.keys(READ_ONLY_OPERATIONS).sort()).toEqual(specs.filter(([, spec]) => spec.bundle === "read").map(([name]) => name).sort());
  });

  it("names MCP arguments in snake_case, once per tool, and only on tools", () => {
    for (const [name, spec] of specs) {
      const args = (Object.values(spec.flags) as FlagSpec[]).flatMap((flag) => (flag.mcp === null ? [] : [flag.mcp]));
      if (spec.tool === null) expect(args, name).toEqual([]);
      for (const arg of args) expect(arg).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(new Set(args).size, name).toBe(args.length);
      expect(args, name).not.toContain("prompt");
    }
  });

  it("gives enum flags their values, and only them", () => {
    for (const [, spec] of specs) {
      for (const flag of Object.values(spec.flags) as FlagSpec[]) expect(flag.kind === "enum", flag.help).toBe(flag.values !== undefined);
    }
  });
});

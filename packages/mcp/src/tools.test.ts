import { COMMANDS } from "@agent-companion/core";
import { describe, expect, it } from "vitest";
import { operationInput, tools } from "./tools.js";

const tool = (name: string) => {
  const found = tools().find((candidate) => candidate.command === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
};

describe("tools derived from the command table", () => {
  it("are the table's commands that have a tool, in its order", () => {
    expect(tools().map((t) => t.command)).toEqual(Object.entries(COMMANDS).filter(([, spec]) => spec.tool !== null).map(([name]) => name));
  });

  it("take the MCP argument names, with MCP defaults, and reject unknown or option-shaped arguments", () => {
    const run = tool("run").input;
    expect(run.parse({ mode: "review" })).toEqual({ mode: "review", background: true });
    expect(tool("wait").input.parse({ job_id: "j" })).toEqual({ job_id: "j", timeout_s: 30 });
    expect(run.safeParse({ mode: "review", scope: "staged" }).success).toBe(false);
    expect(run.safeParse({ mode: "review", base: "-x" }).success).toBe(false);
    expect(run.safeParse({ mode: "review", paths: ["ok", "--evil"] }).success).toBe(false);
    expect(run.safeParse({ mode: "review", timeout_s: 0 }).success).toBe(false);
    expect(tool("continue").input.safeParse({ job_id: "j" }).success).toBe(false);
  });

  it("build the same operation input the CLI parser builds, CLI-only flags at their defaults", () => {
    const run = tool("run");
    expect(operationInput(run, run.input.parse({ mode: "custom-review", paths: ["src/*.{ts,tsx}"], timeout_s: 5, prompt: "look" }))).toMatchObject({
      mode: "custom-review",
      cwd: undefined,
      base: undefined,
      paths: ["src/*.{ts,tsx}"],
      scope: undefined,
      containment: undefined,
      background: true,
      model: undefined,
      timeout: 5,
      authMode: undefined,
      jsonSchema: undefined,
      keepSnapshot: false,
      prompt: "look",
    });
    const status = tool("status");
    expect(operationInput(status, status.input.parse({}))).toEqual({ job: undefined, all: false, cwd: undefined });
  });
});

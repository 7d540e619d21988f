import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "./support/companion.js";

const SCHEMA = JSON.stringify({ type: "object", properties: { verdict: { type: "string" } }, required: ["verdict"] });

describe("--json-schema (Claude, review modes)", () => {
  let h: Harness;
  let schema: string;
  beforeEach(async () => {
    h = await Harness.create("claude");
    schema = join(h.dir, "schema.json");
    await writeFile(schema, SCHEMA);
    await writeFile(join(h.dir, "a.ts"), "export {};\n");
  });
  afterEach(() => h.cleanup());

  it("records the structured output", async () => {
    const run = await h.run(["run", "--mode", "review", "--json-schema", schema, "--cwd", h.dir], { env: { MOCK_CLI_SCENARIO: "structured" } });
    expect(run.exitCode).toBe(0);
    expect(run.json.structured_output).toEqual({ verdict: "mock" });
  });

  it("fails with parse_error when the model answers without it", async () => {
    const run = await h.run(["run", "--mode", "review", "--json-schema", schema, "--cwd", h.dir], { env: { MOCK_CLI_STRUCTURED_OUTPUT: "null" } });
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "parse_error" });
  });

  it("is a usage error for rescue, for Gemini, and for an unreadable schema", async () => {
    expect((await h.run(["run", "--mode", "rescue", "--json-schema", schema, "--cwd", h.dir, "x"])).exitCode).toBe(2);
    expect((await h.run(["run", "--mode", "review", "--json-schema", join(h.dir, "missing.json"), "--cwd", h.dir])).exitCode).toBe(2);
    const gemini = await Harness.create("gemini");
    try {
      expect((await gemini.run(["run", "--mode", "review", "--json-schema", schema, "--cwd", h.dir])).exitCode).toBe(2);
    } finally {
      await gemini.cleanup();
    }
  });
});

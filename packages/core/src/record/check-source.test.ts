import { readFileSync } from "node:fs";
import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { checksSource, recordChecksSource } from "./check-source.js";

describe("checks.generated.ts", () => {
  it("is what the record schemas generate (run `pnpm --filter @agent-companion/core gen:checks`)", () => {
    expect(readFileSync(new URL("./checks.generated.ts", import.meta.url), "utf8")).toBe(recordChecksSource());
  });
});

describe("checksSource", () => {
  it("refuses a schema it cannot check exactly, naming it, rather than writing a check that says yes too often", () => {
    expect(() => checksSource({ isX: { schema: z.object({ at: z.date() }), type: "X" } }, "")).toThrow(/"date"/);
    expect(() => checksSource({ isX: { schema: z.string().check(z.regex(/a/)), type: "X" } }, "")).toThrow(/string_format|regex/);
  });
});

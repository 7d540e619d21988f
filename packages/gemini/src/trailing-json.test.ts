import { describe, expect, it } from "vitest";
import { fixtureText } from "@agent-companion/adapter-testing";
import { lastJsonObject } from "./trailing-json.js";

describe("lastJsonObject", () => {
  it("finds the error object after log noise that contains JSON fragments", () => {
    expect(lastJsonObject(fixtureText("gemini-0.61.0-json-error-401.stderr.txt"))).toMatchObject({
      session_id: "3e6ad928-3db9-46f1-9d2a-8b6dd1dd4173",
      error: { code: 401 },
    });
  });

  it("reads single-line objects and gives up on none", () => {
    expect(lastJsonObject('noise\n{"a":1}\nmore noise')).toEqual({ a: 1 });
    expect(lastJsonObject("{\n  unterminated")).toBeNull();
    expect(lastJsonObject("")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { parseJsonObject } from "./json-line.js";

describe("parseJsonObject", () => {
  it("accepts only JSON objects", () => {
    expect(parseJsonObject(' {"a":1} ')).toEqual({ a: 1 });
    expect(parseJsonObject("[1]")).toBeNull();
    expect(parseJsonObject("42")).toBeNull();
    expect(parseJsonObject("{oops")).toBeNull();
    expect(parseJsonObject("")).toBeNull();
  });
});

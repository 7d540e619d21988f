import { describe, expect, it } from "vitest";
import { parsePsLine } from "./ps-line.js";

describe("parsePsLine", () => {
  it("parses lstart and a comm path", () => {
    expect(parsePsLine("Mon Jan  1 12:00:00 2024 /usr/local/bin/node\n")).toEqual({
      outcome: "parsed",
      starttime: "Mon Jan 1 12:00:00 2024",
      argv0: "/usr/local/bin/node",
    });
  });

  it("keeps spaces inside comm", () => {
    expect(parsePsLine("Tue Feb 13 09:05:59 2024 /Applications/My App.app/Contents/MacOS/My App")).toMatchObject({
      argv0: "/Applications/My App.app/Contents/MacOS/My App",
    });
  });

  it("normalises day padding so ps versions agree", () => {
    const padded = parsePsLine("Mon Jan  1 12:00:00 2024 x");
    const unpadded = parsePsLine("Mon Jan 1 12:00:00 2024 x");
    expect(padded).toEqual(unpadded);
  });

  it.each([
    ["empty output", ""],
    ["garbage", "hello world"],
    ["no comm", "Mon Jan  1 12:00:00 2024"],
    ["two lines", "Mon Jan  1 12:00:00 2024 a\nMon Jan  1 12:00:00 2024 b\n"],
    ["localised date", "lun. janv.  1 12:00:00 2024 node"],
  ])("reports %s as malformed", (_label, output) => {
    expect(parsePsLine(output).outcome).toBe("malformed");
  });
});

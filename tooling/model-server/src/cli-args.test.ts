import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("defaults to a random port and no files", () => {
    expect(parseCliArgs([])).toEqual({ port: 0, scriptFile: undefined, logFile: undefined });
  });

  it("reads the three flags", () => {
    expect(parseCliArgs(["--port", "4100", "--script", "s.json", "--log=l.jsonl"])).toEqual({
      port: 4100,
      scriptFile: "s.json",
      logFile: "l.jsonl",
    });
  });

  it.each([[["--port", "x"]], [["--port", "70000"]], [["--verbose"]], [["stray"]]])("rejects %j", (argv) => {
    expect(() => parseCliArgs(argv)).toThrow();
  });
});

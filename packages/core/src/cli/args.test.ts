import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompanionError } from "../errors/companion-error.js";
import { COMMAND_OPTIONS, listFlag, parseCommandLine, secondsFlag } from "./args.js";

const usage = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof CompanionError && error.code === "usage_error" && error.exitCode === 2;
  }
  return false;
};

describe("parseCommandLine", () => {
  it("parses run flags and the prompt words", () => {
    const parsed = parseCommandLine("run", ["--mode", "review", "--paths", "a/*,b", "--paths", "c", "look", "here"]);
    expect(parsed.values.mode).toBe("review");
    expect(listFlag(parsed, "paths")).toEqual(["a/*", "b", "c"]);
    expect(parsed.positionals).toEqual(["look", "here"]);
  });

  it("treats words after -- as prompt text, even dash-leading ones", () => {
    expect(parseCommandLine("run", ["--mode", "rescue", "--", "--not-a-flag", "-x"]).positionals).toEqual(["--not-a-flag", "-x"]);
  });

  it("rejects unknown flags instead of treating them as prompt text", () => {
    expect(usage(() => parseCommandLine("run", ["--mode", "review", "--bogus", "text"]))).toBe(true);
    expect(usage(() => parseCommandLine("status", ["--force"]))).toBe(true);
  });

  it("rejects option-shaped values where a ref or path is expected", () => {
    expect(usage(() => parseCommandLine("run", ["--mode", "adversarial-review", "--base", "-x"]))).toBe(true);
    expect(usage(() => parseCommandLine("run", ["--mode", "adversarial-review", "--base=--upload-pack=evil"]))).toBe(true);
    expect(usage(() => parseCommandLine("run", ["--mode", "review", "--cwd", "--human"]))).toBe(true);
  });

  it("allows - as the stdin prompt file", () => {
    expect(parseCommandLine("run", ["--mode", "rescue", "--prompt-file", "-"]).values["prompt-file"]).toBe("-");
  });

  it("rejects prompt words on commands that take none", () => {
    expect(usage(() => parseCommandLine("status", ["stray"]))).toBe(true);
  });

  it("validates seconds", () => {
    expect(secondsFlag(parseCommandLine("wait", ["--timeout", "2.5"]), "timeout")).toBe(2.5);
    for (const bad of ["0", "abc", "1e3", "Infinity"]) {
      expect(usage(() => secondsFlag(parseCommandLine("wait", ["--timeout", bad]), "timeout"))).toBe(true);
    }
  });

  it("never turns a flag-shaped word into prompt text (property)", () => {
    const known = new Set(Object.keys({ ...COMMAND_OPTIONS.run, "state-dir": 1, human: 1, help: 1 }));
    const flagWord = fc.stringMatching(/^--[a-z][a-z-]{0,15}$/).filter((word) => !known.has(word.slice(2)));
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }).filter((w) => !w.startsWith("-")), { maxLength: 4 }), flagWord, (words, flag) => {
        let positionals: string[] | null = null;
        try {
          positionals = parseCommandLine("run", ["--mode", "rescue", ...words, flag, ...words]).positionals;
        } catch (error) {
          return error instanceof CompanionError && error.exitCode === 2;
        }
        return !positionals.includes(flag);
      }),
    );
  });
});

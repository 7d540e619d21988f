import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompanionError } from "../errors/companion-error.js";
import { COMMANDS, GLOBAL_FLAGS } from "../commands/table.js";
import { parseCommandLine, splitOutsideBraces } from "./args.js";

const usageMessage = (fn: () => unknown): string | null => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CompanionError && error.code === "usage_error" && error.exitCode === 2) return error.message;
    throw error;
  }
  return null;
};

describe("parseCommandLine", () => {
  it("parses run flags into the operation's input, and the prompt words", () => {
    const parsed = parseCommandLine("run", ["--mode", "review", "--paths", "a/*,b", "--paths=c", "--timeout", "2.5", "--background", "look", "here"]);
    expect(parsed.values).toMatchObject({ mode: "review", paths: ["a/*", "b", "c"], timeout: 2.5, background: true, keepSnapshot: false, model: undefined });
    expect(parsed.words).toEqual(["look", "here"]);
  });

  it("keeps brace globs whole: commas split only outside braces", () => {
    expect(parseCommandLine("preflight", ["--mode", "custom-review", "--paths", "src/*.{ts,tsx}"]).values.paths).toEqual(["src/*.{ts,tsx}"]);
    expect(parseCommandLine("preflight", ["--mode", "custom-review", "--paths", "src/**/*.ts,README.md", "--paths", "{a,b}/*.md , c"]).values.paths).toEqual([
      "src/**/*.ts",
      "README.md",
      "{a,b}/*.md",
      "c",
    ]);
  });

  it("treats words after -- as prompt text, even dash-leading ones", () => {
    expect(parseCommandLine("run", ["--mode", "rescue", "--", "--not-a-flag", "-x"]).words).toEqual(["--not-a-flag", "-x"]);
  });

  it("rejects unknown flags instead of treating them as prompt text, naming the nearest real flag", () => {
    expect(usageMessage(() => parseCommandLine("run", ["--mdoe", "review", "text"]))).toBe("run: unknown flag --mdoe; did you mean --mode?");
    expect(usageMessage(() => parseCommandLine("run", ["--mode", "review", "--backgruond"]))).toBe("run: unknown flag --backgruond; did you mean --background?");
    expect(usageMessage(() => parseCommandLine("run", ["--mode", "review", "--zzzzzz=1"]))).toBe("run: unknown flag --zzzzzz");
    expect(usageMessage(() => parseCommandLine("status", ["--force"]))).toBe("status: unknown flag --force");
    expect(usageMessage(() => parseCommandLine("status", ["-x"]))).toBe("status: unknown flag -x");
  });

  it("rejects option-shaped values where a ref or path is expected", () => {
    for (const argv of [
      ["--mode", "adversarial-review", "--base", "-x"],
      ["--mode", "adversarial-review", "--base=--upload-pack=evil"],
      ["--mode", "review", "--cwd", "--human"],
    ]) {
      expect(usageMessage(() => parseCommandLine("run", argv))).toMatch(/option-shaped/);
    }
  });

  it("allows - as the stdin prompt file", () => {
    expect(parseCommandLine("run", ["--mode", "rescue", "--prompt-file", "-"]).promptFile).toBe("-");
  });

  it("names the required flag and its values when it is missing", () => {
    expect(usageMessage(() => parseCommandLine("run", []))).toBe("run: --mode is required (one of review, adversarial-review, custom-review, rescue).");
    expect(usageMessage(() => parseCommandLine("result", []))).toBe("result: --job is required.");
    expect(parseCommandLine("result", ["--help"]).globals.help).toBe(true);
  });

  it("rejects bad enum values, values on booleans, missing values and prompt words where none are taken", () => {
    expect(usageMessage(() => parseCommandLine("run", ["--mode", "nope"]))).toMatch(/--mode must be one of/);
    expect(usageMessage(() => parseCommandLine("cancel", ["--job", "x", "--force=yes"]))).toBe("cancel: --force takes no value.");
    expect(usageMessage(() => parseCommandLine("wait", ["--job"]))).toBe("wait: --job needs a value.");
    expect(usageMessage(() => parseCommandLine("status", ["stray"]))).toMatch(/unexpected argument "stray"/);
  });

  it("reads the global flags", () => {
    expect(parseCommandLine("status", ["--state-dir", "/s", "--human", "-h"]).globals).toEqual({ stateDir: "/s", human: true, help: true });
  });

  it("validates seconds", () => {
    expect(parseCommandLine("wait", ["--job", "j", "--timeout", "2.5"]).values.timeout).toBe(2.5);
    for (const bad of ["0", "abc", "1e3", "Infinity"]) {
      expect(usageMessage(() => parseCommandLine("wait", ["--job", "j", "--timeout", bad]))).toMatch(/positive number of seconds/);
    }
  });

  it("never turns a flag-shaped word into prompt text (property)", () => {
    const known = new Set(Object.keys({ ...COMMANDS.run.flags, ...GLOBAL_FLAGS }));
    const flagWord = fc.stringMatching(/^--[a-z][a-z-]{0,15}$/).filter((word) => !known.has(word.slice(2)));
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }).filter((w) => !w.startsWith("-")), { maxLength: 4 }), flagWord, (words, flag) => {
        let prompt: string[] | null = null;
        try {
          prompt = parseCommandLine("run", ["--mode", "rescue", ...words, flag, ...words]).words;
        } catch (error) {
          return error instanceof CompanionError && error.exitCode === 2;
        }
        return !prompt.includes(flag);
      }),
    );
  });
});

describe("splitOutsideBraces", () => {
  it("never splits inside braces and drops empty parts (property)", () => {
    const glob = fc.stringMatching(/^[a-z*/.]{1,6}(\{[a-z]{1,3}(,[a-z]{1,3}){1,2}\})?$/);
    fc.assert(fc.property(fc.array(glob, { minLength: 1, maxLength: 4 }), (globs) => JSON.stringify(splitOutsideBraces(globs.join(","))) === JSON.stringify(globs)));
    expect(splitOutsideBraces(",a,,b,")).toEqual(["a", "b"]);
  });
});

import { describe, expect, it } from "vitest";
import { codeForText, exitDescription, isCleanExit, lastLine } from "./failure-text.js";

describe("failure text", () => {
  it("takes the last non-blank line", () => {
    expect(lastLine("first\n  Error: boom  \n\n")).toBe("Error: boom");
    expect(lastLine(" \n")).toBeNull();
  });

  it("describes how the process ended", () => {
    expect(exitDescription({ exitCode: 2, signal: null, stderr: "" })).toBe("exit code 2");
    expect(exitDescription({ exitCode: null, signal: "SIGKILL", stderr: "" })).toBe("signal SIGKILL");
    expect(exitDescription({ exitCode: null, signal: null, stderr: "" })).toBe("exit code unknown");
  });

  it("counts only exit code 0 without a signal as clean", () => {
    expect(isCleanExit({ exitCode: 0, signal: null, stderr: "" })).toBe(true);
    expect(isCleanExit({ exitCode: 1, signal: null, stderr: "" })).toBe(false);
    expect(isCleanExit({ exitCode: null, signal: "SIGTERM", stderr: "" })).toBe(false);
  });

  it("gives the first matching rule's code, in table order", () => {
    const rules = [
      ["first", /limit/],
      ["second", /rate limit/],
    ] as const;
    expect(codeForText(rules, "rate limit hit")).toBe("first");
    expect(codeForText(rules, "nothing")).toBeNull();
  });
});

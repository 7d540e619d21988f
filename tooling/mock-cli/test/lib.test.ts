import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommander } from "../lib/cli-commander.js";
import { parseYargs } from "../lib/cli-yargs.js";
import { CLAUDE_OPTIONS } from "../lib/claude-options.js";
import { GEMINI_OPTIONS } from "../lib/gemini-options.js";
import { parsePolicyRules } from "../lib/gemini-policy.js";
import { splitList } from "../lib/options.js";
import { sampleFromSchema } from "../lib/schema-sample.js";
import { parseWriteScript, performScript } from "../lib/write-action.js";

describe("commander imitation", () => {
  it("variadic options swallow words until the next option; = and -- stop that", () => {
    const r = parseCommander(["-p", "--tools", "Read", "Grep", "--verbose", "--add-dir=/x", "prompt", "--", "--not-an-option"], CLAUDE_OPTIONS);
    expect(r).toEqual({
      ok: true,
      opts: { print: true, tools: ["Read", "Grep"], verbose: true, addDir: ["/x"] },
      operands: ["prompt", "--not-an-option"],
    });
  });

  it("a required value is taken verbatim even when option-shaped", () => {
    const r = parseCommander(["--model", "--verbose"], CLAUDE_OPTIONS);
    expect(r.ok && r.opts.model).toBe("--verbose");
  });

  it("reports a missing value and an unknown option", () => {
    expect(parseCommander(["--model"], CLAUDE_OPTIONS)).toEqual({ ok: false, message: "option '--model <model>' argument missing" });
    expect(parseCommander(["--tools=Read", "--x=1"], CLAUDE_OPTIONS)).toEqual({ ok: false, message: "unknown option '--x=1'" });
  });

  it("--resume takes a value only when one follows", () => {
    const a = parseCommander(["--resume", "-p"], CLAUDE_OPTIONS);
    expect(a.ok && a.opts.resume).toBe(true);
    const b = parseCommander(["-r", "abc", "-p"], CLAUDE_OPTIONS);
    expect(b.ok && b.opts.resume).toBe("abc");
  });
});

describe("yargs imitation", () => {
  it("parses string, boolean and array options", () => {
    const r = parseYargs(["-p", "", "-o", "json", "--skip-trust", "--policy", "a.toml", "b.toml", "-m", "x"], GEMINI_OPTIONS);
    expect(r).toEqual({
      ok: true,
      opts: { prompt: "", outputFormat: "json", skipTrust: true, policy: ["a.toml", "b.toml"], model: "x" },
      operands: [],
    });
  });

  it("lists every unknown argument", () => {
    expect(parseYargs(["--foo", "1", "-z"], GEMINI_OPTIONS)).toEqual({ ok: false, message: "Unknown arguments: foo, z" });
  });
});

describe("helpers", () => {
  it("splitList keeps parenthesised patterns whole", () => {
    expect(splitList(["Read,Grep Bash(git log:*)", "Edit"])).toEqual(["Read", "Grep", "Bash(git log:*)", "Edit"]);
    expect(splitList([""])).toEqual([]);
  });

  it("parsePolicyRules reads string and array tool names", () => {
    const rules = parsePolicyRules(`[[rule]]\ntoolName = "write_file"\ndecision = "deny"\n\n[[rule]]\ntoolName = [\n  "replace",\n  "run_shell_command",\n]\ndecision = 'deny'\nargsPattern = "x"\n`);
    expect(rules).toEqual([
      { toolNames: ["write_file"], decision: "deny", conditional: false },
      { toolNames: ["replace", "run_shell_command"], decision: "deny", conditional: true },
    ]);
  });

  it("sampleFromSchema satisfies simple schemas", () => {
    expect(sampleFromSchema({ type: "object", properties: { a: { type: "integer", minimum: 2 }, b: { const: "x" }, c: { type: ["null", "boolean"] } } }))
      .toEqual({ a: 2, b: "x", c: true });
  });
});

describe("write script", () => {
  it("parses steps and refuses anything else", () => {
    expect(parseWriteScript('[{"write":"a","content":"x"},{"delete":"b"},{"rename":"c","to":"d"},{"chmod":"e","mode":"755"},{"list":"f"}]').ok).toBe(true);
    expect(parseWriteScript("{}")).toEqual({ ok: false, error: "not a JSON array" });
    expect(parseWriteScript('[{"explode":"x"}]').ok).toBe(false);
    expect(parseWriteScript("[").ok).toBe(false);
  });

  it("writes, renames, deletes, chmods and lists, relative to the cwd", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mock-script-"));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      writeFileSync(join(dir, "old.txt"), "old\n");
      writeFileSync(join(dir, "gone.txt"), "gone\n");
      performScript([
        { write: "sub/new file.txt", content: "new\n" },
        { write: "bin", base64: Buffer.from([0, 255]).toString("base64") },
        { rename: "old.txt", to: "moved/old.txt" },
        { delete: "gone.txt" },
        { chmod: "bin", mode: "755" },
        { list: "listing.txt" },
      ]);
      expect(readFileSync(join(dir, "sub/new file.txt"), "utf8")).toBe("new\n");
      expect([...readFileSync(join(dir, "bin"))]).toEqual([0, 255]);
      expect(statSync(join(dir, "bin")).mode & 0o111).not.toBe(0);
      expect(readFileSync(join(dir, "listing.txt"), "utf8")).toBe("bin\nmoved/old.txt\nsub/new file.txt\n");
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

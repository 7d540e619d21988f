import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CLAUDE_BIN,
  alive,
  exists,
  fixtureJson,
  fixtureLines,
  keys,
  lines,
  run,
  start,
  tempDir,
  waitFor,
} from "./helpers.js";

const STREAM = ["-p", "--output-format", "stream-json", "--verbose"];
const JSON_OUT = ["-p", "--output-format", "json"];
const SESSION = "0611a80b-9e2f-44a2-b271-e04aa76921c5";

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe("mock-claude flag surface", () => {
  it("prints the version, overridable", async () => {
    expect((await run(CLAUDE_BIN, ["--version"])).stdout).toBe("2.1.330 (Claude Code)\n");
    const r = await run(CLAUDE_BIN, ["-v"], { env: { MOCK_CLI_VERSION: "1.0.0 (Claude Code)" } });
    expect(r.stdout).toBe("1.0.0 (Claude Code)\n");
  });

  it("lists every accepted flag in --help", async () => {
    const r = await run(CLAUDE_BIN, ["--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--print", "--output-format", "--verbose", "--model", "--tools", "--allowedTools", "--disallowedTools",
      "--permission-mode", "--setting-sources", "--strict-mcp-config", "--mcp-config", "--add-dir", "--session-id",
      "--resume", "--json-schema", "--no-session-persistence", "--version", "--help"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("rejects unknown options like commander", async () => {
    const r = await run(CLAUDE_BIN, ["-p", "--bogus", "hi"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: unknown option '--bogus'\n");
    expect(r.stdout).toBe("");
  });

  it("drops flags named in MOCK_CLI_HELP_OMIT from help and parsing", async () => {
    const env = { MOCK_CLI_HELP_OMIT: "--tools,permission-mode" };
    const help = await run(CLAUDE_BIN, ["--help"], { env });
    expect(help.stdout).not.toContain("--tools ");
    expect(help.stdout).not.toContain("--permission-mode");
    expect(help.stdout).toContain("--disallowedTools");
    const r = await run(CLAUDE_BIN, ["-p", "--tools", "Read", "--", "hi"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: unknown option '--tools'");
  });

  it("validates choices", async () => {
    const r = await run(CLAUDE_BIN, ["-p", "--output-format", "xml", "hi"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json, stream-json.");
  });

  it("requires --verbose for stream-json in print mode", async () => {
    const r = await run(CLAUDE_BIN, ["-p", "--output-format", "stream-json", "hi"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--output-format=stream-json requires --verbose");
  });

  it("lets variadic options swallow the prompt, like the real CLI", async () => {
    const swallowed = await run(CLAUDE_BIN, ["-p", "--tools", "Read,Grep", "review this"]);
    expect(swallowed.code).toBe(1);
    expect(swallowed.stderr).toContain("Input must be provided");
    const eq = await run(CLAUDE_BIN, [...JSON_OUT, "--tools=Read,Grep", "--add-dir=/tmp", "review this"]);
    expect(eq.code).toBe(0);
    const dashdash = await run(CLAUDE_BIN, [...JSON_OUT, "--disallowedTools", "Write", "Edit", "--", "review this"]);
    expect(dashdash.code).toBe(0);
  });

  it("rejects an invalid --session-id", async () => {
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--session-id", "nope", "hi"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Invalid session ID");
  });

  it("reads the prompt from stdin and logs the invocation", async () => {
    const log = join(tmp.path, "log.ndjson");
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--model", "claude-sonnet-4-5"], {
      input: "prompt on stdin",
      cwd: tmp.path,
      env: { MOCK_CLI_LOG: log, ANTHROPIC_API_KEY: "secret-value" },
    });
    expect(r.code).toBe(0);
    const entry = lines(readFileSync(log, "utf8"))[0] as Record<string, unknown>;
    expect(entry.target).toBe("claude");
    expect(entry.argv).toEqual([...JSON_OUT, "--model", "claude-sonnet-4-5"]);
    expect(entry.stdin).toBe("prompt on stdin");
    expect(entry.prompt).toBe("prompt on stdin");
    expect(entry.env).toContain("ANTHROPIC_API_KEY");
    expect(JSON.stringify(entry)).not.toContain("secret-value");
    expect(typeof entry.pid).toBe("number");
    expect(entry.cwd).toBe(realpathSync(tmp.path));
  });

  it("waits for stdin to end before answering", async () => {
    const log = join(tmp.path, "log.jsonl");
    const p = start(CLAUDE_BIN, [...JSON_OUT], { input: null, env: { MOCK_CLI_LOG: log } });
    // Far more than a pipe holds: the write completes only once the mock has read most of it,
    // so the tail below arrives after the mock has been reading for a while.
    const head = "x".repeat(1024 * 1024);
    await new Promise<void>((resolve, reject) => p.child.stdin?.write(head, (error) => (error ? reject(error) : resolve())));
    expect(p.stdout()).toBe("");
    p.child.stdin?.end(" and the tail");
    const r = await p.done;
    expect(r.code).toBe(0);
    const entry = lines(readFileSync(log, "utf8"))[0] as Record<string, unknown>;
    expect(entry.prompt).toBe(`${head} and the tail`);
  });
});

describe("mock-claude output shapes", () => {
  it("json success matches the captured shape", async () => {
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--model", "claude-sonnet-4-5", "hi"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(keys(out)).toEqual(keys(fixtureJson("claude-2.1.330-json-success.json")));
    expect(out).toMatchObject({ type: "result", subtype: "success", is_error: false, total_cost_usd: 0.00021 });
    expect(out.result).toBe("No blocking issues found. VERDICT: APPROVE");
  });

  it("stream-json success: init, assistant, result", async () => {
    const r = await run(CLAUDE_BIN, [...STREAM, "--tools", "Read,Grep,Glob", "--model", "claude-sonnet-4-5", "--", "hi"], { cwd: tmp.path });
    expect(r.code).toBe(0);
    const events = lines(r.stdout);
    const fixture = fixtureLines("claude-2.1.330-stream-json-success.ndjson");
    expect(events.map((e) => e.type)).toEqual(fixture.map((e) => e.type));
    events.forEach((e, i) => expect(keys(e)).toEqual(keys(fixture[i])));
    expect(events[0]).toMatchObject({ subtype: "init", tools: ["Glob", "Grep", "Read"], model: "claude-sonnet-4-5" });
    expect(events[0]?.cwd).toMatch(/mock-cli-test-/);
    const sessionIds = new Set(events.map((e) => e.session_id));
    expect(sessionIds.size).toBe(1);
    expect([...sessionIds][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("json --verbose prints every message as an array", async () => {
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--verbose", "hi"]);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(out)).toBe(true);
    expect(out.at(-1)?.type).toBe("result");
    expect(out[0]?.subtype).toBe("init");
  });

  it("text format prints the answer", async () => {
    const r = await run(CLAUDE_BIN, ["-p", "hi"]);
    expect(r.stdout).toBe("No blocking issues found. VERDICT: APPROVE\n");
  });

  it("uses --session-id and reports it in the answer", async () => {
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--session-id", SESSION, "hi"]);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.session_id).toBe(SESSION);
    expect(out.result).toContain(`session:${SESSION}`);
  });

  it("reports the resumed session", async () => {
    const r = await run(CLAUDE_BIN, [...STREAM, "--resume", SESSION, "again"]);
    const events = lines(r.stdout);
    expect(events.every((e) => e.session_id === SESSION)).toBe(true);
    expect(events.at(-1)?.result).toContain(`resumed:${SESSION}`);
  });

  it("refuses --session-id together with --resume", async () => {
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--resume", SESSION, "--session-id", SESSION, "hi"]);
    expect(r.code).toBe(1);
  });

  it("with MOCK_CLI_STATE_DIR, resuming an unknown session fails", async () => {
    const env = { MOCK_CLI_STATE_DIR: tmp.path };
    const miss = await run(CLAUDE_BIN, [...JSON_OUT, "--resume", SESSION, "hi"], { env });
    expect(miss.code).toBe(1);
    expect(miss.stderr).toContain(`No conversation found with session ID: ${SESSION}`);
    expect((await run(CLAUDE_BIN, [...JSON_OUT, "--session-id", SESSION, "hi"], { env })).code).toBe(0);
    expect((await run(CLAUDE_BIN, [...JSON_OUT, "--resume", SESSION, "hi"], { env })).code).toBe(0);
  });

  it("structured output follows --json-schema", async () => {
    const schema = JSON.stringify({
      type: "object",
      properties: { verdict: { type: "string", enum: ["approve", "reject"] }, findings: { type: "array" }, score: { type: "number" } },
      required: ["verdict", "findings"],
    });
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--json-schema", schema, "hi"], { env: { MOCK_CLI_SCENARIO: "structured" } });
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.structured_output).toEqual({ verdict: "approve", findings: [], score: 0 });
    const fixed = await run(CLAUDE_BIN, [...JSON_OUT, "--json-schema", schema, "hi"], {
      env: { MOCK_CLI_STRUCTURED_OUTPUT: '{"verdict":"reject","findings":["x"]}' },
    });
    expect((JSON.parse(fixed.stdout) as Record<string, unknown>).structured_output).toEqual({ verdict: "reject", findings: ["x"] });
    const none = JSON.parse((await run(CLAUDE_BIN, [...JSON_OUT, "hi"])).stdout) as Record<string, unknown>;
    expect("structured_output" in none).toBe(false);
  });
});

describe("mock-claude error scenarios", () => {
  const cases = [
    ["auth", 401, "claude-2.1.330-json-error-401.json"],
    ["rate-limit", 429, "claude-2.1.330-json-error-429.json"],
    ["unknown-model", 404, "claude-2.1.330-json-error-404-model.json"],
    ["not-logged-in", null, "claude-2.1.330-json-error-not-logged-in.json"],
    ["quota", 429, "claude-2.1.330-json-error-429.json"],
  ] as const;

  for (const [scenario, status, fixture] of cases) {
    it(`${scenario}: json result with is_error and api_error_status ${String(status)}`, async () => {
      const r = await run(CLAUDE_BIN, [...JSON_OUT, "hi"], { env: { MOCK_CLI_SCENARIO: scenario } });
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(keys(out)).toEqual(keys(fixtureJson(fixture)));
      expect(out).toMatchObject({ type: "result", is_error: true, api_error_status: status, terminal_reason: "api_error" });
    });
  }

  it("rate-limit in stream-json matches the captured event types", async () => {
    const r = await run(CLAUDE_BIN, [...STREAM, "hi"], { env: { MOCK_CLI_SCENARIO: "rate-limit" } });
    expect(r.code).toBe(1);
    const events = lines(r.stdout);
    const fixture = fixtureLines("claude-2.1.330-stream-json-error-429.ndjson");
    const kinds = (es: Record<string, unknown>[]) => [...new Set(es.map((e) => `${String(e.type)}/${String(e.subtype ?? "")}`))];
    expect(kinds(events)).toEqual(kinds(fixture));
    expect(keys(events.at(-1))).toEqual(keys(fixture.at(-1)));
    expect(keys(events.at(-2))).toEqual(keys(fixture.at(-2)));
  });

  it("garbage: non-JSON on stdout, exit 0", async () => {
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "hi"], { env: { MOCK_CLI_SCENARIO: "garbage" } });
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it("crash: exit 1, stderr, no result", async () => {
    const r = await run(CLAUDE_BIN, [...STREAM, "hi"], { env: { MOCK_CLI_SCENARIO: "crash" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("simulated crash");
    expect(lines(r.stdout).some((e) => e.type === "result")).toBe(false);
  });
});

describe("mock-claude write scenario", () => {
  const env = () => ({ MOCK_CLI_SCENARIO: "write", MOCK_CLI_WRITE_PATH: "out/owned.txt" });
  const target = () => join(tmp.path, "out", "owned.txt");

  it("writes with acceptEdits (relative path against cwd)", async () => {
    const r = await run(CLAUDE_BIN, [...STREAM, "--permission-mode", "acceptEdits", "hi"], { env: env(), cwd: tmp.path });
    expect(r.code).toBe(0);
    expect(readFileSync(target(), "utf8")).toBe("mutated\n");
    const result = lines(r.stdout).at(-1) as Record<string, unknown>;
    expect(result.permission_denials).toEqual([]);
    expect(result.num_turns).toBe(2);
  });

  it("writes when Write is pre-approved with --allowedTools", async () => {
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "--allowedTools=Write", "hi"], { env: env(), cwd: tmp.path });
    expect(r.code).toBe(0);
    expect(exists(target())).toBe(true);
  });

  it("permission-mode default: denial like the real CLI, nothing written", async () => {
    const r = await run(CLAUDE_BIN, [...STREAM, "--permission-mode", "default", "hi"], { env: env(), cwd: tmp.path });
    expect(r.code).toBe(0);
    expect(exists(target())).toBe(false);
    const events = lines(r.stdout);
    const fixture = fixtureLines("claude-2.1.330-stream-json-denied-write.ndjson");
    expect(events.map((e) => `${String(e.type)}/${String(e.subtype ?? "")}`)).toEqual(
      fixture.map((e) => `${String(e.type)}/${String(e.subtype ?? "")}`),
    );
    events.forEach((e, i) => expect(keys(e)).toEqual(keys(fixture[i])));
    const result = events.at(-1) as { permission_denials: { tool_name: string; tool_input: { file_path: string } }[] };
    expect(result.permission_denials).toHaveLength(1);
    expect(result.permission_denials[0]?.tool_name).toBe("Write");
    expect(result.permission_denials[0]?.tool_input.file_path).toBe(target());
  });

  it("Write not offered (--tools read-only or --disallowedTools Write): nothing written", async () => {
    for (const flags of [["--tools", "Read,Grep,Glob"], ["--disallowedTools", "Write"]]) {
      const r = await run(CLAUDE_BIN, [...STREAM, ...flags, "--permission-mode", "acceptEdits", "--", "hi"], { env: env(), cwd: tmp.path });
      expect(r.code).toBe(0);
      expect(exists(target())).toBe(false);
      expect(r.stdout).toContain("No such tool available: Write");
    }
  });
});

describe("mock-claude timing and signals", () => {
  it("hang: init, then keeps running", async () => {
    const p = start(CLAUDE_BIN, [...STREAM, "hi"], { env: { MOCK_CLI_SCENARIO: "hang" } });
    await waitFor(() => p.stdout().includes('"subtype":"init"'));
    p.child.kill("SIGTERM");
    // Killed by the signal, not exited: it was still running when the signal came.
    const r = await p.done;
    expect(r.signal).toBe("SIGTERM");
  });

  it("trap-term: SIGTERM yields a valid successful result and exit 0", async () => {
    const ready = join(tmp.path, "ready");
    const p = start(CLAUDE_BIN, [...STREAM, "hi"], { env: { MOCK_CLI_SCENARIO: "trap-term", MOCK_CLI_READY_FILE: ready } });
    await waitFor(() => exists(ready));
    expect(Number(readFileSync(ready, "utf8"))).toBe(p.child.pid);
    p.child.kill("SIGTERM");
    const r = await p.done;
    expect(r.code).toBe(0);
    const result = lines(r.stdout).at(-1);
    expect(result).toMatchObject({ type: "result", is_error: false, subtype: "success" });
  });

  it("ignore-term: survives SIGTERM, dies on SIGKILL", async () => {
    const p = start(CLAUDE_BIN, [...STREAM, "hi"], { env: { MOCK_CLI_SCENARIO: "ignore-term" } });
    await waitFor(() => p.stdout().includes('"subtype":"init"'));
    p.child.kill("SIGTERM");
    await waitFor(() => p.stderr().includes("ignoring SIGTERM"));
    expect(alive(p.child)).toBe(true);
    p.child.kill("SIGKILL");
    expect((await p.done).signal).toBe("SIGKILL");
  });

  it("slow: spreads events over MOCK_CLI_DELAY_MS", async () => {
    const t0 = Date.now();
    const r = await run(CLAUDE_BIN, [...STREAM, "hi"], { env: { MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "400" } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).filter((e) => e.type === "assistant").length).toBeGreaterThan(1);
  });

  it("MOCK_CLI_DELAY_MS delays the result", async () => {
    const t0 = Date.now();
    const r = await run(CLAUDE_BIN, [...JSON_OUT, "hi"], { env: { MOCK_CLI_DELAY_MS: "300" } });
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
  });
});

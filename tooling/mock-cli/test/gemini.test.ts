import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURES, GEMINI_BIN, alive, exists, fixtureJson, fixtureLines, keys, lines, run, start, tempDir, waitFor } from "./helpers.js";

const STREAM = ["--skip-trust", "-o", "stream-json"];
const JSON_OUT = ["--skip-trust", "--output-format", "json"];
const SESSION = "b4ed395b-da96-4c5f-b820-2d5163b76ace";
const DENY_POLICY = `[[rule]]
toolName = "write_file"
decision = "deny"
priority = 100

[[rule]]
toolName = ["replace", "run_shell_command"]
decision = "deny"
priority = 100
`;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** The JSON document at the end of a gemini stderr (after any warning lines). */
function stderrJson(stderr: string): Record<string, unknown> {
  return JSON.parse(stderr.slice(stderr.lastIndexOf("\n{\n") + 1)) as Record<string, unknown>;
}

describe("mock-gemini flag surface", () => {
  it("prints the version, overridable", async () => {
    expect((await run(GEMINI_BIN, ["--version"])).stdout).toBe("0.61.0\n");
    expect((await run(GEMINI_BIN, ["-v"], { env: { MOCK_CLI_VERSION: "0.70.1" } })).stdout).toBe("0.70.1\n");
  });

  it("lists every accepted flag in --help", async () => {
    const r = await run(GEMINI_BIN, ["--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--prompt", "--output-format", "--model", "--approval-mode", "--policy", "--include-directories",
      "--skip-trust", "--session-id", "--resume", "--sandbox", "--version", "--help"]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("rejects unknown arguments like yargs", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "--bogus", "-p", "hi"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n").at(-1)).toBe("Unknown argument: bogus");
  });

  it("MOCK_CLI_HELP_OMIT removes a flag from help and parsing", async () => {
    const env = { MOCK_CLI_HELP_OMIT: "--policy" };
    expect((await run(GEMINI_BIN, ["--help"], { env })).stdout).not.toContain("--policy");
    const r = await run(GEMINI_BIN, [...JSON_OUT, "--policy", "x.toml", "-p", "hi"], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Unknown argument: policy");
  });

  it("rejects an invalid --approval-mode", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "--approval-mode", "never", "-p", "hi"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Argument: approval-mode, Given: "never"');
  });

  it("exits 55 in an untrusted workspace", async () => {
    const r = await run(GEMINI_BIN, ["-o", "json", "-p", "hi"]);
    expect(r.code).toBe(55);
    const trusted = await run(GEMINI_BIN, ["-o", "json", "-p", "hi"], { env: { GEMINI_CLI_TRUST_WORKSPACE: "true" } });
    expect(trusted.code).toBe(0);
  });

  it("-s fails without a sandbox image", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "-s", "-p", "hi"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Sandbox image");
  });

  it("appends -p to stdin, echoes it as a user message, logs the invocation", async () => {
    const log = join(tmp.path, "log.ndjson");
    const r = await run(GEMINI_BIN, [...STREAM, "-p", "second part"], {
      input: "first part",
      cwd: tmp.path,
      env: { MOCK_CLI_LOG: log, GEMINI_API_KEY: "secret-value", GOOGLE_GEMINI_BASE_URL: "http://127.0.0.1:1" },
    });
    expect(r.code).toBe(0);
    const events = lines(r.stdout);
    expect(events[1]).toMatchObject({ type: "message", role: "user", content: "first part\n\nsecond part" });
    const entry = lines(readFileSync(log, "utf8"))[0] as Record<string, unknown>;
    expect(entry).toMatchObject({ target: "gemini", stdin: "first part", cwd: realpathSync(tmp.path) });
    expect(entry.argv).toEqual([...STREAM, "-p", "second part"]);
    expect(entry.env).toEqual(expect.arrayContaining(["GEMINI_API_KEY", "GOOGLE_GEMINI_BASE_URL"]));
    expect(JSON.stringify(entry)).not.toContain("secret-value");
  });

  it("exits 42 without any input", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "-p", ""]);
    expect(r.code).toBe(42);
  });

  it("array options swallow following words like yargs", async () => {
    const log = join(tmp.path, "log.ndjson");
    // The positional prompt becomes a directory; with an empty stdin there is no input.
    const r = await run(GEMINI_BIN, [...JSON_OUT, "--include-directories", "/tmp", "review this"], { env: { MOCK_CLI_LOG: log } });
    expect(r.code).toBe(42);
    const ok = await run(GEMINI_BIN, [...JSON_OUT, "--include-directories", "/tmp", "-p", "review this"]);
    expect(ok.code).toBe(0);
  });

  it("refuses a positional prompt together with -p", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "-p", "a", "b"]);
    expect(r.code).toBe(1);
  });
});

describe("mock-gemini output shapes", () => {
  it("json success matches the captured shape", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "-m", "fake", "-p", "hi"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const fixture = fixtureJson("gemini-0.61.0-json-success.json");
    expect(keys(out)).toEqual(keys(fixture));
    const strip = (o: unknown): unknown =>
      JSON.parse(JSON.stringify(o), (k: string, v: unknown) => (/latency/i.test(k) ? 0 : v)) as unknown;
    expect(strip(out.stats)).toEqual(strip(fixture.stats));
    expect(out.response).toBe("No blocking issues found. VERDICT: APPROVE");
  });

  it("stream-json success: init, user echo, assistant delta, result", async () => {
    const r = await run(GEMINI_BIN, [...STREAM, "-p", "hi"]);
    const events = lines(r.stdout);
    expect(events.map((e) => e.type)).toEqual(["init", "message", "message", "result"]);
    expect(events[2]).toMatchObject({ role: "assistant", delta: true });
    expect(events[3]).toMatchObject({ status: "success" });
    const fixture = fixtureLines("gemini-0.61.0-stream-json-policy-denied-write.ndjson");
    expect(keys(events[0])).toEqual(keys(fixture[0]));
    expect(keys((events[3] as { stats: object }).stats)).toEqual(keys((fixture.at(-1) as { stats: object }).stats));
  });

  it("session id: --session-id used, --resume reported, both in the answer", async () => {
    const a = JSON.parse((await run(GEMINI_BIN, [...JSON_OUT, "--session-id", SESSION, "-p", "hi"])).stdout) as Record<string, string>;
    expect(a.session_id).toBe(SESSION);
    expect(a.response).toContain(`session:${SESSION}`);
    const b = JSON.parse((await run(GEMINI_BIN, [...JSON_OUT, "--resume", SESSION, "-p", "hi"])).stdout) as Record<string, string>;
    expect(b.session_id).toBe(SESSION);
    expect(b.response).toContain(`resumed:${SESSION}`);
  });

  it("with MOCK_CLI_STATE_DIR, resume works only from the creating cwd", async () => {
    const state = join(tmp.path, "state");
    const a = join(tmp.path, "a");
    const b = join(tmp.path, "b");
    mkdirSync(a);
    mkdirSync(b);
    const env = { MOCK_CLI_STATE_DIR: state };
    expect((await run(GEMINI_BIN, [...JSON_OUT, "--session-id", SESSION, "-p", "hi"], { env, cwd: a })).code).toBe(0);
    expect((await run(GEMINI_BIN, [...JSON_OUT, "--resume", SESSION, "-p", "hi"], { env, cwd: a })).code).toBe(0);
    expect((await run(GEMINI_BIN, [...JSON_OUT, "--resume", SESSION, "-p", "hi"], { env, cwd: b })).code).toBe(42);
  });
});

describe("mock-gemini error scenarios", () => {
  const cases = [
    ["auth", 145, 401],
    ["auth-config", 41, 41],
    ["not-logged-in", 41, 41],
    ["rate-limit", 173, 429],
    ["quota", 173, 429],
    ["unknown-model", 1, 1],
  ] as const;
  for (const [scenario, exit, code] of cases) {
    it(`${scenario}: stdout empty, error JSON on stderr, exit ${exit}`, async () => {
      const r = await run(GEMINI_BIN, [...JSON_OUT, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: scenario } });
      expect(r.code).toBe(exit);
      expect(r.stdout).toBe("");
      const err = stderrJson(r.stderr);
      expect(keys(err)).toEqual(["error", "session_id"]);
      expect(keys(err.error)).toEqual(["code", "message", "type"]);
      expect((err.error as { code: number }).code).toBe(code);
    });
  }

  it("unknown-model names ModelNotFoundError on stderr", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "unknown-model" } });
    expect(r.stderr).toContain("ModelNotFoundError");
  });

  it("auth-config stderr equals the captured document apart from the session id", async () => {
    const r = await run(GEMINI_BIN, [...JSON_OUT, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "auth-config" } });
    const fixture = readFileSync(join(FIXTURES, "gemini-0.61.0-json-error-auth.stderr.txt"), "utf8");
    const norm = (s: string) => s.replace(/"session_id": "[^"]+"/, '"session_id": "X"').trim();
    expect(norm(r.stderr)).toBe(norm(fixture));
  });

  it("stream-json errors end with an error result event", async () => {
    const r = await run(GEMINI_BIN, [...STREAM, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "auth" } });
    expect(r.code).toBe(145);
    const last = lines(r.stdout).at(-1);
    expect(last).toMatchObject({ type: "result", status: "error" });
  });

  it("garbage and crash", async () => {
    const g = await run(GEMINI_BIN, [...JSON_OUT, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "garbage" } });
    expect(g.code).toBe(0);
    expect(() => JSON.parse(g.stdout)).toThrow();
    const c = await run(GEMINI_BIN, [...JSON_OUT, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "crash" } });
    expect(c.code).toBe(1);
    expect(c.stdout).toBe("");
    expect(c.stderr).toContain("simulated crash");
  });
});

describe("mock-gemini write scenario", () => {
  const env = { MOCK_CLI_SCENARIO: "write", MOCK_CLI_WRITE_PATH: "owned.txt" };
  const target = () => join(tmp.path, "owned.txt");

  for (const mode of ["yolo", "auto_edit"]) {
    it(`--approval-mode ${mode} writes`, async () => {
      const r = await run(GEMINI_BIN, [...STREAM, "--approval-mode", mode, "-p", "fix"], { env, cwd: tmp.path });
      expect(r.code).toBe(0);
      expect(readFileSync(target(), "utf8")).toBe("mutated\n");
      expect(lines(r.stdout).find((e) => e.type === "tool_result")).toMatchObject({ status: "success" });
    });
  }

  it("--approval-mode plan does not write", async () => {
    const r = await run(GEMINI_BIN, [...STREAM, "--approval-mode", "plan", "-p", "fix"], { env, cwd: tmp.path });
    expect(r.code).toBe(0);
    expect(exists(target())).toBe(false);
  });

  it("a deny policy file blocks the write even in yolo mode, like the captured run", async () => {
    const policy = join(tmp.path, "policy.toml");
    writeFileSync(policy, DENY_POLICY);
    const r = await run(GEMINI_BIN, [...STREAM, "--approval-mode", "yolo", "--policy", policy, "-p", "fix"], { env, cwd: tmp.path });
    expect(r.code).toBe(0);
    expect(exists(target())).toBe(false);
    const events = lines(r.stdout);
    const fixture = fixtureLines("gemini-0.61.0-stream-json-policy-denied-write.ndjson");
    expect(events.map((e) => e.type)).toEqual(fixture.map((e) => e.type));
    events.forEach((e, i) => expect(keys(e)).toEqual(keys(fixture[i])));
    expect(events[3]).toMatchObject({ status: "error", error: { type: "tool_not_registered" } });
  });
});

describe("mock-gemini signals", () => {
  it("trap-term: SIGTERM yields a valid success result and exit 0", async () => {
    const ready = join(tmp.path, "ready");
    const p = start(GEMINI_BIN, [...STREAM, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "trap-term", MOCK_CLI_READY_FILE: ready } });
    await waitFor(() => exists(ready) && p.stdout().includes('"type":"init"'));
    p.child.kill("SIGTERM");
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(lines(r.stdout).at(-1)).toMatchObject({ type: "result", status: "success" });
  });

  it("trap-term with json output prints the json document", async () => {
    const ready = join(tmp.path, "ready");
    const p = start(GEMINI_BIN, [...JSON_OUT, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "trap-term", MOCK_CLI_READY_FILE: ready } });
    await waitFor(() => exists(ready));
    p.child.kill("SIGTERM");
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty("response");
  });

  it("ignore-term: survives SIGTERM", async () => {
    const p = start(GEMINI_BIN, [...STREAM, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "ignore-term" } });
    await waitFor(() => p.stdout().includes('"type":"init"'));
    p.child.kill("SIGTERM");
    await waitFor(() => p.stderr().includes("ignoring SIGTERM"));
    expect(alive(p.child)).toBe(true);
    p.child.kill("SIGKILL");
    expect((await p.done).signal).toBe("SIGKILL");
  });

  it("slow: assistant deltas concatenate to the answer", async () => {
    const r = await run(GEMINI_BIN, [...STREAM, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "200" } });
    const deltas = lines(r.stdout).filter((e) => e.role === "assistant");
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((e) => e.content).join("")).toBe("No blocking issues found. VERDICT: APPROVE");
  });

  it("hang: never finishes", async () => {
    const p = start(GEMINI_BIN, [...STREAM, "-p", "hi"], { env: { MOCK_CLI_SCENARIO: "hang" } });
    await waitFor(() => p.stdout().includes('"type":"init"'));
    p.child.kill("SIGTERM");
    // Killed by the signal, not exited: it was still running when the signal came.
    expect((await p.done).signal).toBe("SIGTERM");
  });
});

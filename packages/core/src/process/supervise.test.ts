import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LineInfo, ProcessExit, TargetOutcome, TargetParser } from "../adapter/adapter.js";
import { waitFor } from "../identity/test-support/children.js";
import { EMPTY_USAGE } from "../record/values.js";
import { type SuperviseOptions, superviseTarget } from "./supervise.js";

const TIMEOUT_S = 60;
const GRACE_MS = 5_000;

/** Records stdout lines; `line(text)` resolves when the target has printed that line. */
class LineParser implements TargetParser {
  readonly lines: string[] = [];
  private readonly waiters = new Map<string, () => void>();
  push(line: string): LineInfo {
    this.lines.push(line);
    this.waiters.get(line)?.();
    return { keepInLog: true, event: true, toolCall: false, text: line, sessionId: null };
  }
  finish(exit: ProcessExit): TargetOutcome {
    return { outcome: "completed", result: `${this.lines.join("|")} exit=${String(exit.exitCode)}`, structured_output: null, session_id: null, usage: EMPTY_USAGE, cost_usd: null, cost_source: null, permission_denials: [] };
  }
  line(text: string): Promise<void> {
    return this.lines.includes(text) ? Promise.resolve() : new Promise((resolve) => this.waiters.set(text, resolve));
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let dir: string;
let parser: LineParser;
let stop: AbortController;
let targetPid: number;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "supervise-"));
  parser = new LineParser();
  stop = new AbortController();
  targetPid = 0;
});
afterEach(async () => {
  vi.useRealTimers();
  if (targetPid !== 0 && isAlive(targetPid)) process.kill(-targetPid, "SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

const supervise = (script: string, overrides: Partial<SuperviseOptions> = {}) =>
  superviseTarget({
    binary: process.execPath,
    invocation: { args: ["-e", script], stdin: "", env: {}, files: [] },
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    timeoutS: TIMEOUT_S,
    graceMs: GRACE_MS,
    parser,
    logs: { stdout: join(dir, "stdout.log"), stderr: join(dir, "stderr.log") },
    onSpawned: (pid) => {
      targetPid = pid;
      return Promise.resolve();
    },
    onLine: () => undefined,
    stop: stop.signal,
    ...overrides,
  });

const IDLE = "setInterval(() => {}, 1000)";
const TRAPS_TERM = `process.on("SIGTERM", () => console.log("TERM")); console.log("ready"); ${IDLE}`;

// The deadline and the grace period are timers of this process: faked, they fire exactly when
// the test says, after the target has shown (by a line) that it is ready for them.
const fakeTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

describe("superviseTarget", { timeout: 60_000 }, () => {
  it("reports a normal exit with the parser's outcome and keeps the log", async () => {
    const result = await supervise(`console.log("hello"); console.error("warn"); process.exitCode = 3`);
    expect(result).toMatchObject({ outcome: "exited", exitCode: 3, signal: null, timedOut: false, stopped: false, target: { result: "hello exit=3" } });
    expect(await readFile(join(dir, "stdout.log"), "utf8")).toBe("hello\n");
    expect(await readFile(join(dir, "stderr.log"), "utf8")).toBe("warn\n");
  });

  it("a missing binary is binary_not_found", async () => {
    expect(await supervise(IDLE, { binary: join(dir, "no-such-cli") })).toMatchObject({ outcome: "spawn_failed", errorCode: "binary_not_found" });
  });

  it("at the deadline the target's whole group gets SIGTERM", async () => {
    fakeTimers();
    const script = `const g = require("node:child_process").spawn("sleep", ["300"], { stdio: "ignore" }); console.log(String(g.pid)); console.log("ready"); ${IDLE}`;
    const running = supervise(script);
    await parser.line("ready");
    const grandchild = Number(parser.lines[0]);
    expect(isAlive(grandchild)).toBe(true);
    vi.advanceTimersByTime(TIMEOUT_S * 1000);
    expect(await running).toMatchObject({ outcome: "exited", signal: "SIGTERM", timedOut: true, stopped: false });
    expect(isAlive(targetPid)).toBe(false);
    // Orphaned by the target, it is reaped by init once it has died.
    vi.useRealTimers();
    await waitFor(() => !isAlive(grandchild), 30_000, "the grandchild to be gone");
  });

  it("timeout → SIGTERM → SIGKILL: a target that traps SIGTERM is killed once the grace period ends", async () => {
    fakeTimers();
    const running = supervise(TRAPS_TERM);
    await parser.line("ready");
    vi.advanceTimersByTime(TIMEOUT_S * 1000);
    await parser.line("TERM");
    // It got SIGTERM, handled it and lives on: nothing but the grace timer will end it.
    expect(isAlive(targetPid)).toBe(true);
    vi.advanceTimersByTime(GRACE_MS);
    expect(await running).toMatchObject({ outcome: "exited", signal: "SIGKILL", timedOut: true });
    expect(isAlive(targetPid)).toBe(false);
  });

  it("a stop request (cancel, Ctrl-C) SIGTERMs, then SIGKILLs after the grace period", async () => {
    fakeTimers();
    const running = supervise(TRAPS_TERM);
    await parser.line("ready");
    stop.abort();
    await parser.line("TERM");
    expect(isAlive(targetPid)).toBe(true);
    vi.advanceTimersByTime(GRACE_MS);
    expect(await running).toMatchObject({ outcome: "exited", signal: "SIGKILL", timedOut: false, stopped: true });
  });

  it("a stop requested before the target started stops it at once", async () => {
    stop.abort();
    expect(await supervise(IDLE)).toMatchObject({ outcome: "exited", signal: "SIGTERM", stopped: true });
  });
});

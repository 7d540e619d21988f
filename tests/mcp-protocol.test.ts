/**
 * The MCP server at the byte level and across its lifetime: stdout carries only JSON-RPC,
 * it exits when stdin closes, the jobs it launched outlive it, and the MCP inspector's CLI
 * lists its tools.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa, type ResultPromise } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, binOf, eventually, isAlive } from "./support/companion.js";

type Message = { jsonrpc: string; id?: number; result?: { structuredContent?: Record<string, unknown>; isError?: boolean; tools?: { name: string }[] } };

const inspector = join(dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector/package.json")), "clients", "launcher", "build", "index.js");

/** A server spawned by hand: raw JSON-RPC lines in, every stdout line kept. */
class RawServer {
  readonly lines: string[] = [];
  private buffer = "";

  constructor(readonly process: ResultPromise<{ stdin: "pipe"; stdout: "pipe"; stderr: "pipe"; reject: false }>) {
    process.stdout.on("data", (chunk: Buffer) => {
      this.buffer += chunk.toString("utf8");
      const parts = this.buffer.split("\n");
      this.buffer = parts.pop() ?? "";
      this.lines.push(...parts);
    });
  }

  static start(h: Harness, cwd: string, env: Record<string, string> = {}): RawServer {
    const child = execa(process.execPath, [binOf(h.target), "mcp"], { cwd, env: { ...h.env, ...env }, extendEnv: false, stdin: "pipe", stdout: "pipe", stderr: "pipe", reject: false });
    return new RawServer(child);
  }

  send(message: Record<string, unknown>): void {
    this.process.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  }

  async initialize(): Promise<void> {
    this.send({ id: 0, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } } });
    await this.response(0);
    this.send({ method: "notifications/initialized" });
  }

  response(id: number): Promise<Message> {
    return eventually(async () => this.lines.map((line) => JSON.parse(line) as Message).find((message) => message.id === id), 60_000, 50);
  }

  /** Every stdout line, checked to be one JSON-RPC message. */
  messages(): Message[] {
    return this.lines.map((line) => {
      const message = JSON.parse(line) as Message;
      expect(message.jsonrpc, line).toBe("2.0");
      return message;
    });
  }
}

describe.each(TARGETS)("%s MCP server process", (target) => {
  let h: Harness;
  let work: string;
  const pids: number[] = [];
  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-mcp-raw-"));
  });
  afterEach(async () => {
    for (const pid of pids.splice(0)) if (isAlive(pid)) process.kill(pid, "SIGKILL");
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("writes only JSON-RPC on stdout, through listing, errors, a foreground and a background run", async () => {
    const server = RawServer.start(h, work);
    await server.initialize();
    server.send({ id: 1, method: "tools/list" });
    server.send({ id: 2, method: "tools/call", params: { name: "status", arguments: { job_id: "not-an-id" } } });
    server.send({ id: 3, method: "tools/call", params: { name: "run", arguments: { mode: "rescue", prompt: "fg", background: false }, _meta: { progressToken: "p" } } });
    server.send({ id: 4, method: "tools/call", params: { name: "run", arguments: { mode: "rescue", prompt: "bg" } } });
    server.send({ id: 5, method: "no/such/method" });
    expect((await server.response(1)).result?.tools).toHaveLength(9);
    expect((await server.response(2)).result).toMatchObject({ isError: true, structuredContent: { ok: false, error: "usage_error" } });
    expect((await server.response(3)).result?.structuredContent).toMatchObject({ status: "completed" });
    const launched = (await server.response(4)).result?.structuredContent;
    await server.response(5);
    await h.run(["wait", "--job", String(launched?.job_id), "--timeout", "50"]);
    server.process.stdin.end();
    const exited = await server.process;
    expect(exited.exitCode).toBe(0);
    expect(server.messages().length).toBeGreaterThanOrEqual(6);
  });

  it("exits when stdin closes; the jobs it launched run on and are collected from the CLI", async () => {
    const ready = join(h.dir, "ready");
    const hanging = RawServer.start(h, work, { MOCK_CLI_SCENARIO: "hang", MOCK_CLI_READY_FILE: ready });
    await hanging.initialize();
    hanging.send({ id: 1, method: "tools/call", params: { name: "run", arguments: { mode: "rescue", prompt: "hang" } } });
    const hangId = String((await hanging.response(1)).result?.structuredContent?.job_id);
    await eventually(async () => existsSync(ready));
    const targetPid = Number(await readFile(ready, "utf8"));
    pids.push(targetPid);

    const slow = RawServer.start(h, work, { MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "2000" });
    await slow.initialize();
    slow.send({ id: 1, method: "tools/call", params: { name: "run", arguments: { mode: "rescue", prompt: "slow" } } });
    const slowId = String((await slow.response(1)).result?.structuredContent?.job_id);

    for (const server of [hanging, slow]) {
      server.process.stdin.end();
      expect((await server.process).exitCode).toBe(0);
    }
    expect(isAlive(targetPid)).toBe(true);
    expect((await h.run(["status", "--job", hangId])).json).toMatchObject({ status: "running" });
    expect((await h.run(["cancel", "--job", hangId])).json).toMatchObject({ ok: true, job_status: "cancelled" });
    expect((await h.run(["wait", "--job", slowId, "--timeout", "50"])).json).toMatchObject({ status: "completed" });
    expect((await h.run(["result", "--job", slowId])).exitCode).toBe(0);
  });

  it("is listed by the MCP inspector's CLI mode", async () => {
    const listed = await execa(process.execPath, [inspector, "--cli", process.execPath, binOf(target), "mcp", "--method", "tools/list"], {
      cwd: work,
      env: h.env,
      extendEnv: false,
      reject: false,
      timeout: 60_000,
    });
    expect(listed.exitCode, String(listed.stderr)).toBe(0);
    const tools = (JSON.parse(String(listed.stdout)) as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(tools).toEqual(["run", "continue", "status", "result", "wait", "cancel", "preflight", "doctor", "apply"]);
  });
});

import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { COMPANION_BIN, companion, companionEnv } from "./companion.js";
import { BARE_NODE, type Measurement, node } from "./scenarios.js";
import { median, runOnce } from "./timing.js";

const PROTOCOL_VERSION = "2025-06-18";
const RUNS = 11;
const WARM_CALLS = 30;

/** A JSON-RPC message, or null for anything else on stdout (a build without `mcp` prints a usage error). */
function parseMessage(line: string): Record<string, unknown> | null {
  try {
    const message: unknown = JSON.parse(line);
    return typeof message === "object" && message !== null ? (message as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A raw JSON-RPC client over the server's stdio: no SDK, so the bench measures only the server. */
class RawClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: Record<string, unknown>) => void>();
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const message = parseMessage(line);
      if (typeof message?.id === "number") this.waiting.get(message.id)?.(message);
    });
    child.stderr.resume();
    this.exited = new Promise((resolve) => child.once("close", resolve));
  }

  request(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const answered = new Promise<Record<string, unknown>>((resolve) => this.waiting.set(id, resolve));
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    return Promise.race([answered, this.exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before answering ${method}`)))]);
  }

  notify(method: string): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method })}\n`);
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }
}

const initialize = (client: RawClient) =>
  client.request("initialize", { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "bench", version: "0" } });

/** Spawn to `initialize` answered, i.e. what a host waits for before it can call a tool. */
async function timeToReady(env: Record<string, string>, cwd: string): Promise<number> {
  const start = performance.now();
  const client = new RawClient(spawn(process.execPath, [COMPANION_BIN, "mcp"], { env, cwd, stdio: "pipe" }));
  await initialize(client);
  const ms = performance.now() - start;
  await client.close();
  return ms;
}

/**
 * SPEC §10 for the MCP server (`companion-claude mcp`): ready within 2× bare node startup
 * (paired, interleaved runs), and a warm server answering `tools/call status` in under 20 ms.
 */
export async function mcp(): Promise<Measurement[]> {
  const state = await mkdtemp(join(tmpdir(), "bench-mcp-"));
  const work = join(state, "ws");
  await mkdir(work);
  const env = companionEnv(state);
  try {
    const job = await companion(["run", "--mode", "rescue", "--cwd", work, "bench"], env);
    try {
      await timeToReady(env, work);
    } catch (error) {
      return [{ name: "mcp server", value: 0, limit: 0, unit: "ms", detail: "", skipped: `no MCP server in this build (${(error as Error).message})` }];
    }
    const ready: number[] = [];
    const bare: number[] = [];
    const ratios: number[] = [];
    const bareNode = async (): Promise<number> => (await runOnce(node(BARE_NODE, env))).ms;
    for (let i = 0; i < RUNS; i++) {
      let ours: number;
      let b: number;
      if (i % 2 === 0) {
        ours = await timeToReady(env, work);
        b = await bareNode();
      } else {
        b = await bareNode();
        ours = await timeToReady(env, work);
      }
      ready.push(ours);
      bare.push(b);
      ratios.push(ours / b);
    }
    const client = new RawClient(spawn(process.execPath, [COMPANION_BIN, "mcp"], { env, cwd: work, stdio: "pipe" }));
    const calls: number[] = [];
    try {
      await initialize(client);
      client.notify("notifications/initialized");
      for (let i = 0; i < WARM_CALLS; i++) {
        const start = performance.now();
        const answer = await client.request("tools/call", { name: "status", arguments: { job_id: String(job.job_id) } });
        calls.push(performance.now() - start);
        if (answer.error !== undefined || (answer.result as { isError?: boolean }).isError === true) throw new Error(`tools/call status failed: ${JSON.stringify(answer)}`);
      }
    } finally {
      await client.close();
    }
    const warm = calls.slice(5);
    return [
      { name: "mcp server ready (initialize answered)", value: median(ratios), limit: 2, unit: "x node", detail: `${median(ready).toFixed(1)} ms vs node -e 0 ${median(bare).toFixed(1)} ms` },
      { name: "mcp tools/call status, warm server", value: median(warm), limit: 20, unit: "ms", detail: `median of ${warm.length} calls after 5 warm-up calls` },
    ];
  } finally {
    await rm(state, { recursive: true, force: true });
  }
}

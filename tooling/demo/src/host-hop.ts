/**
 * The hop a user of a host agent takes: Codex (its model played by the scripted server)
 * with our Codex plugin installed asks the companion-gemini MCP server for a review, waits
 * for it and reads the result; companion-gemini drives the real Gemini CLI. Returns what
 * came back to Codex: its MCP tool calls and its final answer.
 */
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { reviewLoopTurns, type ModelServer } from "@agent-companion/model-server";
import { createHostSandbox, type HostSandbox } from "@agent-companion/real-cli";
import { execa } from "execa";
import { reviewScript } from "./review-script.js";

const require = createRequire(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const BIN = "companion-gemini";
/** Codex offers an MCP server's tools as a namespace with an identifier-safe server name. */
const NAMESPACE = "mcp__companion_gemini";
export const HOST_ANSWER = "Gemini CLI reviewed the working tree; its JobRecord is above.";

export interface ToolCall {
  readonly tool: string;
  readonly status: string;
  readonly structured: unknown;
}

export interface HostHop {
  readonly exitCode: number | undefined;
  readonly calls: readonly ToolCall[];
  readonly answer: string | null;
  readonly stderr: string;
}

interface CodexEvent {
  readonly type: string;
  readonly item?: { type: string; tool?: string; status?: string; text?: string; result?: { structured_content?: unknown } };
}

const parseEvents = (stdout: string): CodexEvent[] =>
  stdout.split("\n").flatMap((line) => {
    try {
      return [JSON.parse(line) as CodexEvent];
    } catch {
      return [];
    }
  });

function summarize(stdout: string): Pick<HostHop, "calls" | "answer"> {
  const done = parseEvents(stdout).flatMap((e) => (e.type === "item.completed" && e.item ? [e.item] : []));
  const calls = done.filter((i) => i.type === "mcp_tool_call").map((i) => ({ tool: i.tool ?? "", status: i.status ?? "", structured: i.result?.structured_content ?? null }));
  return { calls, answer: done.filter((i) => i.type === "agent_message").at(-1)?.text ?? null };
}

/** `companion-gemini` on PATH, as `npm install -g companion-gemini` would put it. */
async function binDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "companion-demo-path-"));
  await symlink(join(dirname(require.resolve(`${BIN}/package.json`)), "bin", `${BIN}.cjs`), join(dir, BIN));
  return dir;
}

const codex = (sandbox: HostSandbox, args: string[], cwd: string) =>
  execa(sandbox.command, [...sandbox.commandArgs, ...args], { cwd, env: sandbox.env, extendEnv: false, reject: false, stdin: "ignore", timeout: 180_000 });

export async function runHostHop(server: ModelServer, repo: string): Promise<HostHop> {
  server.setScript({
    openai: reviewLoopTurns((tool, input) => ({ kind: "tool_call", namespace: NAMESPACE, name: tool, input }), HOST_ANSWER),
    gemini: reviewScript.turns ?? [],
  });
  const path = await binDir();
  const sandbox = await createHostSandbox("codex", server.url, { inner: "gemini", pathDirs: [path] });
  Object.assign(sandbox.env, { COMPANION_STATE_DIR: join(sandbox.home, "companion-state") });
  try {
    for (const args of [["plugin", "marketplace", "add", REPO_ROOT], ["plugin", "add", `${BIN}@agent-companion`]]) {
      const step = await codex(sandbox, args, sandbox.home);
      if (step.exitCode !== 0) return { exitCode: step.exitCode, calls: [], answer: null, stderr: String(step.stderr) };
    }
    const run = await codex(sandbox, ["exec", "--json", "Ask Gemini CLI to review my uncommitted changes."], repo);
    return { exitCode: run.exitCode, ...summarize(String(run.stdout)), stderr: String(run.stderr) };
  } finally {
    await sandbox.cleanup();
    await rm(path, { recursive: true, force: true });
  }
}

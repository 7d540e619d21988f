/**
 * Real host agent → our MCP server → target, offline (SPEC §3.2, §3.3). Each host runs
 * headless with its model played by the scripted server, loads our plugin as a user
 * would install it, and plays the loop the plugin teaches: `run` a review in the
 * background, `wait` for it, read its `result`. The proof is the host's next model
 * request: it carries the JobRecord (job id, status, the review's answer) back to the model.
 *
 * Inner targets: Claude Code as host drives the real Gemini CLI; Codex as host drives
 * the real Claude Code, both against the same scripted server. Gemini CLI as host drives
 * the mock Claude CLI: Gemini CLI strips variables named like credentials (`*_API_KEY`)
 * from the environment of MCP servers, so an inner real Claude Code would have no key.
 */
import { realpath, rm } from "node:fs/promises";
import { join } from "node:path";
import type { LoggedRequest, ModelServer, Script } from "@agent-companion/model-server";
import { createModelServer, reviewLoopTurns } from "@agent-companion/model-server";
import { execa } from "execa";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { binOf, mockBinOf, type Target } from "../support/companion.js";
import { sampleRepo } from "../support/git-repo.js";
import { HostAgent, REPO_ROOT } from "./support/host.js";

const VERDICT = "src/dirty.ts:1 drops the committed value without a migration.\nVERDICT: REQUEST_CHANGES";
const HOST_DONE = "The review is back; reporting it to the user.";
const MARKETPLACE = "agent-companion";

let server: ModelServer;
let repo: string;
let agent: HostAgent;
beforeAll(async () => {
  server = await createModelServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.clearLog();
  repo = await realpath(await sampleRepo());
});
afterEach(async () => {
  await agent.cleanup();
  await rm(repo, { recursive: true, force: true });
});

const conversation = (api: LoggedRequest["api"]): LoggedRequest[] => server.requests().filter((r) => r.api === api && r.turn !== null);
const JOB_ID = /\\?"job_id\\?"\s*:\s*\\?"([0-9a-f-]{36})/;

/** Whether the host's request (its whole body, tool results included) carries `text`; a bare boolean keeps failures short. */
const carries = (request: LoggedRequest | undefined, text: string | RegExp): boolean => {
  const body = JSON.stringify(request?.body ?? null);
  return typeof text === "string" ? body.includes(text) : text.test(body);
};

/** The host's requests: the first offers our tools, the last carries the result back. */
function expectRecordReachedModel(api: LoggedRequest["api"], toolName: string): string {
  const requests = conversation(api);
  expect(requests.map((r) => r.turn)).toEqual(["tool_call", "tool_call", "tool_call", "text"]);
  // A host may send its first request before a slow MCP server has connected; later ones offer it.
  expect(requests.some((r) => r.toolNames.includes(toolName)), `the host offered ${toolName}`).toBe(true);
  // The `run` answer (second request) names the job; the `result` answer (last) is its JobRecord.
  const jobId = JOB_ID.exec(JSON.stringify(requests[1]?.body))?.[1] ?? "";
  expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
  expect(carries(requests[3], jobId), "the result request carries the job id").toBe(true);
  expect(carries(requests[3], /\\?"status\\?"\s*:\s*\\?"completed/), "the result request carries the completed status").toBe(true);
  return jobId;
}

async function recordOf(target: Target, jobId: string): Promise<Record<string, unknown>> {
  const run = await execa(process.execPath, [binOf(target), "status", "--job", jobId], { env: agent.env, extendEnv: false, reject: false });
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe("Claude Code as host, reviewing with companion-gemini through its plugin", () => {
  it("runs /companion-gemini:review: the review's JobRecord reaches Claude Code's model", async () => {
    agent = await HostAgent.create("claude-code", server.url, "gemini");
    await agent.must(["plugin", "marketplace", "add", REPO_ROOT]);
    await agent.must(["plugin", "install", `companion-gemini@${MARKETPLACE}`]);
    const tool = (name: string): string => `mcp__plugin_companion-gemini_companion-gemini__${name}`;
    const script: Script = {
      anthropic: reviewLoopTurns((name, input) => ({ kind: "tool_call", name: tool(name), input }), HOST_DONE),
      gemini: [{ kind: "text", text: VERDICT }],
    };
    server.setScript(script);
    const run = await agent.run(["-p", "/companion-gemini:review focus on error handling", "--output-format", "json"], { cwd: repo });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ is_error: false, result: HOST_DONE, permission_denials: [] });
    // The plugin's command text is what the host's model was asked to do.
    expect(conversation("anthropic")[0]?.prompt).toContain("companion-gemini MCP server");
    const jobId = expectRecordReachedModel("anthropic", tool("run"));
    expect(carries(conversation("anthropic")[3], "REQUEST_CHANGES"), "Gemini's verdict reached Claude Code's model").toBe(true);
    // The inner review went to the real Gemini CLI, in the project the host started in.
    expect(conversation("gemini")).toHaveLength(1);
    expect(await recordOf("gemini", jobId)).toMatchObject({ status: "completed", mode: "review", workspace_root: repo, result: VERDICT });
  }, 240_000);
});

describe("Gemini CLI as host, reviewing with companion-claude through its extension", () => {
  it("the review's JobRecord reaches Gemini's model", async () => {
    agent = await HostAgent.create("gemini-cli", server.url, undefined, { CLAUDE_BINARY: mockBinOf("claude") });
    await agent.must(["extensions", "link", join(REPO_ROOT, "plugins", "gemini-cli", "companion-claude"), "--consent"]);
    const tool = (name: string): string => `mcp_companion-claude_${name}`;
    server.setScript({ gemini: reviewLoopTurns((name, input) => ({ kind: "tool_call", name: tool(name), input }), HOST_DONE) });
    // Headless Gemini CLI leaves out an MCP server's tools unless the server is named.
    const run = await agent.run(["-p", "Have Claude Code review my uncommitted changes.", "--allowed-mcp-server-names", "companion-claude"], { cwd: repo });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(HOST_DONE);
    const jobId = expectRecordReachedModel("gemini", tool("run"));
    expect(await recordOf("claude", jobId)).toMatchObject({ status: "completed", mode: "review", workspace_root: repo });
  }, 240_000);
});

describe("Codex as host, reviewing with companion-claude through its plugin", () => {
  it("codex exec calls the tools without approval prompts: the review's JobRecord reaches Codex's model", async () => {
    agent = await HostAgent.create("codex", server.url, "claude");
    await agent.must(["plugin", "marketplace", "add", REPO_ROOT]);
    await agent.must(["plugin", "add", `companion-claude@${MARKETPLACE}`]);
    // Codex offers an MCP server's tools as a namespace; the server name is made identifier-safe.
    const namespace = "mcp__companion_claude";
    server.setScript({
      // The sandbox's API key is for the scripted server; Claude's default auth mode withholds it.
      openai: reviewLoopTurns((name, input) => ({ kind: "tool_call", namespace, name, input }), HOST_DONE, { auth_mode: "api_key" }),
      anthropic: [{ kind: "text", text: VERDICT }],
    });
    const run = await agent.run(["exec", "--json", "Ask Claude Code to review my uncommitted changes."], { cwd: repo });
    expect(run.exitCode, run.stderr).toBe(0);
    const events = run.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { type: string; item?: { type: string; tool?: string; status?: string } });
    const calls = events.filter((e) => e.type === "item.completed" && e.item?.type === "mcp_tool_call").map((e) => [e.item?.tool, e.item?.status]);
    expect(calls).toEqual([["run", "completed"], ["wait", "completed"], ["result", "completed"]]);
    const jobId = expectRecordReachedModel("openai", `${namespace}__run`);
    expect(carries(conversation("openai")[3], "REQUEST_CHANGES"), "Claude's verdict reached Codex's model").toBe(true);
    expect(conversation("anthropic")).toHaveLength(1);
    expect(await recordOf("claude", jobId)).toMatchObject({ status: "completed", mode: "review", workspace_root: repo, result: VERDICT });
  }, 240_000);
});

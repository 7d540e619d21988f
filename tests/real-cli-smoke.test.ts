/**
 * The raw real CLIs (not the product) against the scripted model server: proves the
 * server speaks both APIs well enough, and that the argv the adapters build (taken from the
 * adapters themselves, never copied here) does what the product relies on.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createModelServer } from "@agent-companion/model-server";
import type { ModelServer, Script } from "@agent-companion/model-server";
import { claudeAdapter } from "@agent-companion/claude";
import { type InvocationRequest, type Mode, type TargetAdapter, profileFor } from "@agent-companion/core";
import { geminiAdapter } from "@agent-companion/gemini";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claudeSandbox, geminiSandbox, runRealCli, writeGeminiReadOnlyPolicy } from "./support/real-cli.js";
import type { CliRun, CliSandbox } from "./support/real-cli.js";

const WRITE_CONTENT = "written by model\n";

let server: ModelServer;
let scratch: string;
let workDir: string;
const sandboxes: CliSandbox[] = [];

beforeAll(async () => {
  server = await createModelServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "real-cli-smoke-"));
  workDir = join(scratch, "work");
  await mkdir(workDir);
  server.clearLog();
});

afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.cleanup()));
  await rm(scratch, { recursive: true, force: true });
});

async function sandbox(make: (url: string) => Promise<CliSandbox>): Promise<CliSandbox> {
  const created = await make(server.url);
  sandboxes.push(created);
  return created;
}

function eventsOfType(run: CliRun, type: string): Record<string, unknown>[] {
  return run.events.filter((e) => e["type"] === type);
}

function modelRequests(): ReturnType<ModelServer["requests"]> {
  return server.requests().filter((r) => r.turn !== null);
}

function useScript(script: Script): void {
  server.setScript(script);
}

interface Call {
  mode: Mode;
  prompt: string;
  cwd: string;
  readableDir?: string | null;
  resumeSessionId?: string | null;
  jsonSchema?: string | null;
  /** Replaces a flag's value in the adapter's argv (the independent policy check below). */
  replaceValue?: { flag: string; value: string };
}

/** Runs the real CLI with exactly the invocation the adapter builds, its files written first. */
async function runAdapter(adapter: TargetAdapter, cli: CliSandbox, call: Call): Promise<CliRun> {
  const request: InvocationRequest = {
    profile: profileFor(call.mode),
    prompt: call.prompt,
    model: null,
    resumeSessionId: call.resumeSessionId ?? null,
    readableDir: call.readableDir ?? null,
    jsonSchema: call.jsonSchema ?? null,
    cwd: call.cwd,
    privateDir: scratch,
  };
  const invocation = adapter.buildInvocation(request);
  for (const file of invocation.files) await writeFile(file.path, file.content, { mode: 0o600 });
  const args = [...invocation.args];
  if (call.replaceValue) args[args.indexOf(call.replaceValue.flag) + 1] = call.replaceValue.value;
  return runRealCli({ sandbox: { ...cli, env: { ...cli.env, ...invocation.env } }, args, cwd: call.cwd, input: invocation.stdin });
}

describe("claude -p", () => {
  const review = (cli: CliSandbox, prompt: string, extra: Partial<Call> = {}): Promise<CliRun> =>
    runAdapter(claudeAdapter, cli, { mode: "review", prompt, cwd: workDir, readableDir: workDir, ...extra });

  function claudeResult(run: CliRun): Record<string, unknown> {
    const result = eventsOfType(run, "result").at(-1);
    if (!result) throw new Error(`no result event; exit ${run.exitCode}; stderr: ${run.stderr}`);
    return result;
  }

  it("answers a plain prompt, and all traffic reaches the scripted server", async () => {
    useScript({ anthropic: [{ kind: "text", text: "No blocking issues found. VERDICT: APPROVE" }] });
    const cli = await sandbox(claudeSandbox);
    const run = await review(cli, "review PROMPT-A");
    expect(run.exitCode).toBe(0);
    const result = claudeResult(run);
    expect(result).toMatchObject({ is_error: false, subtype: "success", result: "No blocking issues found. VERDICT: APPROVE" });
    expect(modelRequests().map((r) => r.prompt).join("\n")).toContain("review PROMPT-A");
  });

  it("review flags offer only read tools and refuse a scripted Write", async () => {
    const target = join(workDir, "owned.txt");
    useScript({
      anthropic: [
        { kind: "tool_call", name: "Write", input: { file_path: target, content: WRITE_CONTENT } },
        { kind: "text", text: "Tool finished." },
      ],
    });
    const cli = await sandbox(claudeSandbox);
    const run = await review(cli, "review");
    expect(run.exitCode).toBe(0);
    expect(existsSync(target)).toBe(false);
    const offered = modelRequests()[0]?.toolNames ?? [];
    expect(offered).toEqual(expect.arrayContaining(["Read", "Grep", "Glob"]));
    for (const tool of ["Write", "Edit", "MultiEdit", "NotebookEdit", "Bash"]) expect(offered).not.toContain(tool);
    expect(claudeResult(run)).toMatchObject({ is_error: false, result: "Tool finished." });
  });

  it("rescue flags let a scripted Write through", async () => {
    const target = join(workDir, "owned.txt");
    useScript({
      anthropic: [
        { kind: "tool_call", name: "Write", input: { file_path: target, content: WRITE_CONTENT } },
        { kind: "text", text: "Tool finished." },
      ],
    });
    const cli = await sandbox(claudeSandbox);
    const run = await runAdapter(claudeAdapter, cli, { mode: "rescue", prompt: "fix it", cwd: workDir });
    expect(run.exitCode).toBe(0);
    expect(await readFile(target, "utf8")).toBe(WRITE_CONTENT);
  });

  it("--resume carries the earlier turns and keeps the session id", async () => {
    useScript({ anthropic: [{ kind: "text", text: "first answer" }, { kind: "recall", marker: "MARKER-7Q" }] });
    const cli = await sandbox(claudeSandbox);
    const first = await review(cli, "remember MARKER-7Q");
    const sessionId = claudeResult(first)["session_id"];
    expect(typeof sessionId).toBe("string");
    const second = await review(cli, "what was the marker?", { resumeSessionId: String(sessionId) });
    expect(claudeResult(second)).toMatchObject({ is_error: false, result: "recall: found MARKER-7Q", session_id: sessionId });
    expect(modelRequests().at(-1)?.toolNames).not.toContain("Write");
  });

  it("--json-schema offers StructuredOutput and reports structured_output", async () => {
    useScript({ anthropic: [{ kind: "tool_call", name: "StructuredOutput", input: { verdict: "APPROVE" } }] });
    const schema = JSON.stringify({ type: "object", properties: { verdict: { type: "string" } }, required: ["verdict"] });
    const cli = await sandbox(claudeSandbox);
    const run = await review(cli, "review", { jsonSchema: schema });
    expect(modelRequests()[0]?.toolNames).toContain("StructuredOutput");
    expect(claudeResult(run)).toMatchObject({ is_error: false, structured_output: { verdict: "APPROVE" } });
  });
});

describe("gemini -p", () => {
  let neutralDir: string;

  beforeEach(async () => {
    neutralDir = join(scratch, "neutral");
    await mkdir(neutralDir);
    await mkdir(join(scratch, "hand"));
  });

  const review = (cli: CliSandbox, prompt: string, extra: Partial<Call> = {}): Promise<CliRun> =>
    runAdapter(geminiAdapter, cli, { mode: "review", prompt, cwd: neutralDir, readableDir: workDir, ...extra });

  function answerText(run: CliRun): string {
    return eventsOfType(run, "message")
      .filter((e) => e["role"] === "assistant")
      .map((e) => String(e["content"]))
      .join("");
  }

  function sessionIdOf(run: CliRun): unknown {
    return eventsOfType(run, "init")[0]?.["session_id"];
  }

  it("answers a plain prompt, and all traffic reaches the scripted server", async () => {
    useScript({ gemini: [{ kind: "text", text: "No blocking issues found. VERDICT: APPROVE" }] });
    const cli = await sandbox(geminiSandbox);
    const run = await review(cli, "review PROMPT-B");
    expect(run.exitCode).toBe(0);
    expect(answerText(run)).toBe("No blocking issues found. VERDICT: APPROVE");
    expect(eventsOfType(run, "result")[0]).toMatchObject({ status: "success" });
    expect(modelRequests().map((r) => r.prompt).join("\n")).toContain("review PROMPT-B");
  });

  /** The adapter's own policy; then, as an independent check of FACTS.md, one written here by hand. */
  it.each([
    ["the adapter's read-only policy", false],
    ["a hand-written deny policy (independent of the adapter, per FACTS.md)", true],
  ])("review flags with %s offer no write tool and refuse a scripted write_file", async (_label, handWritten) => {
    const target = join(workDir, "owned.txt");
    useScript({
      gemini: [
        { kind: "tool_call", name: "write_file", input: { file_path: target, content: WRITE_CONTENT } },
        { kind: "text", text: "Tool finished." },
      ],
    });
    const cli = await sandbox(geminiSandbox);
    const replaceValue = handWritten ? { flag: "--policy", value: await writeGeminiReadOnlyPolicy(join(scratch, "hand")) } : undefined;
    const run = await review(cli, "review", { replaceValue });
    expect(run.exitCode).toBe(0);
    expect(existsSync(target)).toBe(false);
    const offered = modelRequests()[0]?.toolNames ?? [];
    expect(offered).toContain("read_file");
    for (const tool of ["write_file", "replace", "edit", "run_shell_command"]) expect(offered).not.toContain(tool);
    expect(eventsOfType(run, "tool_result")[0]).toMatchObject({ status: "error" });
  });

  it("rescue flags let a scripted write_file through", async () => {
    const target = join(workDir, "owned.txt");
    useScript({
      gemini: [
        { kind: "tool_call", name: "write_file", input: { file_path: target, content: WRITE_CONTENT } },
        { kind: "text", text: "Tool finished." },
      ],
    });
    const cli = await sandbox(geminiSandbox);
    const run = await runAdapter(geminiAdapter, cli, { mode: "rescue", prompt: "fix it", cwd: workDir });
    expect(run.exitCode).toBe(0);
    expect(await readFile(target, "utf8")).toBe(WRITE_CONTENT);
  });

  it("--resume from the same cwd carries the earlier turns and keeps the session id", async () => {
    useScript({ gemini: [{ kind: "text", text: "first answer" }, { kind: "recall", marker: "MARKER-9Z" }] });
    const cli = await sandbox(geminiSandbox);
    const first = await review(cli, "remember MARKER-9Z");
    const sessionId = sessionIdOf(first);
    expect(typeof sessionId).toBe("string");
    const second = await review(cli, "what was the marker?", { resumeSessionId: String(sessionId) });
    expect(second.exitCode).toBe(0);
    expect(sessionIdOf(second)).toBe(sessionId);
    expect(answerText(second)).toBe("recall: found MARKER-9Z");
    // The stream echoes the new prompt back: stored logs must drop it.
    expect(eventsOfType(second, "message")).toContainEqual(expect.objectContaining({ role: "user", content: expect.stringContaining("what was the marker?") }));
  });

  it("exits 145 on HTTP 401 from the API", async () => {
    useScript({ gemini: [{ kind: "http_error", status: 401 }] });
    const cli = await sandbox(geminiSandbox);
    const run = await review(cli, "review");
    expect(run.exitCode).toBe(145);
  });
});

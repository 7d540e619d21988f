/**
 * The raw real CLIs (not the product) against the scripted model server: proves the
 * server speaks both APIs well enough, and pins the exact argv the adapters rely on.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createModelServer } from "@agent-companion/model-server";
import type { ModelServer, Script } from "@agent-companion/model-server";
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

describe("claude -p", () => {
  const claudeReviewArgs = (dir: string): string[] => [
    "-p",
    "--output-format",
    "stream-json",
    "--verbose",
    "--tools=Read,Grep,Glob",
    "--disallowedTools=Write,Edit,MultiEdit,NotebookEdit,Bash",
    "--permission-mode",
    "default",
    "--setting-sources=",
    "--strict-mcp-config",
    `--add-dir=${dir}`,
  ];
  const claudeRescueArgs = ["-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "acceptEdits"];

  function claudeResult(run: CliRun): Record<string, unknown> {
    const result = eventsOfType(run, "result").at(-1);
    if (!result) throw new Error(`no result event; exit ${run.exitCode}; stderr: ${run.stderr}`);
    return result;
  }

  it("answers a plain prompt, and all traffic reaches the scripted server", async () => {
    useScript({ anthropic: [{ kind: "text", text: "No blocking issues found. VERDICT: APPROVE" }] });
    const cli = await sandbox(claudeSandbox);
    const run = await runRealCli({ sandbox: cli, args: claudeReviewArgs(workDir), cwd: workDir, input: "review PROMPT-A" });
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
    const run = await runRealCli({ sandbox: cli, args: claudeReviewArgs(workDir), cwd: workDir, input: "review" });
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
    const run = await runRealCli({ sandbox: cli, args: claudeRescueArgs, cwd: workDir, input: "fix it" });
    expect(run.exitCode).toBe(0);
    expect(await readFile(target, "utf8")).toBe(WRITE_CONTENT);
  });

  it("--resume carries the earlier turns and keeps the session id", async () => {
    useScript({ anthropic: [{ kind: "text", text: "first answer" }, { kind: "recall", marker: "MARKER-7Q" }] });
    const cli = await sandbox(claudeSandbox);
    const first = await runRealCli({ sandbox: cli, args: claudeReviewArgs(workDir), cwd: workDir, input: "remember MARKER-7Q" });
    const sessionId = claudeResult(first)["session_id"];
    expect(typeof sessionId).toBe("string");
    const resumeArgs = [...claudeReviewArgs(workDir), `--resume=${String(sessionId)}`];
    const second = await runRealCli({ sandbox: cli, args: resumeArgs, cwd: workDir, input: "what was the marker?" });
    expect(claudeResult(second)).toMatchObject({ is_error: false, result: "recall: found MARKER-7Q", session_id: sessionId });
    expect(modelRequests().at(-1)?.toolNames).not.toContain("Write");
  });

  it("--json-schema offers StructuredOutput and reports structured_output", async () => {
    useScript({ anthropic: [{ kind: "tool_call", name: "StructuredOutput", input: { verdict: "APPROVE" } }] });
    const schema = JSON.stringify({ type: "object", properties: { verdict: { type: "string" } }, required: ["verdict"] });
    const cli = await sandbox(claudeSandbox);
    const args = [...claudeReviewArgs(workDir), `--json-schema=${schema}`];
    const run = await runRealCli({ sandbox: cli, args, cwd: workDir, input: "review" });
    expect(modelRequests()[0]?.toolNames).toContain("StructuredOutput");
    expect(claudeResult(run)).toMatchObject({ is_error: false, structured_output: { verdict: "APPROVE" } });
  });
});

describe("gemini -p", () => {
  let neutralDir: string;
  let policyFile: string;

  beforeEach(async () => {
    neutralDir = join(scratch, "neutral");
    await mkdir(neutralDir);
    policyFile = await writeGeminiReadOnlyPolicy(scratch);
  });

  const geminiReviewArgs = (): string[] => [
    "-p",
    "",
    "--output-format",
    "stream-json",
    "--approval-mode",
    "plan",
    "--policy",
    policyFile,
    "--include-directories",
    workDir,
    "--skip-trust",
  ];
  const geminiRescueArgs = ["-p", "", "--output-format", "stream-json", "--approval-mode", "auto_edit", "--skip-trust"];

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
    const run = await runRealCli({ sandbox: cli, args: geminiReviewArgs(), cwd: neutralDir, input: "review PROMPT-B" });
    expect(run.exitCode).toBe(0);
    expect(answerText(run)).toBe("No blocking issues found. VERDICT: APPROVE");
    expect(eventsOfType(run, "result")[0]).toMatchObject({ status: "success" });
    expect(modelRequests().map((r) => r.prompt).join("\n")).toContain("review PROMPT-B");
  });

  it("review flags offer no write tool and refuse a scripted write_file", async () => {
    const target = join(workDir, "owned.txt");
    useScript({
      gemini: [
        { kind: "tool_call", name: "write_file", input: { file_path: target, content: WRITE_CONTENT } },
        { kind: "text", text: "Tool finished." },
      ],
    });
    const cli = await sandbox(geminiSandbox);
    const run = await runRealCli({ sandbox: cli, args: geminiReviewArgs(), cwd: neutralDir, input: "review" });
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
    const run = await runRealCli({ sandbox: cli, args: geminiRescueArgs, cwd: workDir, input: "fix it" });
    expect(run.exitCode).toBe(0);
    expect(await readFile(target, "utf8")).toBe(WRITE_CONTENT);
  });

  it("--resume from the same cwd carries the earlier turns and keeps the session id", async () => {
    useScript({ gemini: [{ kind: "text", text: "first answer" }, { kind: "recall", marker: "MARKER-9Z" }] });
    const cli = await sandbox(geminiSandbox);
    const first = await runRealCli({ sandbox: cli, args: geminiReviewArgs(), cwd: neutralDir, input: "remember MARKER-9Z" });
    const sessionId = sessionIdOf(first);
    expect(typeof sessionId).toBe("string");
    const resumeArgs = [...geminiReviewArgs(), "--resume", String(sessionId)];
    const second = await runRealCli({ sandbox: cli, args: resumeArgs, cwd: neutralDir, input: "what was the marker?" });
    expect(second.exitCode).toBe(0);
    expect(sessionIdOf(second)).toBe(sessionId);
    expect(answerText(second)).toBe("recall: found MARKER-9Z");
    // The stream echoes the new prompt back: stored logs must drop it.
    expect(eventsOfType(second, "message")).toContainEqual(expect.objectContaining({ role: "user", content: expect.stringContaining("what was the marker?") }));
  });

  it("exits 145 on HTTP 401 from the API", async () => {
    useScript({ gemini: [{ kind: "http_error", status: 401 }] });
    const cli = await sandbox(geminiSandbox);
    const run = await runRealCli({ sandbox: cli, args: geminiReviewArgs(), cwd: neutralDir, input: "review", timeoutMs: 30_000 });
    expect(run.exitCode).toBe(145);
  });
});

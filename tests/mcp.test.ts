/**
 * `companion-<t> mcp` (SPEC §3.2) driven by the official SDK client: every tool, progress
 * notifications, each error path, calls in flight together, and jobs that outlive the server.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, eventually, isAlive } from "./support/companion.js";
import { type Json, McpSession, textOf } from "./support/mcp.js";
import { forgeActiveRecord, readRecord } from "./support/store.js";

const TOOLS = ["run", "continue", "status", "result", "wait", "cancel", "preflight", "doctor", "apply"];
const UNKNOWN_ID = "3f1c2a9e-0000-4000-8000-000000000000";

describe.each(TARGETS)("%s MCP server", (target) => {
  let h: Harness;
  let work: string;
  const sessions: McpSession[] = [];
  const start = async (env: Record<string, string> = {}): Promise<McpSession> => {
    const session = await McpSession.start(h, { cwd: work, env });
    sessions.push(session);
    return session;
  };

  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-mcp-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("is named for its bin, and lists exactly the SPEC's tools with input and output schemas", async () => {
    const mcp = await start();
    expect(mcp.client.getServerVersion()).toEqual({ name: `companion-${target}`, version: "0.1.0" });
    const { tools } = await mcp.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
    }
    const run = tools.find((tool) => tool.name === "run");
    expect(run?.inputSchema.required).toEqual(["mode"]);
    expect(Object.keys(run?.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(["mode", "prompt", "background", "cwd", "base", "paths", "model", "timeout_s", "keep_snapshot", "auth_mode"]));
    expect(run?.inputSchema.properties?.background).toMatchObject({ type: "boolean", default: true });
    expect(tools.find((tool) => tool.name === "wait")?.inputSchema.properties?.timeout_s).toMatchObject({ type: "number", default: 30 });
    expect(run?.description).toMatch(/background/);
    expect(run?.description).toMatch(/`wait`/);
  });

  it("runs in the background by default; wait reports progress; result collects the record the CLI sees", async () => {
    const mcp = await start({ MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "3000" });
    const launched = await mcp.call("run", { mode: "rescue", prompt: "fix the test" });
    expect(launched.result.isError).toBeFalsy();
    expect(launched.json).toMatchObject({ event: "launched", target, mode: "rescue", workspace_root: work, status: "queued" });
    const jobId = String(launched.json.job_id);
    expect(textOf(launched).split("\n")[0]).toContain(`launched ${jobId}`);
    expect(JSON.parse(textOf(launched).split("\n").slice(1).join("\n"))).toEqual(launched.json);

    const waited = await mcp.call("wait", { job_id: jobId, timeout_s: 50 }, { progress: true });
    expect(waited.json).toMatchObject({ job_id: jobId, status: "completed", background: true });
    expect(waited.progress.length).toBeGreaterThan(0);
    expect(waited.progress[0]).toMatch(new RegExp(`^\\[${jobId.slice(0, 8)}\\] [\\d:]+ · (queued|running) · \\d+ events · \\d+ tool calls`));

    const collected = await mcp.call("result", { job_id: jobId });
    expect(collected.json).toMatchObject({ job_id: jobId, status: "completed", collected_at: expect.any(String) });
    expect(await readRecord(h.stateDir, target, jobId)).toEqual(collected.json);
    expect((await h.run(["result", "--job", jobId])).json).toEqual(collected.json);

    const listed = await mcp.call("status", {});
    expect((listed.json.jobs as Json[]).map((job) => job.job_id)).toEqual([jobId]);
    // The same listing once retention has compacted the workspace log (the CLI prints the
    // compacted lines as they are; the tool's document parses them).
    expect((await h.run(["prune"])).exitCode).toBe(0);
    const compacted = await mcp.call("status", {});
    expect(compacted.json).toEqual(listed.json);
    expect(compacted.json).toEqual((await h.run(["status", "--cwd", work])).json);
    const one = await mcp.call("status", { job_id: jobId });
    expect(one.json).toEqual((await h.run(["status", "--job", jobId])).json);
  });

  it("runs in the foreground with background: false, sending progress while the job is active", async () => {
    const mcp = await start({ MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "4000" });
    const run = await mcp.call("run", { mode: "review", prompt: "focus on naming", background: false }, { progress: true });
    expect(run.result.isError).toBeFalsy();
    expect(run.json).toMatchObject({ status: "completed", mode: "review", background: false, cwd: work });
    expect(run.progress.length).toBeGreaterThan(0);
    expect(await readRecord(h.stateDir, target, String(run.json.job_id))).toEqual(run.json);
  });

  it("wait answers timed_out (not an error) when timeout_s elapses; cancel stops the job; a cancelled job is an answer", async () => {
    const ready = join(h.dir, "ready");
    const mcp = await start({ MOCK_CLI_SCENARIO: "hang", MOCK_CLI_READY_FILE: ready });
    const jobId = String((await mcp.call("run", { mode: "rescue", prompt: "hang" })).json.job_id);
    await eventually(async () => existsSync(ready));
    const pid = Number(await readFile(ready, "utf8"));

    const waited = await mcp.call("wait", { job_id: jobId, timeout_s: 1 });
    expect(waited.result.isError).toBeFalsy();
    expect(waited.json).toEqual({ job_id: jobId, status: "running", timed_out: true, progress: expect.objectContaining({ events: expect.any(Number) }) });
    expect(textOf(waited).split("\n")[0]).toContain("call wait again");

    const cancelled = await mcp.call("cancel", { job_id: jobId });
    expect(cancelled.result.isError).toBeFalsy();
    // already_dead when the worker, seeing the cancel marker first, stopped the target itself.
    expect(cancelled.json).toMatchObject({ ok: true, outcome: expect.stringMatching(/^(signaled|already_dead)$/), job_id: jobId, job_status: "cancelled" });
    expect(isAlive(pid)).toBe(false);
    for (const name of ["wait", "result"]) {
      const call = await mcp.call(name, { job_id: jobId });
      expect(call.result.isError, name).toBeFalsy();
      expect(call.json, name).toMatchObject({ job_id: jobId, status: "cancelled" });
    }
  });

  it("continue follows up on a finished job in the background", async () => {
    const mcp = await start();
    const first = await mcp.call("run", { mode: "rescue", prompt: "first", background: false });
    const launched = await mcp.call("continue", { job_id: first.json.job_id, prompt: "and then?" });
    expect(launched.json).toMatchObject({ event: "launched", status: "queued" });
    const waited = await mcp.call("wait", { job_id: launched.json.job_id });
    expect(waited.json).toMatchObject({ status: "completed", parent_job_id: first.json.job_id, resume_chain: [first.json.target_session_id] });
  });

  it("preflight and doctor answer with the CLI's documents", async () => {
    const mcp = await start();
    const preflight = await mcp.call("preflight", { mode: "custom-review", paths: ["*.ts"] });
    expect(preflight.json).toEqual((await h.run(["preflight", "--mode", "custom-review", "--paths", "*.ts"], { cwd: work })).json);
    expect(preflight.json).toMatchObject({ ok: true, files: [{ path: "app.ts" }] });
    const doctor = await mcp.call("doctor");
    expect(doctor.json).toMatchObject({ target, contract: expect.any(Object), auth: expect.any(Object) });
  });

  it("bad arguments, malformed and unknown ids are tool errors carrying the CLI envelope, and start nothing", async () => {
    const mcp = await start();
    const cases: [string, Json, string][] = [
      ["run", {}, "usage_error"],
      ["run", { mode: "nope" }, "usage_error"],
      ["run", { mode: "review", modee: "x" }, "usage_error"],
      ["run", { mode: "adversarial-review", base: "-x" }, "usage_error"],
      ["run", { mode: "rescue", prompt: "" }, "usage_error"],
      ["run", { mode: "review", timeout_s: -1 }, "usage_error"],
      ["run", { mode: "review", scope: "staged", containment: "none" }, "usage_error"],
      ["continue", { job_id: UNKNOWN_ID }, "usage_error"],
      ["status", { job_id: "../../etc" }, "usage_error"],
      ["result", { job_id: UNKNOWN_ID }, "not_found"],
      ["wait", { job_id: "nope" }, "usage_error"],
      ["cancel", { job_id: UNKNOWN_ID }, "not_found"],
      ["apply-everything", {}, "usage_error"],
    ];
    for (const [name, args, error] of cases) {
      const call = await mcp.call(name, args);
      expect(call.result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(call.json, `${name} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error, message: expect.any(String) });
      expect(textOf(call)).toMatch(/^error: /);
    }
    const all = await h.run(["status", "--all"]);
    expect(all.json.jobs).toEqual([]);
  });

  it("refusals and wrong states are tool errors: cancel without a verified identity, result of an active job", async () => {
    const mcp = await start();
    const template = (await mcp.call("run", { mode: "rescue", prompt: "x", background: false })).json;
    const jobId = await forgeActiveRecord(h.stateDir, target, template, { status: "running" });
    const refused = await mcp.call("cancel", { job_id: jobId });
    expect(refused.result.isError).toBe(true);
    expect(refused.json).toMatchObject({ ok: false, outcome: "no_pid_info", job_id: jobId });
    const early = await mcp.call("result", { job_id: jobId });
    expect(early.result.isError).toBe(true);
    expect(early.json).toMatchObject({ ok: false, error: "not_terminal" });
  });

  it("an unusable state directory is a tool error and starts nothing", async () => {
    const blocker = join(h.dir, "not-a-dir");
    await writeFile(blocker, "");
    const mcp = await start({ COMPANION_STATE_DIR: join(blocker, "state") });
    const call = await mcp.call("run", { mode: "rescue", prompt: "x" });
    expect(call.result.isError).toBe(true);
    expect(call.json).toMatchObject({ ok: false, error: expect.any(String) });
    expect(existsSync(join(h.dir, "mock-log.jsonl"))).toBe(false);
  });

  it("answers status while a long wait is in flight", async () => {
    const ready = join(h.dir, "ready");
    const mcp = await start({ MOCK_CLI_SCENARIO: "hang", MOCK_CLI_READY_FILE: ready });
    const jobId = String((await mcp.call("run", { mode: "rescue", prompt: "hang" })).json.job_id);
    let waitDone = false;
    const waiting = mcp.call("wait", { job_id: jobId, timeout_s: 55 }, { timeoutMs: 90_000 }).finally(() => {
      waitDone = true;
    });
    const status = await mcp.call("status", { job_id: jobId });
    expect(status.json).toMatchObject({ job_id: jobId });
    expect(waitDone).toBe(false);
    await eventually(async () => existsSync(ready));
    await mcp.call("cancel", { job_id: jobId });
    expect((await waiting).json).toMatchObject({ job_id: jobId, status: "cancelled" });
  });
});

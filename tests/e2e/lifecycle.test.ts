/**
 * Job lifecycle with the real CLIs (SPEC §3, §6, §7): background → wait → result,
 * continue resuming the target session with read-only flags re-applied, and cancel of a
 * CLI stalled mid-stream.
 */
import { describe, expect, it } from "vitest";
import { TARGETS, eventually } from "../support/companion.js";
import { processAndGroupGone } from "./support/processes.js";
import { useRealCompanion } from "./support/fixture.js";
import { conversationRequests } from "./support/server-log.js";
import { factsOf, scriptFor } from "./support/targets.js";

describe.each(TARGETS)("%s jobs through the real CLI", (target) => {
  const e2e = useRealCompanion(target);
  const facts = factsOf(target);

  it("runs in the background; wait and result return the completed record", async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: "VERDICT: APPROVE" }]));
    const launched = await e2e.companion.run("review", e2e.repo, ["--background"], "review");
    expect(launched.exitCode, launched.stderr).toBe(0);
    expect(launched.json).toMatchObject({ event: "launched", target });
    const jobId = String(launched.json.job_id);
    const waited = await e2e.companion.command("wait", "--job", jobId, "--timeout", "60");
    expect(waited.exitCode, waited.stderr).toBe(0);
    expect(waited.json).toMatchObject({ job_id: jobId, status: "completed", result: "VERDICT: APPROVE" });
    const result = await e2e.companion.command("result", "--job", jobId);
    expect(result.json).toMatchObject({ job_id: jobId, status: "completed", result: "VERDICT: APPROVE" });
    expect(result.json.collected_at).toEqual(expect.any(String));
  });

  it("continue resumes the same session with its history and still offers no write tool", async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: "noted\nVERDICT: APPROVE" }, { kind: "recall", marker: "MARKER-E2E-5K" }]));
    const first = await e2e.companion.run("review", e2e.repo, [], "remember MARKER-E2E-5K");
    expect(first.exitCode, first.stderr).toBe(0);
    const followUp = await e2e.companion.continue(String(first.json.job_id), "what was the marker?");
    // The scripted recall answer carries no verdict: the follow-up is gated like any review answer.
    expect(followUp.exitCode, followUp.stderr).toBe(1);
    expect(followUp.json).toMatchObject({
      status: "failed",
      error_code: "review_incomplete",
      result: "recall: found MARKER-E2E-5K",
      parent_job_id: first.json.job_id,
      target_session_id: first.json.target_session_id,
    });
    // Usage and cost are the follow-up's own, not the session's running totals (SPEC §4):
    // the follow-up sends about as much as the first run did, so it costs about as much.
    const usageOf = (json: Record<string, unknown>) => (json.usage as { total_tokens: number }).total_tokens;
    expect(usageOf(followUp.json)).toBeGreaterThan(0);
    expect(usageOf(followUp.json)).toBeLessThan(1.5 * usageOf(first.json));
    if (first.json.cost_usd === null) expect(followUp.json.cost_usd).toBeNull();
    else expect(followUp.json.cost_usd).toBeLessThan(1.5 * Number(first.json.cost_usd));
    const resumed = conversationRequests(e2e.server).at(-1);
    expect(resumed?.prompt).toContain("what was the marker?");
    expect(resumed?.toolNames).toContain(facts.readTool);
    for (const tool of facts.writeTools) expect(resumed?.toolNames).not.toContain(tool);
  });

  it("cancel of a CLI stalled mid-stream ends cancelled and leaves no process behind", { timeout: 240_000 }, async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "stall", text: "Looking" }]));
    const launched = await e2e.companion.run("review", e2e.repo, ["--background"], "review");
    const jobId = String(launched.json.job_id);
    await eventually(async () => conversationRequests(e2e.server).some((r) => r.turn === "stall"), 120_000);
    const running = await eventually(async () => {
      const status = await e2e.companion.command("status", "--job", jobId);
      return status.json.status === "running" && status.json.pid_info ? status.json : null;
    });
    const cancel = await e2e.companion.command("cancel", "--job", jobId);
    expect(cancel.exitCode, cancel.stdout).toBe(0);
    expect(cancel.json).toMatchObject({ ok: true, outcome: "signaled" });
    const waited = await e2e.companion.command("wait", "--job", jobId, "--timeout", "30");
    expect(waited.json).toMatchObject({ status: "cancelled" });
    const { pid } = running.pid_info as { pid: number };
    expect(processAndGroupGone(pid)).toBe(true);
    // The background worker finalises the record, then exits too.
    const { pid: workerPid } = running.worker_pid_info as { pid: number };
    await eventually(async () => processAndGroupGone(workerPid), 10_000);
  });
});

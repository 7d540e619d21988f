/**
 * Read-only reviews through our bins and the real CLIs (SPEC §5, §9): the verdict, usage
 * and session come back; no write tool is ever offered; a scripted write changes nothing;
 * the ignored secret never reaches the model; every model turn reached the scripted server.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { SECRET, git } from "../support/git-repo.js";
import { useRealCompanion } from "./support/fixture.js";
import { conversationRequests, everythingSent, sessionIdsSeen } from "./support/server-log.js";
import { factsOf, scriptFor } from "./support/targets.js";

const VERDICT = "src/dirty.ts: the live edit drops the committed value.\nVERDICT: REQUEST_CHANGES";

describe.each(TARGETS)("%s review through the real CLI", (target) => {
  const e2e = useRealCompanion(target);
  const facts = factsOf(target);

  it("completes with the model's verdict, its usage and the CLI's own session id", async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: VERDICT }]));
    const run = await e2e.companion.run("review", e2e.repo, [], "check the error handling");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", mode: "review", result: VERDICT, mutations: [] });
    const usage = run.json.usage as Record<string, number>;
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBeGreaterThan(0);
    const sessionId = run.json.target_session_id;
    expect(sessionId).not.toBe(run.json.job_id);
    expect(await sessionIdsSeen(e2e.server, e2e.companion.sandbox)).toContain(sessionId);
  });

  it("sends the review to the scripted server: the prompt arrives and the answer is the scripted one", async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: VERDICT }]));
    const run = await e2e.companion.run("review", e2e.repo, [], "PROMPT-MARK-31");
    expect(run.json.result).toBe(VERDICT);
    const requests = conversationRequests(e2e.server);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.api).toBe(target === "claude" ? "anthropic" : "gemini");
    expect(requests[0]?.prompt).toContain("PROMPT-MARK-31");
    // The live, untracked content travels in the prompt; nothing the server did not log answered.
    expect(everythingSent(e2e.server)).toContain("LIVE EDIT");
    expect(everythingSent(e2e.server)).toContain("UNTRACKED NOTE");
  });

  it("offers no write or shell tool and a scripted write changes nothing in the user's tree", async () => {
    const victim = join(e2e.repo, "src", "owned.ts");
    e2e.server.setScript(scriptFor(target, [facts.writeCall(victim, "export const owned = true;\n"), { kind: "text", text: VERDICT }]));
    const statusBefore = await git(e2e.repo, "status", "--porcelain");
    const run = await e2e.companion.run("review", e2e.repo, [], "review");
    expect(run.exitCode, run.stderr).toBe(0);
    const requests = conversationRequests(e2e.server);
    // The second request carries the refused tool call's result: the write was attempted.
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.toolNames).toContain(facts.readTool);
      for (const tool of facts.writeTools) expect(request.toolNames).not.toContain(tool);
    }
    expect(existsSync(victim)).toBe(false);
    expect(await git(e2e.repo, "status", "--porcelain")).toBe(statusBefore);
    expect(run.json).toMatchObject({ status: "completed", mutations: [] });
  });

  it("never sends the ignored .env, even when the model asks to read it by absolute path", async () => {
    e2e.server.setScript(scriptFor(target, [facts.readCall(join(e2e.repo, ".env")), { kind: "text", text: VERDICT }]));
    const run = await e2e.companion.run("review", e2e.repo, [], "review");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(conversationRequests(e2e.server)).toHaveLength(2);
    expect(everythingSent(e2e.server)).not.toContain(SECRET);
  });
});

/**
 * Read-only reviews through our bins and the real CLIs (SPEC §5, §9): the verdict, usage
 * and session come back; no write tool is ever offered; a scripted write changes nothing;
 * the ignored secret never reaches the model; every model turn reached the scripted server.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { SECRET, git, put } from "../support/git-repo.js";
import { useRealCompanion } from "./support/fixture.js";
import { conversationRequests, everythingSent, sessionIdsSeen } from "./support/server-log.js";
import { factsOf, scriptFor } from "./support/targets.js";

const VERDICT = "src/dirty.ts: the live edit drops the committed value.\nVERDICT: REQUEST_CHANGES";
const FINDINGS = [
  "The live edit changes a committed constant.",
  "",
  "FINDINGS:",
  "- [high] src/dirty.ts:1 — Value replaced: callers that relied on 'committed' now get 'LIVE EDIT'.",
  "- [low] notes/untracked.md:1 — Stray note: not referenced anywhere.",
  "",
  "SUMMARY: One behaviour change to confirm.",
  "VERDICT: REQUEST_CHANGES",
].join("\n");
// Assembled at run time so this file is not itself a credential.
const AWS_KEY = ["AKIA", "Z7Q4M2W9X5C3V8B1"].join("");

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

  it("reads the model's findings into the record, after a prompt that led with the diff", async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: FINDINGS }]));
    const run = await e2e.companion.run("review", e2e.repo, [], "review the change");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({
      status: "completed",
      review: {
        verdict: "request_changes",
        summary: "One behaviour change to confirm.",
        findings: [
          { severity: "high", file: "src/dirty.ts", line: 1, title: "Value replaced" },
          { severity: "low", file: "notes/untracked.md", line: 1, title: "Stray note" },
        ],
      },
    });
    const prompt = conversationRequests(e2e.server)[0]?.prompt ?? "";
    expect(prompt).toContain("+export const dirty = 'LIVE EDIT';");
    expect(prompt).toContain("VERDICT: REQUEST_CHANGES");
  });

  it("fails review_incomplete when the model gives no verdict, and a continue gets it", async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: "Looks mostly fine; I did not finish." }]));
    const first = await e2e.companion.run("review", e2e.repo, [], "review");
    expect(first.json).toMatchObject({ status: "failed", error_code: "review_incomplete", result: "Looks mostly fine; I did not finish." });
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: "All good.\nVERDICT: APPROVE" }]));
    const second = await e2e.companion.continue(String(first.json.job_id), "Give the verdict line.");
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.json).toMatchObject({ status: "completed", review: { verdict: "approve" } });
  });

  it("never sends a secret from a folder that is not a git repository", async () => {
    const folder = await mkdtemp(join(tmpdir(), "companion-e2e-plain-"));
    try {
      await put(folder, ".env", `API_KEY=${SECRET}\n`);
      await put(folder, "cloud.py", `AWS_ACCESS_KEY_ID = "${AWS_KEY}"\n`);
      await put(folder, "main.py", "print('PLAIN FOLDER CODE')\n");
      e2e.server.setScript(scriptFor(target, [{ kind: "text", text: VERDICT }]));
      const run = await e2e.companion.run("review", folder, [], "review");
      expect(run.exitCode, run.stderr).toBe(0);
      expect((run.json.audit as { excluded: { path: string }[] }).excluded.map((item) => item.path)).toEqual([".env", "cloud.py"]);
      const sent = everythingSent(e2e.server);
      expect(sent).toContain("PLAIN FOLDER CODE");
      expect(sent).not.toContain(SECRET);
      expect(sent).not.toContain(AWS_KEY);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

/**
 * A review launched through `companion-<t> mcp` runs through the real CLI against the
 * scripted model server: the MCP loop (run in the background, wait, result) ends with the
 * model's answer, and the job is an ordinary one the CLI sees.
 */
import { describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { McpSession } from "../support/mcp.js";
import { useRealCompanion } from "./support/fixture.js";
import { conversationRequests } from "./support/server-log.js";
import { scriptFor } from "./support/targets.js";

const VERDICT = "src/dirty.ts: the live edit drops the committed value.\nVERDICT: REQUEST_CHANGES";

describe.each(TARGETS)("%s review launched over MCP through the real CLI", (target) => {
  const e2e = useRealCompanion(target);

  it("runs in the background, wait reaches the end, result carries the scripted verdict", async () => {
    e2e.server.setScript(scriptFor(target, [{ kind: "text", text: VERDICT }]));
    const mcp = await McpSession.start(e2e.companion.harness, { cwd: e2e.repo });
    try {
      const launched = await mcp.call("run", { mode: "review", prompt: "MCP-REVIEW-7", ...(target === "claude" ? { auth_mode: "api_key" } : {}) });
      expect(launched.result.isError, JSON.stringify(launched.json)).toBeFalsy();
      const jobId = String(launched.json.job_id);
      let waited = await mcp.call("wait", { job_id: jobId, timeout_s: 20 }, { progress: true });
      for (let round = 0; waited.json.timed_out === true && round < 5; round++) waited = await mcp.call("wait", { job_id: jobId, timeout_s: 20 });
      expect(waited.json).toMatchObject({ job_id: jobId, status: "completed" });
      const result = await mcp.call("result", { job_id: jobId });
      expect(result.json).toMatchObject({ status: "completed", mode: "review", result: VERDICT, mutations: [], cwd: e2e.repo });
      expect(conversationRequests(e2e.server)[0]?.prompt).toContain("MCP-REVIEW-7");
      expect((await e2e.companion.command("status", "--job", jobId)).json).toEqual(result.json);
    } finally {
      await mcp.close();
    }
  });
});

/**
 * API failures seen by the real CLIs are classified (SPEC §4, §8). Both CLIs retry some
 * statuses for minutes; where the sandbox can turn retries off it does, elsewhere a short
 * `--timeout` proves the deadline ends the job and its process.
 */
import { rm } from "node:fs/promises";
import { createModelServer, type ModelServer } from "@agent-companion/model-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TARGETS, type Target } from "../support/companion.js";
import { sampleRepo } from "../support/git-repo.js";
import { processAndGroupGone } from "./support/processes.js";
import { RealCompanion } from "./support/real-companion.js";
import { scriptFor } from "./support/targets.js";
import { conversationRequests } from "./support/server-log.js";

// Claude's own knob; Gemini 0.61 has no working equivalent for 429 (it keeps retrying).
const NO_CLAUDE_RETRIES = { CLAUDE_CODE_MAX_RETRIES: "0" };

const CLASSIFIED: readonly (readonly [Target, number, string])[] = [
  ["claude", 401, "not_authed"],
  ["claude", 429, "rate_limited"],
  ["gemini", 401, "not_authed"],
];

let server: ModelServer;
let repo: string;
beforeAll(async () => {
  server = await createModelServer();
  repo = await sampleRepo();
});
afterAll(async () => {
  await server.close();
  await rm(repo, { recursive: true, force: true });
});

let companion: RealCompanion | undefined;
beforeEach(() => server.clearLog());
afterEach(async () => {
  await companion?.cleanup();
  companion = undefined;
});

async function failingRun(target: Target, status: number, args: readonly string[]) {
  server.setScript(scriptFor(target, [{ kind: "http_error", status }]));
  companion = await RealCompanion.create(target, server);
  return companion.run("review", repo, args, "review", target === "claude" ? NO_CLAUDE_RETRIES : {});
}

describe("HTTP errors from the model API", () => {
  it.each(CLASSIFIED)("%s: HTTP %i fails the job as %s with a suggested action", async (target, status, errorCode) => {
    const run = await failingRun(target, status, []);
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: errorCode });
    expect(run.json.suggested_action).toEqual(expect.any(String));
    expect(conversationRequests(server).length).toBeGreaterThan(0);
  });

  it.each(TARGETS)("%s: a CLI still retrying HTTP 429 at the deadline ends as timeout, its process gone", { timeout: 120_000 }, async (target) => {
    server.setScript(scriptFor(target, [{ kind: "http_error", status: 429 }]));
    companion = await RealCompanion.create(target, server);
    // Long enough for a starved machine to start the CLI and reach the server; the CLI keeps
    // retrying for minutes, so the deadline still ends it.
    const run = await companion.run("review", repo, ["--timeout", "20"], "review");
    expect(run.exitCode).toBe(1);
    expect(run.json).toMatchObject({ status: "failed", error_code: "timeout" });
    expect(conversationRequests(server).length).toBeGreaterThan(0);
    const { pid } = run.json.pid_info as { pid: number };
    expect(processAndGroupGone(pid)).toBe(true);
  });
});

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, type Target } from "./support/companion.js";

interface MockCall {
  argv: string[];
  env: string[];
}

const mockCalls = async (h: Harness): Promise<MockCall[]> => {
  const text = await readFile(join(h.dir, "mock-log.jsonl"), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MockCall)
    .filter((call) => !call.argv.includes("--help") && !call.argv.includes("--version"));
};

const KEY_VAR: Record<Target, string> = { claude: "ANTHROPIC_API_KEY", gemini: "GEMINI_API_KEY" };
/** An auth mode other than the target's default, so inheriting it is observable. */
const NON_DEFAULT_AUTH: Record<Target, { mode: string; keyPassed: boolean }> = {
  claude: { mode: "api_key", keyPassed: true },
  gemini: { mode: "subscription", keyPassed: false },
};

describe.each(TARGETS)("%s job settings", (target) => {
  let h: Harness;
  let work: string;
  beforeEach(async () => {
    h = await Harness.create(target, { [KEY_VAR[target]]: "dummy-key" });
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
    await writeFile(join(work, "other.ts"), "export const other = 1;\n");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("a --timeout beyond Node's 24.8-day timer limit does not kill the target early", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--timeout", "3000000", "--cwd", work, "take your time"], {
      env: { MOCK_CLI_SCENARIO: "slow", MOCK_CLI_DELAY_MS: "1500" },
    });
    expect(run.stderr).not.toContain("TimeoutOverflowWarning");
    expect(run.json).toMatchObject({ status: "completed", timeout_s: 3_000_000, error_code: null, signal: null });
    expect(run.exitCode).toBe(0);
  });

  describe("continue inherits what the parent job was given (SPEC §3)", () => {
    const { mode: authMode, keyPassed } = NON_DEFAULT_AUTH[target];

    it("model, auth mode, timeout and scope, unless given again", async () => {
      const first = await h.run(["run", "--mode", "custom-review", "--paths", "app.ts", "--cwd", work, "--model", "parent-model", "--auth-mode", authMode, "--timeout", "1234", "look"]);
      expect(first.json).toMatchObject({ status: "completed", model: "parent-model", auth_mode: authMode, timeout_s: 1234, scope: "custom", scope_paths: ["app.ts"] });

      // A model set in the environment meanwhile does not override the parent's.
      const next = await h.run(["continue", "--job", String(first.json.job_id), "and more"], { env: { [`COMPANION_${target.toUpperCase()}_MODEL`]: "env-model" } });
      expect(next.exitCode).toBe(0);
      expect(next.json).toMatchObject({
        status: "completed",
        parent_job_id: first.json.job_id,
        model: "parent-model",
        auth_mode: authMode,
        timeout_s: 1234,
        scope: "custom",
        scope_paths: ["app.ts"],
        containment: "snapshot",
      });
      const calls = await mockCalls(h);
      expect(calls).toHaveLength(2);
      const continued = calls[1] as MockCall;
      expect(continued.argv.join(" ")).toMatch(/--model[= ]parent-model/);
      expect(continued.env.includes(KEY_VAR[target])).toBe(keyPassed);

      const overridden = await h.run(["continue", "--job", String(next.json.job_id), "--model", "new-model", "--auth-mode", "auto", "--timeout", "77", "once more"]);
      expect(overridden.json).toMatchObject({ status: "completed", model: "new-model", auth_mode: "auto", timeout_s: 77, scope: "custom", scope_paths: ["app.ts"] });
      expect(((await mockCalls(h))[2] as MockCall).env).toContain(KEY_VAR[target]);
    });

    it("the parent's target default model stays the target default", async () => {
      const first = await h.run(["run", "--mode", "rescue", "--cwd", work, "fix it"]);
      expect(first.json.status).toBe("completed");
      const next = await h.run(["continue", "--job", String(first.json.job_id), "again"], { env: { [`COMPANION_${target.toUpperCase()}_MODEL`]: "env-model" } });
      expect(next.json).toMatchObject({ status: "completed", model: first.json.model });
    });
  });
});

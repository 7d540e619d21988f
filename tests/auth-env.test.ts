import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness } from "./support/companion.js";

const KEY = "sk-ant-api03-NOT-A-REAL-KEY-0000";

describe("the record names the auth variables a job used or ignored, never their values (SPEC §8)", () => {
  let h: Harness;
  let work: string;
  beforeEach(async () => {
    h = await Harness.create("claude", { ANTHROPIC_API_KEY: KEY });
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("a completed review under subscription auth lists the key it withheld", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", work, "look"]);
    expect(run.json).toMatchObject({ status: "completed", auth_mode: "subscription", auth_env: { used: [], ignored: ["ANTHROPIC_API_KEY"] } });
    expect(run.stdout).not.toContain(KEY);
  });

  it("a review that fails before its target starts still lists them", async () => {
    await symlink("/etc/passwd", join(work, "passwd.ts"));
    const run = await h.run(["run", "--mode", "review", "--cwd", work, "look"]);
    expect(run.json).toMatchObject({ status: "failed", error_code: "scope_failed", auth_env: { used: [], ignored: ["ANTHROPIC_API_KEY"] } });
  });

  it("an api_key run uses the key it was given", async () => {
    const run = await h.run(["run", "--mode", "review", "--auth-mode", "api_key", "--cwd", work, "look"]);
    expect(run.json).toMatchObject({ status: "completed", auth_env: { used: ["ANTHROPIC_API_KEY"], ignored: [] } });
    expect(run.stdout).not.toContain(KEY);
  });
});

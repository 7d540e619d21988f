import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";

describe.each(TARGETS)("a job id of %s given to the other bin", (owner) => {
  const other = owner === "claude" ? "gemini" : "claude";
  let ownerBin: Harness;
  let otherBin: Harness;
  let work: string;
  beforeEach(async () => {
    ownerBin = await Harness.create(owner);
    otherBin = await Harness.create(other, { COMPANION_STATE_DIR: ownerBin.stateDir });
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
  });
  afterEach(async () => {
    await Promise.all([ownerBin.cleanup(), otherBin.cleanup()]);
    await rm(work, { recursive: true, force: true });
  });

  it("is not_found, naming the bin it belongs to", async () => {
    const run = await ownerBin.run(["run", "--mode", "rescue", "--cwd", work, "do it"]);
    const jobId = String(run.json.job_id);
    for (const args of [["status", "--job", jobId], ["result", "--job", jobId], ["wait", "--job", jobId], ["cancel", "--job", jobId], ["continue", "--job", jobId, "more"]]) {
      const wrong = await otherBin.run(args);
      expect(wrong.exitCode, args.join(" ")).toBe(1);
      expect(wrong.json).toMatchObject({ ok: false, error: "not_found" });
      expect(String(wrong.json.message)).toContain(`belongs to companion-${owner}`);
      expect(String(wrong.json.suggested_action)).toContain(`companion-${owner}`);
    }
    // An id neither store has stays a plain not_found.
    const unknown = await otherBin.run(["result", "--job", "3f1c2a9e-0000-4000-8000-000000000000"]);
    expect(unknown.json).toMatchObject({ ok: false, error: "not_found" });
    expect(String(unknown.json.message)).not.toContain("belongs to");
    // The owner's bin still reads it.
    expect((await ownerBin.run(["result", "--job", jobId])).json).toMatchObject({ job_id: jobId, status: "completed" });
  });
});

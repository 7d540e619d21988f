import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";

// The bins start background launches from a small bundle of their own; these drive the
// command lines whose routing could go wrong.
describe.each(TARGETS)("%s background launches and look-alikes", (target) => {
  let h: Harness;
  let work: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("continue --background launches the follow-up as a background job", async () => {
    const first = await h.run(["run", "--mode", "review", "--cwd", work, "look"]);
    expect(first.json.status).toBe("completed");
    const launched = await h.run(["continue", "--job", String(first.json.job_id), "--background", "and the tests?"]);
    expect(launched.exitCode).toBe(0);
    expect(launched.json).toMatchObject({ event: "launched", status: "queued", mode: "review" });
    const waited = await h.run(["wait", "--job", String(launched.json.job_id), "--timeout", "60"]);
    expect(waited.json).toMatchObject({ status: "completed", background: true, parent_job_id: first.json.job_id });
  });

  it("--background after -- is prompt text: the run stays in the foreground", async () => {
    const run = await h.run(["run", "--mode", "rescue", "--cwd", work, "--", "explain", "--background"]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", background: false, prompt_head: "explain --background" });
  });

  it("run --background --help prints the run help", async () => {
    const help = await h.run(["run", "--background", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain(`Usage: companion-${target} run --mode MODE`);
  });
});

/** An isolated rescue through the real CLIs (SPEC §9.3): the write lands in a private worktree, `apply` brings it home. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { git } from "../support/git-repo.js";
import { useRealCompanion } from "./support/fixture.js";
import { factsOf, scriptFor } from "./support/targets.js";

describe.each(TARGETS)("%s isolated rescue through the real CLI", { timeout: 240_000 }, (target) => {
  const e2e = useRealCompanion(target);

  it("writes in a private worktree, leaves the user's tree alone, and apply brings the file home", async () => {
    const content = "export const isolated = true;\n";
    // Relative to the target's cwd, which is the job's worktree (its path is not known in advance).
    const write = factsOf(target).writeCall("src/isolated.ts", content);
    e2e.server.setScript(scriptFor(target, [write, { kind: "text", text: "Wrote src/isolated.ts." }]));
    const statusBefore = await git(e2e.repo, "status", "--porcelain");
    const run = await e2e.companion.run("rescue", e2e.repo, ["--isolate"], "add src/isolated.ts");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", containment: "worktree", result: "Wrote src/isolated.ts.", mutations: [] });
    expect(existsSync(join(e2e.repo, "src/isolated.ts"))).toBe(false);
    expect(await git(e2e.repo, "status", "--porcelain")).toBe(statusBefore);
    const changes = run.json.changes as { files: unknown[] };
    expect(changes.files).toEqual([{ path: "src/isolated.ts", status: "added", insertions: 1, deletions: 0 }]);

    const apply = await e2e.companion.command("apply", "--job", String(run.json.job_id));
    expect(apply.exitCode, apply.stdout).toBe(0);
    expect(apply.json).toEqual({ ok: true, job_id: run.json.job_id, applied: ["src/isolated.ts"], dry_run: false });
    expect(await readFile(join(e2e.repo, "src/isolated.ts"), "utf8")).toBe(content);
  });

  it("continue resumes the session in the chain's worktree and builds on the first pass", async () => {
    const facts = factsOf(target);
    e2e.server.setScript(
      scriptFor(target, [
        facts.writeCall("src/first.ts", "export const first = 1;\n"),
        { kind: "text", text: "Wrote src/first.ts." },
        facts.writeCall("src/second.ts", "export const second = 2;\n"),
        { kind: "recall", marker: "MARKER-ISO-7Q" },
      ]),
    );
    const first = await e2e.companion.run("rescue", e2e.repo, ["--isolate"], "add src/first.ts and remember MARKER-ISO-7Q");
    expect(first.exitCode, first.stderr).toBe(0);
    const second = await e2e.companion.continue(String(first.json.job_id), "now add src/second.ts; what was the marker?");
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.json).toMatchObject({
      status: "completed",
      containment: "worktree",
      result: "recall: found MARKER-ISO-7Q",
      target_session_id: first.json.target_session_id,
      target_cwd: first.json.target_cwd,
    });
    expect(existsSync(join(e2e.repo, "src/first.ts"))).toBe(false);
    const changes = second.json.changes as { files: { path: string }[] };
    expect(changes.files.map((file) => file.path).sort()).toEqual(["src/first.ts", "src/second.ts"]);
    expect((await e2e.companion.command("apply", "--job", String(second.json.job_id))).exitCode).toBe(0);
    expect(await readFile(join(e2e.repo, "src/first.ts"), "utf8")).toBe("export const first = 1;\n");
    expect(await readFile(join(e2e.repo, "src/second.ts"), "utf8")).toBe("export const second = 2;\n");
  });
});

/** An isolated rescue through the real CLIs (SPEC §9.3): the write lands in a private worktree, `apply` brings it home. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { git } from "../support/git-repo.js";
import { useRealCompanion } from "./support/fixture.js";
import { factsOf, scriptFor } from "./support/targets.js";

describe.each(TARGETS)("%s isolated rescue through the real CLI", (target) => {
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
});

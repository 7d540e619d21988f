import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commitAll, git, initRepo, put, removeTempDirs } from "../scope/test-support/git-repo.js";
import { captureGitStatus, type StatusCapture } from "./capture.js";
import { diffMutations } from "./diff.js";
import { parseStatusV2 } from "./porcelain.js";

afterAll(removeTempDirs);

describe("parseStatusV2", () => {
  it("reads branch, ordinary, unmerged and untracked records", () => {
    const oid = "a".repeat(40);
    const out = [
      `# branch.oid ${oid}`,
      "# branch.head main",
      `1 .M N... 100644 100644 100644 ${oid} ${"b".repeat(40)} src/with space.ts`,
      `u UU N... 100644 100644 100644 100644 ${oid} ${oid} ${oid} conflict.txt`,
      "? new.txt",
      "",
    ].join("\0");
    const parsed = parseStatusV2(out);
    expect(parsed.head).toBe(oid);
    expect(parsed.entries.map((e) => e.line)).toEqual([" M src/with space.ts", "UU conflict.txt", "?? new.txt"]);
    expect(parsed.entries[0]).toMatchObject({ path: "src/with space.ts", indexOid: "b".repeat(40), worktreeDirty: true });
    expect(parseStatusV2("# branch.oid (initial)\0").head).toBeNull();
  });
});

describe("diffMutations", () => {
  const capture = (entries: string[], fingerprints: Record<string, string> = {}, head: string | null = "h1"): StatusCapture => ({ ok: true, head, entries, fingerprints });

  it("reports new, re-edited and vanished entries and a moved HEAD", () => {
    const before = capture([" M a.ts", "?? b.txt", " M keep.ts"], { "a.ts": "x:1", "b.txt": "-:1", "keep.ts": "x:1" });
    const after = capture([" M a.ts", " M c.ts", " M keep.ts"], { "a.ts": "x:2", "c.ts": "x:1", "keep.ts": "x:1" }, "h2");
    expect(diffMutations(before, after)).toEqual([
      { kind: "changed", entry: "HEAD moved from h1 to h2" },
      { kind: "changed", entry: " M a.ts (content changed during the review)" },
      { kind: "changed", entry: " M c.ts" },
      { kind: "changed", entry: "?? b.txt (no longer reported after the review)" },
    ]);
  });

  it("reports nothing when nothing changed, and a failed capture as such", () => {
    const same = capture([" M a.ts"], { "a.ts": "x:1" });
    expect(diffMutations(same, same)).toEqual([]);
    expect(diffMutations({ ok: false, reason: "boom" }, same)).toEqual([{ kind: "detection_failed", reason: "before the review: boom" }]);
    expect(diffMutations(same, { ok: false, reason: "gone" })).toEqual([{ kind: "detection_failed", reason: "after the review: gone" }]);
  });
});

describe("captureGitStatus on a real repository", () => {
  it("notices new files, edits to clean files, further edits to dirty files, and commits", async () => {
    const repo = await initRepo();
    await put(repo, { "clean.txt": "clean\n", "dirty.txt": "v1\n", ".gitignore": "*.log\n" });
    await commitAll(repo);
    await put(repo, { "dirty.txt": "v2 (user's work)\n", "untracked.txt": "u1\n" });
    const before = await captureGitStatus(repo);
    expect(before.ok && before.entries).toEqual([" M dirty.txt", "?? untracked.txt"]);

    expect(diffMutations(before, await captureGitStatus(repo))).toEqual([]);

    await put(repo, { "dirty.txt": "v3 (reviewer's edit)\n", "untracked.txt": "u2\n", "clean.txt": "edited\n", "new.txt": "n\n", "debug.log": "ignored\n" });
    const after = await captureGitStatus(repo);
    expect(diffMutations(before, after).map((m) => (m.kind === "changed" ? m.entry : m.reason))).toEqual([
      " M clean.txt",
      " M dirty.txt (content changed during the review)",
      "?? new.txt",
      "?? untracked.txt (content changed during the review)",
    ]);

    await git(repo, ["add", "-A"]);
    await git(repo, ["commit", "-qm", "reviewer commits"]);
    const committed = await captureGitStatus(repo);
    const entries = diffMutations(before, committed).map((m) => (m.kind === "changed" ? m.entry : m.reason));
    expect(entries[0]).toMatch(/^HEAD moved from [0-9a-f]{40} to [0-9a-f]{40}$/);
    expect(entries).toContain(" M dirty.txt (no longer reported after the review)");
  });

  it("reports a directory that is not a repository as a failed capture", async () => {
    const result = await captureGitStatus("/");
    expect(result.ok).toBe(false);
    const reason = result.ok ? "" : result.reason;
    expect(reason.split("git status failed in /")).toHaveLength(2);
  });

  it("sees staged-content changes of a file that stays staged", async () => {
    const repo = await initRepo();
    await put(repo, { "s.txt": "1\n" });
    await commitAll(repo);
    await writeFile(join(repo, "s.txt"), "2\n");
    await git(repo, ["add", "s.txt"]);
    const before = await captureGitStatus(repo);
    await writeFile(join(repo, "s.txt"), "3\n");
    await git(repo, ["add", "s.txt"]);
    expect(diffMutations(before, await captureGitStatus(repo))).toEqual([{ kind: "changed", entry: "M  s.txt (content changed during the review)" }]);
  });
});

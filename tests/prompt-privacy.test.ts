import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, eventually } from "./support/companion.js";
import { readRecord } from "./support/store.js";

/** Every file the companion keeps, as text. */
async function storeFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name), await readFile(join(entry.parentPath, entry.name), "utf8"));
  }
  return files;
}

// Long enough that prompt_head (200 characters) cannot hold it, with a unique tail.
const PROMPT = `${"Please fix the flaky test in the parser module and explain the root cause. ".repeat(4)}TAIL-7f3a9c-never-stored`;

describe.each(TARGETS)("%s: no file in the store holds the full prompt (SPEC §6.1, §6.2)", (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create(target);
  });
  afterEach(() => h.cleanup());

  it("foreground and background runs keep only prompt_head, and logs drop prompt echoes", async () => {
    const foreground = await h.run(["run", "--mode", "rescue", "--cwd", h.dir, "--prompt-file", "-"], { input: PROMPT });
    expect(foreground.json).toMatchObject({ status: "completed", prompt_head: PROMPT.slice(0, 200) });
    const launched = await h.run(["run", "--mode", "rescue", "--background", "--cwd", h.dir, "--", PROMPT]);
    const jobId = String(launched.json.job_id);
    await eventually(async () => (await readRecord(h.stateDir, target, jobId)).status === "completed");

    const files = await storeFiles(h.stateDir);
    expect([...files.keys()].some((path) => path.endsWith("stdout.log"))).toBe(true);
    for (const [path, text] of files) expect(text.includes("TAIL-7f3a9c-never-stored"), path).toBe(false);
    // The target did receive it: the stand-in logged what it read on stdin.
    expect(await readFile(join(h.dir, "mock-log.jsonl"), "utf8")).toContain("TAIL-7f3a9c-never-stored");
  });
});

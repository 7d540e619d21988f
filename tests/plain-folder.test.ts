import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS } from "./support/companion.js";
import { git } from "./support/git-repo.js";

/** A file whose name holds a byte that is not valid UTF-8 (Latin-1 "café.txt"). */
const RAW_NAME = Buffer.from("caf\xe9.txt", "latin1");
const putRaw = (dir: string): Promise<void> => writeFile(Buffer.concat([Buffer.from(`${dir}/`), RAW_NAME]), "latin-1 named\n");
const SKIP_NOTE = "skipped caf\uFFFD.txt: its file name is not valid UTF-8";
/** How the record and preflight list it among what the review left out. */
const SKIPPED = { path: "caf\uFFFD.txt", reason: "its file name is not valid UTF-8" };

describe.each(TARGETS)("%s reviews outside git and of odd file names", (target) => {
  let h: Harness;
  let work: string;
  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-plain-"));
    await writeFile(join(work, "app.ts"), "export const answer = 42;\n");
  });
  afterEach(async () => {
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("a clean review of a plain folder reports no mutations", async () => {
    const run = await h.run(["run", "--mode", "review", "--cwd", work]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", mutations: [] });
  });

  it("a write into a plain folder is detected from the tree listing", async () => {
    const edited = await h.run(["run", "--mode", "review", "--cwd", work], { env: { MOCK_CLI_SCENARIO: "rogue-write", MOCK_CLI_WRITE_PATH: join(work, "app.ts") } });
    expect(edited.json).toMatchObject({ status: "completed", mutations: [{ kind: "changed", entry: " M app.ts" }] });
    expect(await readFile(join(work, "app.ts"), "utf8")).toBe("mutated\n");

    const created = await h.run(["run", "--mode", "review", "--cwd", work], { env: { MOCK_CLI_SCENARIO: "rogue-write", MOCK_CLI_WRITE_PATH: join(work, "new.txt") } });
    expect(created.json).toMatchObject({ status: "completed", mutations: [{ kind: "changed", entry: "?? new.txt" }] });
  });

  it.each(["plain folder", "git repository"])("a file name that is not valid UTF-8 in a %s is skipped with a note and listed as excluded; the review runs", async (kind) => {
    if (kind === "git repository") {
      await git(work, "init", "-q", "-b", "main");
      await putRaw(work);
      await git(work, "add", "-A");
      await git(work, "commit", "-qm", "base");
      await writeFile(join(work, "app.ts"), "export const answer = 43;\n");
    } else {
      await putRaw(work);
    }
    const pre = await h.run(["preflight", "--mode", "review", "--cwd", work]);
    expect(pre.exitCode).toBe(0);
    expect((pre.json.files as { path: string }[]).map((file) => file.path)).toEqual(["app.ts"]);
    expect(pre.json.notes).toContain(SKIP_NOTE);
    expect(pre.json.excluded).toContainEqual(SKIPPED);

    const run = await h.run(["run", "--mode", "review", "--cwd", work]);
    expect(run.exitCode).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", mutations: [] });
    expect((run.json.audit as { excluded: unknown[] }).excluded).toContainEqual(SKIPPED);
  });
});

/** Rescue is the one mode that may write (SPEC §5): a scripted write lands in the live tree. */
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { createModelServer, type ModelServer } from "@agent-companion/model-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { sampleRepo } from "../support/git-repo.js";
import { RealCompanion } from "./support/real-companion.js";
import { conversationRequests } from "./support/server-log.js";
import { factsOf, scriptFor } from "./support/targets.js";

let server: ModelServer;
beforeAll(async () => {
  server = await createModelServer();
});
afterAll(() => server.close());

describe.each(TARGETS)("%s rescue through the real CLI", (target) => {
  let companion: RealCompanion;
  let repo: string;
  beforeEach(async () => {
    server.clearLog();
    companion = await RealCompanion.create(target, server);
    repo = await sampleRepo();
  });
  afterEach(async () => {
    await companion.cleanup();
    await rm(repo, { recursive: true, force: true });
  });

  it("lets the model's write through to the user's tree", async () => {
    const fixed = join(repo, "src", "fixed.ts");
    const content = "export const fixed = true;\n";
    const write = factsOf(target).writeCall(fixed, content);
    server.setScript(scriptFor(target, [write, { kind: "text", text: "Wrote src/fixed.ts." }]));
    const run = await companion.run("rescue", repo, [], "add src/fixed.ts");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", mode: "rescue", result: "Wrote src/fixed.ts." });
    expect(await readFile(fixed, "utf8")).toBe(content);
    expect(conversationRequests(server)[0]?.toolNames).toContain(write.name);
  });
});

/** Rescue is the one mode that may write (SPEC §5): a scripted write lands in the live tree. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { useRealCompanion } from "./support/fixture.js";
import { conversationRequests } from "./support/server-log.js";
import { factsOf, scriptFor } from "./support/targets.js";

describe.each(TARGETS)("%s rescue through the real CLI", (target) => {
  const e2e = useRealCompanion(target);

  it("lets the model's write through to the user's tree", async () => {
    const fixed = join(e2e.repo, "src", "fixed.ts");
    const content = "export const fixed = true;\n";
    const write = factsOf(target).writeCall(fixed, content);
    e2e.server.setScript(scriptFor(target, [write, { kind: "text", text: "Wrote src/fixed.ts." }]));
    const run = await e2e.companion.run("rescue", e2e.repo, [], "add src/fixed.ts");
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ status: "completed", mode: "rescue", result: "Wrote src/fixed.ts." });
    expect(await readFile(fixed, "utf8")).toBe(content);
    expect(conversationRequests(e2e.server)[0]?.toolNames).toContain(write.name);
  });
});

/**
 * `doctor` against the pinned real CLIs, and the fail-closed contract check (SPEC §8):
 * a CLI that lacks a flag read-only enforcement depends on makes reviews refuse to run.
 */
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createModelServer, type ModelServer } from "@agent-companion/model-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, binaryEnvVar, mockBinOf, type Target } from "../support/companion.js";
import { RealCompanion } from "./support/real-companion.js";
import { factsOf, scriptFor } from "./support/targets.js";

// One flag per target whose loss would leave a review unguarded.
const GUARD_FLAG: Record<Target, string> = { claude: "--tools", gemini: "--policy" };
const PINNED_VERSION: Record<Target, string> = { claude: "2.1.330", gemini: "0.61.0" };

let server: ModelServer;
beforeAll(async () => {
  server = await createModelServer();
});
afterAll(() => server.close());

describe.each(TARGETS)("%s doctor", (target) => {
  it("confirms the pinned real CLI's version and every required flag, and its live probe answers", async () => {
    server.setScript(scriptFor(target, [{ kind: "text", text: "OK" }]));
    const companion = await RealCompanion.create(target, server);
    try {
      const doctor = await companion.command("doctor", ...factsOf(target).authArgs);
      expect(doctor.exitCode, doctor.stdout).toBe(0);
      expect(doctor.json).toMatchObject({
        ok: true,
        contract: { version: PINNED_VERSION[target], version_ok: true, missing_flags: [], probe_error: null },
        read_only_reviews: "enforced",
        auth: { probe: { outcome: "ok", answer: "OK" } },
      });
    } finally {
      await companion.cleanup();
    }
  });

  describe("with a stand-in CLI that lost a read-only flag", () => {
    let h: Harness;
    let standIn: string;
    beforeEach(async () => {
      h = await Harness.create(target);
      standIn = join(h.dir, `${target}-stand-in`);
      await writeStandIn(standIn, target, "");
      h.env[binaryEnvVar(target)] = standIn;
    });
    afterEach(() => h.cleanup());

    it("doctor names the missing flag and review refuses with contract_changed, spawning nothing", async () => {
      await writeStandIn(standIn, target, GUARD_FLAG[target]);
      const doctor = await h.run(["doctor", "--no-probe"]);
      expect(doctor.exitCode).toBe(1);
      expect(doctor.json).toMatchObject({ ok: false, contract: { missing_flags: [GUARD_FLAG[target]] }, read_only_reviews: "refused (contract_changed)" });
      const review = await h.run(["run", "--mode", "review", "--", "review"]);
      expect(review.exitCode).toBe(1);
      expect(review.json).toMatchObject({ error_code: "contract_changed" });
      expect(await promptedRuns(h)).toBe(0);
    });

    it("a CLI upgraded in place that lost the flag is probed again, not trusted from the cache", async () => {
      const before = await h.run(["run", "--mode", "review", "--", "review"]);
      expect(before.json).toMatchObject({ status: "completed" });
      await writeStandIn(standIn, target, GUARD_FLAG[target]);
      const after = await h.run(["run", "--mode", "review", "--", "review"]);
      expect(after.json).toMatchObject({ error_code: "contract_changed" });
      expect(await promptedRuns(h)).toBe(1);
    });
  });
});

/** An executable at a fixed path standing in for the target CLI, minus `omit` from its flags. */
async function writeStandIn(path: string, target: Target, omit: string): Promise<void> {
  const script = `#!/bin/sh\nMOCK_CLI_HELP_OMIT='${omit}' exec '${process.execPath}' '${mockBinOf(target)}' "$@"\n`;
  await writeFile(path, script);
  await chmod(path, 0o755);
}

/** Mock invocations that received a prompt (probes of --help/--version log stdin null). */
async function promptedRuns(h: Harness): Promise<number> {
  const log = await readFile(join(h.dir, "mock-log.jsonl"), "utf8").catch(() => "");
  return log
    .split("\n")
    .filter(Boolean)
    .filter((line) => (JSON.parse(line) as { stdin: unknown }).stdin !== null).length;
}

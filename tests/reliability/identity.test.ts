import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, TARGETS, isAlive } from "../support/companion.js";
import { type Json, forgeActiveRecord } from "../support/store.js";
import { launch, whenRunning } from "./support/jobs.js";
import { Processes, identityOf } from "./support/processes.js";

describe.each(TARGETS)("%s process identity in a hostile environment (SPEC §7.1)", (target) => {
  let h: Harness;
  let work: string;
  let hostilePath: string;
  const procs = new Processes();

  beforeEach(async () => {
    h = await Harness.create(target);
    work = await mkdtemp(join(tmpdir(), "companion-work-"));
    // A `ps` that vouches for any pid with whatever identity a record claims.
    const bin = join(h.dir, "hostile-bin");
    await mkdir(bin);
    await writeFile(join(bin, "ps"), "#!/bin/sh\necho 'Mon Jan  1 00:00:00 2024 /usr/bin/definitely-ours'\n");
    await chmod(join(bin, "ps"), 0o755);
    hostilePath = `${bin}:${process.env.PATH ?? ""}`;
  });
  afterEach(async () => {
    procs.killAll();
    await h.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  it("a foreign process at a recorded pid is refused (exit 3) and survives, whatever a ps on PATH says", async () => {
    const template = (await h.run(["run", "--mode", "rescue", "--cwd", work, "template"])).json;
    const foreign = procs.foreign();
    const real = await identityOf(foreign.pid as number);
    const forged: Json[] = [
      { ...real, starttime: String(Number(real.starttime) + 7) },
      { ...real, argv0: "/usr/bin/definitely-ours" },
    ];
    for (const pidInfo of forged) {
      const jobId = await forgeActiveRecord(h.stateDir, target, template, { status: "running", pid_info: pidInfo });
      for (const PATH of [hostilePath, ""]) {
        const cancel = await h.run(["cancel", "--job", jobId, "--force"], { env: { PATH } });
        expect(cancel.exitCode).toBe(3);
        expect(cancel.json).toMatchObject({ ok: false, outcome: "stale_pid" });
        expect(isAlive(real.pid)).toBe(true);
      }
    }
  });

  it("with an empty PATH or a lying ps first on it, cancel still verifies and stops our own target", async () => {
    for (const PATH of [hostilePath, ""]) {
      const jobId = await launch(h, work, { MOCK_CLI_SCENARIO: "hang" });
      const { target: targetInfo } = await whenRunning(h, jobId);
      procs.track(targetInfo.pid);
      const cancel = await h.run(["cancel", "--job", jobId], { env: { PATH } });
      expect(cancel.exitCode).toBe(0);
      expect(cancel.json).toMatchObject({ ok: true, outcome: "signaled", job_status: "cancelled" });
    }
  });
});

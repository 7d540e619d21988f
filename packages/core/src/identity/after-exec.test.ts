import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { captureAfterExec } from "./after-exec.js";
import { parseCmdline } from "./cmdline.js";
import { exitOf, killStarted, pidOf, startChild, startNode } from "./test-support/children.js";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "identity-after-exec-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));
afterEach(killStarted);

const TIMEOUT_MS = 10_000;

describe("captureAfterExec", () => {
  it("captures a node child once its image has settled", async () => {
    const pid = pidOf(startNode("setInterval(() => {}, 1000)"));
    expect(await captureAfterExec(pid, { timeoutMs: TIMEOUT_MS })).toMatchObject({ outcome: "captured", info: { pid, argv0: process.execPath } });
  });

  it("looks through a `#!/usr/bin/env node` shebang to node", async () => {
    const script = join(scratch, "shebang-target");
    await writeFile(script, "#!/usr/bin/env node\nsetInterval(() => {}, 1000);\n");
    await chmod(script, 0o755);
    const child = startChild(script, [], { env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` } });
    expect(await captureAfterExec(pidOf(child), { timeoutMs: TIMEOUT_MS })).toMatchObject({ outcome: "captured", info: { argv0: process.execPath } });
  });

  it("waits while the child is still a trampoline", async () => {
    const child = startChild("/bin/sh", ["-c", "sleep 0.3; exec sleep 30"]);
    const capture = await captureAfterExec(pidOf(child), { timeoutMs: TIMEOUT_MS, trampolines: ["env", "sh", "dash", "bash"] });
    expect(capture).toMatchObject({ outcome: "captured", info: { argv0: expect.stringMatching(/\/sleep$/) } });
  });

  it("never settles on the pre-exec image", async () => {
    const pid = pidOf(startNode("setInterval(() => {}, 1000)"));
    const argv = parseCmdline(await readFile(`/proc/${pid}/cmdline`));
    const capture = await captureAfterExec(pid, { timeoutMs: 300, preExecArgv: argv });
    expect(capture).toMatchObject({ outcome: "capture_error", reason: expect.stringContaining("pre-exec") });
  });

  it("is gone for a child that has already exited", async () => {
    const child = startNode("");
    await exitOf(child);
    expect(await captureAfterExec(pidOf(child), { timeoutMs: TIMEOUT_MS })).toEqual({ outcome: "gone" });
  });

  it("is a capture_error, after the timeout, when identity cannot be read", async () => {
    const pid = pidOf(startNode("setInterval(() => {}, 1000)"));
    const capture = await captureAfterExec(pid, { timeoutMs: 200, procRoot: join(scratch, "missing") });
    expect(capture).toMatchObject({ outcome: "capture_error", reason: expect.stringContaining("did not settle") });
  });
});

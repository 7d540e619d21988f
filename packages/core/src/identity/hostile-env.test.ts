import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decideCancel } from "../cancel/decide.js";
import { gatherEvidence } from "../cancel/evidence.js";
import { captureIdentity } from "./capture.js";
import type { ProcFs } from "./options.js";
import { killStarted, pidOf, startNode } from "./test-support/children.js";
import { verifyIdentity } from "./verify.js";

const IDLE = "setInterval(() => {}, 1000)";
const savedPath = process.env.PATH;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "identity-hostile-"));
  await writeFile(join(scratch, "ps"), "#!/bin/sh\necho 'Mon Jan  1 00:00:00 2024 /usr/bin/forged'\n");
  await chmod(join(scratch, "ps"), 0o755);
});
afterAll(() => rm(scratch, { recursive: true, force: true }));
afterEach(() => {
  process.env.PATH = savedPath;
  killStarted();
});

/** procfs where stat reads fine but the executable link is denied, as for another user's process. */
const exeDenied: ProcFs = {
  readFile: (path) => readFile(path),
  readlink: () => Promise.reject(Object.assign(new Error("EACCES: permission denied, readlink"), { code: "EACCES" })),
};

describe("identity in a hostile environment", () => {
  it("never consults a ps found on PATH, and works with an empty PATH (macOS path)", async () => {
    const pid = pidOf(startNode(IDLE));
    const honest = await captureIdentity(pid, { platform: "darwin", psPath: "/bin/ps" });
    expect(honest.outcome).toBe("captured");
    for (const PATH of [`${scratch}:${savedPath ?? ""}`, ""]) {
      process.env.PATH = PATH;
      expect(await captureIdentity(pid, { platform: "darwin" })).toEqual(honest);
    }
  });

  it("works with an empty PATH (Linux procfs)", async () => {
    const pid = pidOf(startNode(IDLE));
    process.env.PATH = "";
    expect(await captureIdentity(pid)).toMatchObject({ outcome: "captured", info: { pid, argv0: process.execPath } });
  });

  it("an unreadable executable link is a capture_error, so cancel refuses and reconcile waits", async () => {
    const pid = pidOf(startNode(IDLE));
    const info = { pid, starttime: "1", argv0: process.execPath };
    expect(await captureIdentity(pid, { fs: exeDenied })).toMatchObject({ outcome: "capture_error", reason: expect.stringContaining("EACCES") });
    expect(await verifyIdentity(info, { fs: exeDenied })).toMatchObject({ outcome: "capture_error" });
    const evidence = await gatherEvidence({ status: "running", pid_info: info, worker_pid_info: null }, { identity: { fs: exeDenied } });
    expect(decideCancel({ status: "running", evidence })).toMatchObject({ step: "finish", outcome: { outcome: "unverifiable" } });
  });
});

import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureIdentity } from "../identity/capture.js";
import { exitOf, firstLine, killStarted, pidOf, startNode, waitFor } from "../identity/test-support/children.js";
import type { Verification } from "../identity/types.js";
import type { PidInfo } from "../record/schema.js";
import { terminateVerified, type TerminateSignal } from "./signal.js";

afterEach(killStarted);

const IDLE = "setInterval(() => {}, 1000)";
const FAST = { pollMs: 20, killWaitMs: 15_000 };

const infoOf = async (pid: number): Promise<PidInfo> => {
  const capture = await captureIdentity(pid);
  if (capture.outcome !== "captured") throw new Error(`capture failed: ${JSON.stringify(capture)}`);
  return capture.info;
};

const isGone = async (pid: number): Promise<boolean> => (await captureIdentity(pid)).outcome === "gone";

describe("terminateVerified with real processes", () => {
  it("SIGTERMs a cooperative child", async () => {
    const child = startNode(IDLE);
    const outcome = await terminateVerified(await infoOf(pidOf(child)), { force: false, graceMs: 15_000, ...FAST });
    expect(outcome).toEqual({ outcome: "signaled", signal: "SIGTERM", escalated: false, exited: true });
    expect(await exitOf(child)).toEqual({ code: null, signal: "SIGTERM" });
  });

  it("SIGKILLs at once with force", async () => {
    const child = startNode(IDLE);
    const outcome = await terminateVerified(await infoOf(pidOf(child)), { force: true, graceMs: 15_000, ...FAST });
    expect(outcome).toEqual({ outcome: "signaled", signal: "SIGKILL", escalated: false, exited: true });
    expect(await exitOf(child)).toEqual({ code: null, signal: "SIGKILL" });
  });

  it("escalates to SIGKILL for a child that ignores SIGTERM", async () => {
    const child = startNode(`process.on("SIGTERM", () => {}); console.log("ready"); ${IDLE}`);
    expect(await firstLine(child)).toBe("ready");
    const outcome = await terminateVerified(await infoOf(pidOf(child)), { force: false, graceMs: 500, ...FAST });
    expect(outcome).toEqual({ outcome: "signaled", signal: "SIGKILL", escalated: true, exited: true });
    expect(await exitOf(child)).toEqual({ code: null, signal: "SIGKILL" });
  });

  it("signals the whole group of a group leader, reaching a grandchild", async () => {
    const child = startNode(`const g = require("node:child_process").spawn("sleep", ["300"], { stdio: "ignore" }); console.log(g.pid); ${IDLE}`);
    const grandchild = Number(await firstLine(child));
    expect((await captureIdentity(grandchild)).outcome).toBe("captured");
    const outcome = await terminateVerified(await infoOf(pidOf(child)), { force: false, graceMs: 15_000, ...FAST });
    expect(outcome).toMatchObject({ outcome: "signaled", signal: "SIGTERM" });
    await waitFor(() => isGone(grandchild), 15_000, "the grandchild to be gone");
  });

  it("signals only the pid of a process that does not lead its group", async () => {
    const child = startNode(`const g = require("node:child_process").spawn("sleep", ["300"], { stdio: "ignore" }); console.log(g.pid); ${IDLE}`);
    const grandchild = Number(await firstLine(child));
    const kill = vi.fn((pid: number, signal: TerminateSignal) => process.kill(pid, signal));
    const outcome = await terminateVerified(await infoOf(grandchild), { force: false, graceMs: 15_000, kill, ...FAST });
    expect(outcome).toMatchObject({ outcome: "signaled", exited: true });
    expect(kill).toHaveBeenCalledWith(grandchild, "SIGTERM");
    expect((await captureIdentity(pidOf(child))).outcome).toBe("captured");
  });

  it("does not signal on a starttime mismatch: the process survives", async () => {
    const child = startNode(IDLE);
    const info = await infoOf(pidOf(child));
    const kill = vi.fn();
    const outcome = await terminateVerified({ ...info, starttime: String(Number(info.starttime) + 1) }, { force: true, graceMs: 100, kill, ...FAST });
    expect(outcome).toMatchObject({ outcome: "stale_pid", mismatch: "starttime" });
    const real = await terminateVerified({ ...info, starttime: "1" }, { force: true, graceMs: 100, ...FAST });
    expect(real).toMatchObject({ outcome: "stale_pid" });
    expect(kill).not.toHaveBeenCalled();
    expect(await captureIdentity(info.pid)).toEqual({ outcome: "captured", info });
  });

  it("does not signal on an argv0 mismatch: the process survives", async () => {
    const child = startNode(IDLE);
    const info = await infoOf(pidOf(child));
    const outcome = await terminateVerified({ ...info, argv0: "/usr/bin/someone-else" }, { force: true, graceMs: 100, ...FAST });
    expect(outcome).toMatchObject({ outcome: "stale_pid", mismatch: "argv0", observed: info });
    expect(await captureIdentity(info.pid)).toEqual({ outcome: "captured", info });
  });

  it("is unverifiable, and signals nothing, when identity cannot be read", async () => {
    const child = startNode(IDLE);
    const info = await infoOf(pidOf(child));
    const outcome = await terminateVerified(info, { force: true, graceMs: 100, identity: { procRoot: "/nonexistent-proc" }, ...FAST });
    expect(outcome).toMatchObject({ outcome: "unverifiable" });
    expect(await captureIdentity(info.pid)).toEqual({ outcome: "captured", info });
  });

  it("is already_dead for an exited process", async () => {
    const child = startNode("setTimeout(() => {}, 50)");
    const info = await infoOf(pidOf(child));
    await exitOf(child);
    expect(await terminateVerified(info, { force: false, graceMs: 100, ...FAST })).toEqual({ outcome: "already_dead" });
  });
});

const info: PidInfo = { pid: 4242, starttime: "100", argv0: "node" };
const match: Verification = { outcome: "match" };
const group = () => Promise.resolve({ outcome: "group" as const, pgid: 4242 });
const scripted = (answers: Verification[]) => {
  let last: Verification = match;
  return vi.fn(() => {
    last = answers.shift() ?? last;
    return Promise.resolve(last);
  });
};
const errno = (code: string) => Object.assign(new Error(code), { code });

describe("terminateVerified with injected effects", () => {
  it("maps EPERM to signal_failed and ESRCH to already_dead", async () => {
    const eperm = await terminateVerified(info, { force: false, graceMs: 0, pollMs: 0, verify: scripted([]), processGroup: group, kill: () => { throw errno("EPERM"); } });
    expect(eperm).toEqual({ outcome: "signal_failed", errno: "EPERM" });
    const esrch = await terminateVerified(info, { force: true, graceMs: 0, pollMs: 0, verify: scripted([]), processGroup: group, kill: () => { throw errno("ESRCH"); } });
    expect(esrch).toEqual({ outcome: "already_dead" });
  });

  it("signals the group only when pgid === pid, and the pid when the group is unreadable", async () => {
    const targets: number[] = [];
    const kill = (pid: number) => void targets.push(pid);
    const gone: Verification = { outcome: "process_gone" };
    await terminateVerified(info, { force: true, graceMs: 0, pollMs: 0, verify: scripted([match, gone]), processGroup: group, kill });
    await terminateVerified(info, { force: true, graceMs: 0, pollMs: 0, verify: scripted([match, gone]), processGroup: () => Promise.resolve({ outcome: "group", pgid: 1 }), kill });
    await terminateVerified(info, { force: true, graceMs: 0, pollMs: 0, verify: scripted([match, gone]), processGroup: () => Promise.resolve({ outcome: "capture_error", reason: "x" }), kill });
    expect(targets).toEqual([-4242, 4242, 4242]);
  });

  it("does not escalate when the re-verification before SIGKILL fails", async () => {
    const kill = vi.fn();
    const verify = scripted([match, match, { outcome: "capture_error", reason: "ps vanished" }]);
    const outcome = await terminateVerified(info, { force: false, graceMs: 0, pollMs: 0, verify, processGroup: group, kill });
    expect(outcome).toEqual({ outcome: "signaled", signal: "SIGTERM", escalated: false, exited: false });
    expect(kill).toHaveBeenCalledTimes(1);
  });

  const verification = fc.oneof(
    fc.constant<Verification>(match),
    fc.constant<Verification>({ outcome: "process_gone" }),
    fc.constant<Verification>({ outcome: "starttime_mismatch", observed: { ...info, starttime: "1" } }),
    fc.constant<Verification>({ outcome: "argv0_mismatch", observed: { ...info, argv0: "x" } }),
    fc.constant<Verification>({ outcome: "capture_error", reason: "r" }),
  );

  it("signals only right after a verified match, whatever the verifications say", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(verification, { minLength: 1, maxLength: 8 }), fc.boolean(), async (answers, force) => {
        const log: string[] = [];
        const verify = vi.fn(() => {
          const next = answers.shift() ?? { outcome: "process_gone" as const };
          log.push(next.outcome);
          return Promise.resolve(next);
        });
        const kill = (_pid: number, signal: TerminateSignal) => void log.push(signal);
        await terminateVerified(info, { force, graceMs: 0, pollMs: 0, killWaitMs: 0, verify, processGroup: group, kill });
        log.forEach((entry, i) => {
          if (entry.startsWith("SIG")) expect(log[i - 1]).toBe("match");
        });
      }),
    );
  });
});

import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { captureIdentity } from "./capture.js";
import { exitOf, firstLine, killStarted, pidOf, startChild, startNode } from "./test-support/children.js";
import type { PidInfo } from "../record/schema.js";
import { compareIdentity, verifyIdentity } from "./verify.js";

afterEach(killStarted);

const IDLE = "setInterval(() => {}, 1000)";
const recorded: PidInfo = { pid: 42, starttime: "100", argv0: "/usr/bin/node" };

const liveInfo = async (pid: number): Promise<PidInfo> => {
  const capture = await captureIdentity(pid);
  if (capture.outcome !== "captured") throw new Error(`capture failed: ${JSON.stringify(capture)}`);
  return capture.info;
};

describe("compareIdentity", () => {
  it("matches on equal starttime and argv0", () => {
    expect(compareIdentity(recorded, { outcome: "alive", info: { ...recorded } })).toEqual({ outcome: "match" });
  });

  it("checks starttime before argv0", () => {
    const observed = { pid: 42, starttime: "101", argv0: "sleep" };
    expect(compareIdentity(recorded, { outcome: "alive", info: observed })).toEqual({ outcome: "starttime_mismatch", observed });
  });

  it("reports an argv0 change", () => {
    const observed = { ...recorded, argv0: "sleep" };
    expect(compareIdentity(recorded, { outcome: "alive", info: observed })).toEqual({ outcome: "argv0_mismatch", observed });
  });

  it("treats our own zombie as gone and someone else's as a starttime mismatch", () => {
    expect(compareIdentity(recorded, { outcome: "exited", starttime: "100" })).toEqual({ outcome: "process_gone" });
    expect(compareIdentity(recorded, { outcome: "exited", starttime: "7" })).toMatchObject({ outcome: "starttime_mismatch" });
  });

  it("passes gone and capture errors through, never confusing them", () => {
    expect(compareIdentity(recorded, { outcome: "gone" })).toEqual({ outcome: "process_gone" });
    expect(compareIdentity(recorded, { outcome: "capture_error", reason: "r" })).toEqual({ outcome: "capture_error", reason: "r" });
  });
});

describe("verifyIdentity against real processes", () => {
  it("matches a live child", async () => {
    const info = await liveInfo(pidOf(startNode(IDLE)));
    expect(await verifyIdentity(info)).toEqual({ outcome: "match" });
    expect(await verifyIdentity(info, { procRoot: "/nonexistent-proc" })).toMatchObject({ outcome: "capture_error" });
  });

  it("detects a forged starttime and a forged argv0", async () => {
    const info = await liveInfo(pidOf(startNode(IDLE)));
    expect(await verifyIdentity({ ...info, starttime: String(Number(info.starttime) + 1) })).toMatchObject({ outcome: "starttime_mismatch", observed: info });
    expect(await verifyIdentity({ ...info, argv0: "/usr/bin/other" })).toMatchObject({ outcome: "argv0_mismatch", observed: info });
  });

  it("still matches after the process rewrites its title (cmdline and comm change, exe does not)", async () => {
    const child = startNode(`console.log("up"); setTimeout(() => { process.title = "2.1.330"; console.log("titled"); }, 50); setInterval(() => {}, 1000)`);
    const info = await liveInfo(pidOf(child));
    await firstLine(child);
    await expect.poll(() => readFile(`/proc/${info.pid}/cmdline`, "utf8"), { timeout: 15_000 }).toMatch(/^2\.1\.330/);
    expect(await verifyIdentity(info)).toEqual({ outcome: "match" });
  });

  it("reports an exited child as gone", async () => {
    const child = startNode("setTimeout(() => {}, 100)");
    const info = await liveInfo(pidOf(child));
    await exitOf(child);
    expect(await verifyIdentity(info)).toEqual({ outcome: "process_gone" });
  });

  it("reports our own zombie as gone", async () => {
    const child = startChild("/bin/sh", ["-c", "sleep 2 & echo $!; exec sleep 30"]);
    const pid = Number((await new Promise<string>((resolve) => child.stdout?.once("data", (d: Buffer) => resolve(d.toString())))).trim());
    const info = await liveInfo(pid);
    const state = async (): Promise<string> => {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    };
    await expect.poll(state, { timeout: 15_000, interval: 50 }).toBe("Z");
    expect(await verifyIdentity(info)).toEqual({ outcome: "process_gone" });
  });
});

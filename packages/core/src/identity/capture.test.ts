import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { captureIdentity } from "./capture.js";
import type { ProcFs } from "./options.js";
import { readProcessGroup } from "./process-group.js";
import { exitOf, killStarted, pidOf, startChild, startNode } from "./test-support/children.js";

const IDLE = "setInterval(() => {}, 1000)";
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "identity-capture-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));
afterEach(killStarted);

const errorWith = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: simulated`), { code });

const failingFs = (code: string): ProcFs => ({
  readFile: () => Promise.reject(errorWith(code)),
  readlink: () => Promise.reject(errorWith(code)),
});

const statLine = (pid: number, state: string, starttime: string): string =>
  `${pid} (fake) ${state} 1 ${pid} 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 ${starttime} 0 0\n`;

/** A procfs-shaped directory: `self/stat` marks it as answering, plus the given pid entries. */
const fakeProc = async (entries: Record<number, { stat: string; cmdline: string }>): Promise<string> => {
  const root = await mkdtemp(join(scratch, "proc-"));
  await mkdir(join(root, "self"));
  await writeFile(join(root, "self", "stat"), statLine(1, "R", "1"));
  for (const [pid, files] of Object.entries(entries)) {
    await mkdir(join(root, pid));
    await writeFile(join(root, pid, "stat"), files.stat);
    await writeFile(join(root, pid, "cmdline"), files.cmdline);
  }
  return root;
};

describe("captureIdentity on Linux procfs", () => {
  it("captures a live child: starttime from stat, argv0 from cmdline", async () => {
    const pid = pidOf(startNode(IDLE));
    const capture = await captureIdentity(pid);
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    expect(capture).toEqual({
      outcome: "captured",
      info: { pid, starttime: stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19], argv0: process.execPath },
    });
  });

  it("reports gone after the child exits", async () => {
    const child = startNode("");
    await exitOf(child);
    expect(await captureIdentity(pidOf(child))).toEqual({ outcome: "gone" });
  });

  it("reports a zombie as gone", async () => {
    // sh execs sleep, which never reaps its background child: that child stays a zombie.
    const child = startChild("/bin/sh", ["-c", "sleep 0 & echo $!; exec sleep 30"]);
    const zombiePid = Number((await new Promise<string>((resolve) => child.stdout?.once("data", (d: Buffer) => resolve(d.toString())))).trim());
    await expect.poll(() => readFile(`/proc/${zombiePid}/stat`, "utf8").then((s) => s.slice(s.lastIndexOf(")") + 2, s.lastIndexOf(")") + 3)), { timeout: 15_000 }).toBe("Z");
    expect(await captureIdentity(zombiePid)).toEqual({ outcome: "gone" });
  });

  it("is a capture_error when procRoot does not exist", async () => {
    const capture = await captureIdentity(process.pid, { procRoot: join(scratch, "missing") });
    expect(capture).toMatchObject({ outcome: "capture_error", reason: expect.stringContaining("procfs is not available") });
  });

  it("is a capture_error when procRoot is an unmounted (empty) /proc", async () => {
    const empty = await mkdtemp(join(scratch, "empty-"));
    expect((await captureIdentity(process.pid, { procRoot: empty })).outcome).toBe("capture_error");
  });

  it("is a capture_error when procRoot is a file (ENOTDIR)", async () => {
    const file = join(scratch, "not-a-dir");
    await writeFile(file, "");
    expect((await captureIdentity(process.pid, { procRoot: file })).outcome).toBe("capture_error");
  });

  it("is a capture_error on EACCES", async () => {
    const capture = await captureIdentity(process.pid, { fs: failingFs("EACCES") });
    expect(capture).toMatchObject({ outcome: "capture_error", reason: expect.stringContaining("EACCES") });
  });

  it("is gone on ESRCH", async () => {
    expect(await captureIdentity(process.pid, { fs: failingFs("ESRCH") })).toEqual({ outcome: "gone" });
  });

  it("is gone when procfs answers but the pid has no entry", async () => {
    const root = await fakeProc({});
    expect(await captureIdentity(4242, { procRoot: root })).toEqual({ outcome: "gone" });
  });

  it("is a capture_error on a malformed stat", async () => {
    const root = await fakeProc({ 77: { stat: "garbage", cmdline: "x\0" } });
    expect((await captureIdentity(77, { procRoot: root })).outcome).toBe("capture_error");
  });

  it("is a capture_error when stat names another pid", async () => {
    const root = await fakeProc({ 77: { stat: statLine(78, "S", "5"), cmdline: "x\0" } });
    expect((await captureIdentity(77, { procRoot: root })).outcome).toBe("capture_error");
  });

  it("records an empty argv0 for a live process with an empty cmdline (kernel thread)", async () => {
    const root = await fakeProc({ 2: { stat: statLine(2, "I", "3"), cmdline: "" } });
    expect(await captureIdentity(2, { procRoot: root })).toEqual({ outcome: "captured", info: { pid: 2, starttime: "3", argv0: "" } });
  });

  it("refuses pids that address groups", async () => {
    for (const pid of [0, -1, 1.5, Number.NaN]) expect((await captureIdentity(pid)).outcome).toBe("capture_error");
  });

  it("is a capture_error on an unsupported platform", async () => {
    expect((await captureIdentity(process.pid, { platform: "win32" })).outcome).toBe("capture_error");
  });
});

describe("captureIdentity through ps (macOS path)", () => {
  const stub = async (name: string, body: string): Promise<string> => {
    const path = join(scratch, name);
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  };
  const viaPs = (psPath: string, pid = process.pid) => captureIdentity(pid, { platform: "darwin", psPath, psTimeoutMs: 2_000 });

  it("captures with the real /bin/ps columns", async () => {
    const pid = pidOf(startNode(IDLE));
    const capture = await viaPs("/bin/ps", pid);
    expect(capture).toMatchObject({ outcome: "captured", info: { pid, starttime: expect.stringMatching(/^\w{3} \w{3} \d{1,2} \d\d:\d\d:\d\d \d{4}$/) } });
  });

  it("parses a well-formed stub line", async () => {
    const ps = await stub("ps-ok", 'echo "Mon Jan  1 12:00:00 2024 /usr/local/bin/node"');
    expect(await viaPs(ps)).toEqual({ outcome: "captured", info: { pid: process.pid, starttime: "Mon Jan 1 12:00:00 2024", argv0: "/usr/local/bin/node" } });
  });

  it("is gone when ps exits 1 with no output", async () => {
    expect(await viaPs(await stub("ps-none", "exit 1"))).toEqual({ outcome: "gone" });
  });

  it("reports a <defunct> process as gone", async () => {
    expect(await viaPs(await stub("ps-zombie", 'echo "Mon Jan  1 12:00:00 2024 <defunct>"'))).toEqual({ outcome: "gone" });
  });

  it.each([
    ["garbage", "echo 'hello there'"],
    ["two lines", "echo 'Mon Jan  1 12:00:00 2024 a'; echo 'Mon Jan  1 12:00:00 2024 b'"],
    ["empty success", "exit 0"],
    ["another exit status", "echo oops >&2; exit 2"],
    ["output with exit 1", "echo 'Mon Jan  1 12:00:00 2024 a'; exit 1"],
    ["a killed ps", "kill -9 $$"],
  ])("is a capture_error for %s", async (name, body) => {
    expect((await viaPs(await stub(`ps-${name.replace(/ /g, "-")}`, body))).outcome).toBe("capture_error");
  });

  it("is a capture_error for a hanging ps", async () => {
    const ps = await stub("ps-hang", "exec sleep 30");
    const capture = await captureIdentity(process.pid, { platform: "darwin", psPath: ps, psTimeoutMs: 300 });
    expect(capture.outcome).toBe("capture_error");
  });

  it("is a capture_error when ps is missing", async () => {
    expect((await viaPs(join(scratch, "no-such-ps"))).outcome).toBe("capture_error");
  });
});

describe("readProcessGroup", () => {
  it("reads a detached child's group as its own pid", async () => {
    const pid = pidOf(startNode(IDLE));
    expect(await readProcessGroup(pid)).toEqual({ outcome: "group", pgid: pid });
    expect(await readProcessGroup(pid, { platform: "darwin" })).toEqual({ outcome: "group", pgid: pid });
  });

  it("is gone for an exited child and a capture_error without procfs", async () => {
    const child = startNode("");
    await exitOf(child);
    expect(await readProcessGroup(pidOf(child))).toEqual({ outcome: "gone" });
    expect((await readProcessGroup(process.pid, { procRoot: join(scratch, "missing") })).outcome).toBe("capture_error");
  });
});

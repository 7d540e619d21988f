import type * as fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";

/** What the descriptor does on each call: take some bytes, or fail with an errno code. */
const script = vi.hoisted(() => ({ steps: [] as Array<number | "all" | string>, taken: [] as string[] }));
vi.mock("node:fs", async (importOriginal) => ({
  ...(await importOriginal<typeof fs>()),
  writeSync: (_fd: number, data: string | Buffer, offset = 0) => {
    const bytes = typeof data === "string" ? Buffer.from(data) : data.subarray(offset);
    const step = script.steps.shift() ?? "all";
    if (typeof step === "string" && step !== "all") throw Object.assign(new Error(step), { code: step });
    const count = step === "all" ? bytes.length : Math.min(step, bytes.length);
    script.taken.push(bytes.subarray(0, count).toString());
    return count;
  },
}));

afterEach(() => {
  script.steps = [];
  script.taken = [];
  vi.restoreAllMocks();
  vi.resetModules();
});

const fresh = async () => import("./stdio.js");

describe("writeStdout", () => {
  it("finishes a partial write on the descriptor", async () => {
    script.steps = [3, 2, "all"];
    const { writeStdout } = await fresh();
    writeStdout("hello world\n");
    expect(script.taken.join("")).toBe("hello world\n");
  });

  it("hands the rest, and everything after it, to the stream in order when the descriptor is non-blocking", async () => {
    const streamed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => streamed.push(chunk.toString()) > 0);
    script.steps = [4, "EAGAIN"];
    const { writeStdout } = await fresh();
    writeStdout("first line\n");
    writeStdout("second line\n");
    expect(script.taken.join("")).toBe("firs");
    expect(streamed.join("")).toBe("t line\nsecond line\n");
  });

  it("drops output nobody reads any more (EPIPE) instead of failing the command", async () => {
    script.steps = ["EPIPE"];
    const { writeStdout } = await fresh();
    expect(() => writeStdout("unread\n")).not.toThrow();
  });

  it("reports any other write failure", async () => {
    script.steps = ["EIO"];
    const { writeStdout } = await fresh();
    expect(() => writeStdout("lost\n")).toThrow("EIO");
  });
});

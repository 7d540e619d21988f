import { describe, expect, it } from "vitest";
import { parseCmdline } from "./cmdline.js";

describe("parseCmdline", () => {
  it("splits NUL-separated, NUL-terminated argv", () => {
    expect(parseCmdline(Buffer.from("node\0-e\0a b\0"))).toEqual(["node", "-e", "a b"]);
  });

  it("keeps empty arguments in the middle", () => {
    expect(parseCmdline("sleep\0\0x\0")).toEqual(["sleep", "", "x"]);
  });

  it("accepts a missing final NUL (a rewritten process title)", () => {
    expect(parseCmdline("claude")).toEqual(["claude"]);
  });

  it("yields no argv for zombies and kernel threads", () => {
    expect(parseCmdline(Buffer.alloc(0))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isZombie, parseProcStat } from "./proc-stat.js";

const statLine = (comm: string, state = "S", pgid = 4242, starttime = "36809"): string =>
  `4351 (${comm}) ${state} 4342 ${pgid} 2545 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 ${starttime} 3133440 359 18446744073709551615 0 0\n`;

describe("parseProcStat", () => {
  it("reads state, pgid (field 5) and starttime (field 22)", () => {
    expect(parseProcStat(statLine("cat"))).toEqual({
      outcome: "parsed",
      stat: { pid: 4351, comm: "cat", state: "S", pgid: 4242, starttime: "36809" },
    });
  });

  it("splits after the last ')' when comm holds spaces and parentheses", () => {
    const parsed = parseProcStat(statLine("evil) R 1 2 (x", "Z", 7, "99"));
    expect(parsed).toMatchObject({ outcome: "parsed", stat: { comm: "evil) R 1 2 (x", state: "Z", pgid: 7, starttime: "99" } });
  });

  it("parses any comm", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), fc.nat(), (comm, start) => {
        const parsed = parseProcStat(statLine(comm, "R", 12, String(start)));
        expect(parsed).toMatchObject({ outcome: "parsed", stat: { comm, state: "R", pgid: 12, starttime: String(start) } });
      }),
    );
  });

  it.each([
    ["empty", ""],
    ["no comm", "4351 cat S 1 2"],
    ["truncated", "4351 (cat) S 4342 4342"],
    ["non-numeric starttime", statLine("cat", "S", 1, "abc")],
    ["non-numeric pid", statLine("cat").replace("4351", "x")],
  ])("reports %s as malformed", (_label, text) => {
    expect(parseProcStat(text).outcome).toBe("malformed");
  });

  it("treats Z and X as exited", () => {
    const stat = { pid: 1, comm: "x", pgid: 1, starttime: "1" };
    expect(isZombie({ ...stat, state: "Z" })).toBe(true);
    expect(isZombie({ ...stat, state: "X" })).toBe(true);
    expect(isZombie({ ...stat, state: "S" })).toBe(false);
  });
});

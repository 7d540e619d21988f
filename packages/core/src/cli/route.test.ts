import { describe, expect, it } from "vitest";
import { COMMANDS } from "../commands/table.js";
import { bundleFor, routesOf } from "./route.js";

const routes = routesOf(COMMANDS);

describe("bundleFor", () => {
  it("starts background launches from the launch bundle", () => {
    expect(bundleFor(["run", "--mode", "rescue", "--background", "fix it"], routes)).toBe("launch");
    expect(bundleFor(["continue", "--job", "x", "--background", "--", "more"], routes)).toBe("launch");
  });

  it("treats --background after -- as prompt text", () => {
    expect(bundleFor(["run", "--mode", "rescue", "--", "explain", "--background"], routes)).toBe("main");
  });

  it("keeps the table's bundle for everything else", () => {
    expect(bundleFor(["run", "--mode", "review"], routes)).toBe("main");
    expect(bundleFor(["status", "--background"], routes)).toBe("read");
    expect(bundleFor(["mcp"], routes)).toBe("mcp");
    expect(bundleFor(["nonsense", "--background"], routes)).toBe("main");
    expect(bundleFor(["constructor"], routes)).toBe("main");
    expect(bundleFor([], routes)).toBe("main");
  });

  it("routes every command of the table, and nothing else", () => {
    expect(Object.keys(routes).sort()).toEqual(Object.keys(COMMANDS).sort());
  });
});

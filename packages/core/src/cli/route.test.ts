import { describe, expect, it } from "vitest";
import { bundleFor } from "./route.js";

describe("bundleFor", () => {
  it("starts background launches from the launch bundle", () => {
    expect(bundleFor(["run", "--mode", "rescue", "--background", "fix it"])).toBe("launch");
    expect(bundleFor(["continue", "--job", "x", "--background", "--", "more"])).toBe("launch");
  });

  it("treats --background after -- as prompt text", () => {
    expect(bundleFor(["run", "--mode", "rescue", "--", "explain", "--background"])).toBe("main");
  });

  it("keeps the table's bundle for everything else", () => {
    expect(bundleFor(["run", "--mode", "review"])).toBe("main");
    expect(bundleFor(["status", "--background"])).toBe("read");
    expect(bundleFor(["nonsense", "--background"])).toBe("main");
    expect(bundleFor([])).toBe("main");
  });
});

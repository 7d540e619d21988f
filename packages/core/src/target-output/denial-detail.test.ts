import { describe, expect, it } from "vitest";
import { denialDetail } from "./denial-detail.js";

describe("denialDetail", () => {
  it("names the target of the call, never its content", () => {
    expect(denialDetail({ file_path: "/r/a.txt", content: "secret" })).toBe("/r/a.txt");
    expect(denialDetail({ content: "secret" })).toBeNull();
    expect(denialDetail("raw")).toBeNull();
  });

  it("keeps commands to one short line", () => {
    const detail = denialDetail({ command: `echo hi\n${"x".repeat(400)}` }) ?? "";
    expect(detail).not.toContain("\n");
    expect(detail.length).toBeLessThanOrEqual(200);
  });
});

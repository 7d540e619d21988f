import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { otherTargetHolding } from "./other-target.js";

const id = "3f1c2a9e-0000-4000-8000-000000000000";
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("otherTargetHolding", () => {
  it("names the other target whose store has the record, else null", async () => {
    const root = await mkdtemp(join(tmpdir(), "companion-owner-"));
    dirs.push(root);
    expect(otherTargetHolding(root, "claude", id)).toBeNull();
    await mkdir(join(root, "gemini", "jobs", id), { recursive: true });
    expect(otherTargetHolding(root, "claude", id)).toBeNull();
    await writeFile(join(root, "gemini", "jobs", id, "record.json"), "{}");
    expect(otherTargetHolding(root, "claude", id)).toBe("gemini");
    expect(otherTargetHolding(root, "gemini", id)).toBeNull();
  });
});

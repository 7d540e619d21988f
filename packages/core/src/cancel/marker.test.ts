import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CANCEL_MARKER_FILE, consumeCancelMarker, hasCancelMarker, readCancelMarker, writeCancelMarker } from "./marker.js";

let jobDir: string;
beforeEach(async () => {
  jobDir = await mkdtemp(join(tmpdir(), "cancel-marker-"));
});
afterEach(() => rm(jobDir, { recursive: true, force: true }));

const now = new Date("2024-05-06T07:08:09.000Z");

describe("cancel marker", () => {
  it("is written atomically as 0600 JSON and leaves no temp file", async () => {
    expect(await writeCancelMarker(jobDir, { force: true, now })).toEqual({ outcome: "written", marker: { requested_at: now.toISOString(), force: true } });
    const path = join(jobDir, CANCEL_MARKER_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ requested_at: now.toISOString(), force: true });
    expect(await readdir(jobDir)).toEqual([CANCEL_MARKER_FILE]);
  });

  it("is replaced by a later request", async () => {
    await writeCancelMarker(jobDir, { force: false, now });
    await writeCancelMarker(jobDir, { force: true, now });
    expect(await readCancelMarker(jobDir)).toEqual({ outcome: "present", marker: { requested_at: now.toISOString(), force: true } });
  });

  it("reads none when absent, and a present marker with unknown content as still requested", async () => {
    expect(await readCancelMarker(jobDir)).toEqual({ outcome: "none" });
    expect(hasCancelMarker(jobDir)).toBe(false);
    await writeFile(join(jobDir, CANCEL_MARKER_FILE), "not json");
    expect(await readCancelMarker(jobDir)).toEqual({ outcome: "present", marker: null });
    expect(hasCancelMarker(jobDir)).toBe(true);
  });

  it("reports an unreadable marker as an error", async () => {
    await mkdir(join(jobDir, CANCEL_MARKER_FILE));
    expect(await readCancelMarker(jobDir)).toMatchObject({ outcome: "error", reason: expect.stringContaining(jobDir) });
  });

  it("reports a failed write as an error", async () => {
    expect(await writeCancelMarker(join(jobDir, "missing"), { force: false })).toMatchObject({ outcome: "error", reason: expect.stringContaining("missing") });
  });

  it("is consumed once", async () => {
    await writeCancelMarker(jobDir, { force: false, now });
    expect(await consumeCancelMarker(jobDir)).toEqual({ outcome: "consumed", marker: { requested_at: now.toISOString(), force: false } });
    expect(await consumeCancelMarker(jobDir)).toEqual({ outcome: "none" });
    expect(hasCancelMarker(jobDir)).toBe(false);
  });
});

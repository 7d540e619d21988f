import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { STALE_MS, withLock, withLockIfFree } from "./lock.js";

let dir: string;
let target: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lock-test-"));
  target = join(dir, "record.json");
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

const aged = async (path: string, ms: number): Promise<void> => {
  const then = new Date(Date.now() - ms);
  await utimes(path, then, then);
};

describe("withLock / withLockIfFree", () => {
  it("holds <target>.lock while the function runs, and removes it after, also when it throws", async () => {
    await withLock(target, async () => expect(existsSync(`${target}.lock`)).toBe(true));
    expect(existsSync(`${target}.lock`)).toBe(false);
    await expect(withLock(target, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it("excludes a second holder: withLockIfFree gives null at once, withLock waits for the release", async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = withLock(target, async () => {
      order.push("first in");
      await new Promise<void>((resolve) => (release = resolve));
      order.push("first out");
    });
    await vi.waitFor(() => expect(order).toEqual(["first in"]));
    expect(await withLockIfFree(target, async () => "ran")).toBeNull();
    const second = withLock(target, async () => order.push("second"));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second"]);
  });

  it("serialises many concurrent read-modify-writes", async () => {
    let value = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withLock(target, async () => {
          const read = value;
          await new Promise((resolve) => setImmediate(resolve));
          value = read + 1;
        }),
      ),
    );
    expect(value).toBe(20);
  });

  it("breaks a lock left untouched for longer than STALE_MS (a holder killed with -9), and only then", async () => {
    await mkdir(`${target}.lock`);
    await aged(`${target}.lock`, STALE_MS - 2_000);
    expect(await withLockIfFree(target, async () => "ran")).toBeNull();
    await aged(`${target}.lock`, STALE_MS + 1_000);
    expect(await withLockIfFree(target, async () => "ran")).toBe("ran");
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it("keeps a long-held lock fresh, so it is never taken for stale", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    let release!: () => void;
    const held = withLock(target, () => new Promise<void>((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(existsSync(`${target}.lock`)).toBe(true));
    await aged(`${target}.lock`, STALE_MS + 1_000);
    vi.advanceTimersByTime(STALE_MS / 2);
    expect(Date.now() - (await stat(`${target}.lock`)).mtimeMs).toBeLessThan(STALE_MS);
    expect(await withLockIfFree(target, async () => "ran")).toBeNull();
    release();
    await held;
  });

  it("excludes proper-lockfile holders of the same target, as earlier companions took it", async () => {
    const releaseOther = await lockfile.lock(target, { realpath: false, stale: STALE_MS, retries: 0 });
    expect(await withLockIfFree(target, async () => "ran")).toBeNull();
    await releaseOther();
    await withLock(target, async () => {
      await expect(lockfile.lock(target, { realpath: false, stale: STALE_MS, retries: 0 })).rejects.toMatchObject({ code: "ELOCKED" });
    });
  });

  it("fails at once, without waiting, when the directory is gone; a lock removed meanwhile releases quietly", async () => {
    const gone = join(dir, "no-such-job", "record.json");
    await expect(withLock(gone, async () => "ran")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(withLock(target, async () => rm(`${target}.lock`, { recursive: true }))).resolves.toBeUndefined();
  });
});

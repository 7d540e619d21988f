import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ThrottledWriter } from "./progress.js";

describe("ThrottledWriter", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes at most once per interval, the latest value; close drops the pending one and ends the writes", async () => {
    const written: number[] = [];
    const writer = new ThrottledWriter<number>(async (value) => {
      written.push(value);
    }, 1000);
    writer.offer(1);
    await vi.advanceTimersByTimeAsync(0);
    writer.offer(2);
    writer.offer(3);
    await vi.advanceTimersByTimeAsync(500);
    expect(written).toEqual([1]);
    await vi.advanceTimersByTimeAsync(500);
    expect(written).toEqual([1, 3]);
    writer.offer(4);
    writer.offer(5);
    await writer.close();
    expect(written).toEqual([1, 3]);
    writer.offer(6);
    await vi.advanceTimersByTimeAsync(5000);
    expect(written).toEqual([1, 3]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleDeadline } from "./deadline.js";

const DAY_MS = 86_400_000;

describe("scheduleDeadline", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires a deadline beyond the 2^31-1 ms timer limit at its time, not at once", () => {
    const fire = vi.fn();
    scheduleDeadline(3_000_000 * 1000, fire);
    vi.advanceTimersByTime(1000);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY_MS);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(3_000_000 * 1000 - 30 * DAY_MS - 1001);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("fires a short deadline once, and never after it is cancelled", () => {
    const fire = vi.fn();
    scheduleDeadline(500, fire);
    vi.advanceTimersByTime(499);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    const cancel = scheduleDeadline(40 * DAY_MS, cancelled);
    vi.advanceTimersByTime(30 * DAY_MS);
    cancel();
    vi.advanceTimersByTime(20 * DAY_MS);
    expect(cancelled).not.toHaveBeenCalled();
  });
});

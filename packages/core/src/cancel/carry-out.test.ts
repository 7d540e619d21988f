import { describe, expect, it, vi } from "vitest";
import type { PidInfo } from "../record/schema.js";
import { carryOutCancel, type CancelEffects } from "./carry-out.js";
import type { CancelDecision } from "./decide.js";

const info: PidInfo = { pid: 10, starttime: "5", argv0: "node" };
const marker = { requested_at: "2024-01-01T00:00:00.000Z", force: false };

const effects = (log: string[], write: "ok" | "fail" = "ok"): CancelEffects => ({
  writeMarker: vi.fn(() => {
    log.push("marker");
    return Promise.resolve(write === "ok" ? { outcome: "written" as const, marker } : { outcome: "error" as const, reason: "EROFS" });
  }),
  terminate: vi.fn(() => {
    log.push("terminate");
    return Promise.resolve({ outcome: "signaled" as const, signal: "SIGTERM" as const, escalated: false, exited: true });
  }),
});

describe("carryOutCancel", () => {
  it("writes the marker before signalling", async () => {
    const log: string[] = [];
    const outcome = await carryOutCancel({ outcome: "signal", target: info, exit_code: 0 }, effects(log));
    expect(outcome).toEqual({ outcome: "signaled", signal: "SIGTERM", escalated: false, exited: true });
    expect(log).toEqual(["marker", "terminate"]);
  });

  it("signals nothing when the marker cannot be written", async () => {
    const log: string[] = [];
    const outcome = await carryOutCancel({ outcome: "signal", target: info, exit_code: 0 }, effects(log, "fail"));
    expect(outcome).toEqual({ outcome: "cancel_failed", reason: "EROFS" });
    expect(log).toEqual(["marker"]);
  });

  it("writes only the marker for a pending cancel", async () => {
    const log: string[] = [];
    expect(await carryOutCancel({ outcome: "cancel_pending", exit_code: 0 }, effects(log))).toEqual({ outcome: "cancel_pending" });
    expect(await carryOutCancel({ outcome: "cancel_pending", exit_code: 0 }, effects(log, "fail"))).toEqual({ outcome: "cancel_failed", reason: "EROFS" });
    expect(log).toEqual(["marker", "marker"]);
  });

  it.each<[CancelDecision, unknown]>([
    [{ outcome: "already_terminal", job_status: "failed", exit_code: 0 }, { outcome: "already_terminal", job_status: "failed" }],
    [{ outcome: "already_dead", exit_code: 0 }, { outcome: "already_dead" }],
    [{ outcome: "stale_pid", mismatch: "argv0", observed: info, exit_code: 3 }, { outcome: "stale_pid", mismatch: "argv0", observed: info }],
    [{ outcome: "unverifiable", reason: "r", exit_code: 3 }, { outcome: "unverifiable", reason: "r" }],
    [{ outcome: "no_pid_info", exit_code: 3 }, { outcome: "no_pid_info" }],
  ])("has no effect for %o", async (decision, expected) => {
    const log: string[] = [];
    expect(await carryOutCancel(decision, effects(log))).toEqual(expected);
    expect(log).toEqual([]);
  });
});

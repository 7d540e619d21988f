import { describe, expect, it, vi } from "vitest";
import type { PidInfo } from "../record/schema.js";
import { gatherEvidence } from "./evidence.js";

const target: PidInfo = { pid: 10, starttime: "5", argv0: "node" };
const worker: PidInfo = { pid: 11, starttime: "4", argv0: "node" };

describe("gatherEvidence", () => {
  it("verifies the target of a running job, never the worker", async () => {
    const verify = vi.fn(() => Promise.resolve({ outcome: "match" as const }));
    const evidence = await gatherEvidence({ status: "running", pid_info: target, worker_pid_info: worker }, { verify });
    expect(evidence).toEqual({ kind: "target", info: target, verification: { outcome: "match" } });
    expect(verify).toHaveBeenCalledExactlyOnceWith(target, undefined);
  });

  it("distinguishes worker-only from no identity at all", async () => {
    const verify = vi.fn();
    expect(await gatherEvidence({ status: "running", pid_info: null, worker_pid_info: worker }, { verify })).toEqual({ kind: "worker_only" });
    expect(await gatherEvidence({ status: "running", pid_info: null, worker_pid_info: null }, { verify })).toEqual({ kind: "none" });
    expect(verify).not.toHaveBeenCalled();
  });

  it("checks no process for queued or terminal jobs", async () => {
    const verify = vi.fn();
    for (const status of ["queued", "completed", "stale"] as const) {
      expect(await gatherEvidence({ status, pid_info: target, worker_pid_info: worker }, { verify })).toEqual({ kind: "none" });
    }
    expect(verify).not.toHaveBeenCalled();
  });
});

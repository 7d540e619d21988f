import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Verification } from "../identity/types.js";
import { JobStatus, type PidInfo } from "../record/schema.js";
import { decideCancel, type CancelInput, type CancelStep, type TargetEvidence } from "./decide.js";
import { cancelEnvelope } from "./outcome.js";

const pidInfo = fc.record({ pid: fc.integer({ min: 1, max: 2 ** 22 }), starttime: fc.stringMatching(/^\d{1,12}$/), argv0: fc.string({ maxLength: 20 }) });
const verification: fc.Arbitrary<Verification> = fc.oneof(
  fc.constant({ outcome: "match" as const }),
  fc.constant({ outcome: "process_gone" as const }),
  pidInfo.map((observed) => ({ outcome: "starttime_mismatch" as const, observed })),
  pidInfo.map((observed) => ({ outcome: "argv0_mismatch" as const, observed })),
  fc.string().map((reason) => ({ outcome: "capture_error" as const, reason })),
);
const evidence: fc.Arbitrary<TargetEvidence> = fc.oneof(
  fc.record({ kind: fc.constant("target" as const), info: pidInfo, verification }),
  fc.constant({ kind: "worker_only" as const }),
  fc.constant({ kind: "none" as const }),
);
const input: fc.Arbitrary<CancelInput> = fc.record({ status: fc.constantFrom(...JobStatus.options), evidence });

/** SPEC §7.2 as a table: (status, evidence, verification) → what happens, and the exit code. */
const EXPECTED_EXIT: Record<string, number> = {
  already_terminal: 0,
  mark: 0,
  signal: 0,
  already_dead: 0,
  stale_pid: 3,
  unverifiable: 3,
  no_pid_info: 3,
};

const expectedOutcome = ({ status, evidence: e }: CancelInput): string => {
  if (status === "queued") return "mark";
  if (status !== "running") return "already_terminal";
  if (e.kind === "worker_only") return "mark";
  if (e.kind === "none") return "no_pid_info";
  return ({ match: "signal", process_gone: "already_dead", starttime_mismatch: "stale_pid", argv0_mismatch: "stale_pid", capture_error: "unverifiable" } as const)[e.verification.outcome];
};

/** A step's name in the table, and its exit code: a finished step's from its envelope; work to do succeeds with 0. */
const nameOf = (step: CancelStep): string => (step.step === "finish" ? step.outcome.outcome : step.step);
const exitOf = (step: CancelStep): number => (step.step === "finish" ? cancelEnvelope("id", step.outcome).exit_code : 0);

/** What the decision may depend on: status, what identity exists, and what verification said. */
const shape = ({ status, evidence: e }: CancelInput): string => JSON.stringify([status, e.kind, e.kind === "target" ? e.verification.outcome : null]);

const info: PidInfo = { pid: 10, starttime: "5", argv0: "node" };
const running = (e: TargetEvidence): CancelInput => ({ status: "running", evidence: e });

describe("decideCancel", () => {
  it.each([
    ["completed", { step: "finish", outcome: { outcome: "already_terminal", job_status: "completed" } }],
    ["failed", { step: "finish", outcome: { outcome: "already_terminal", job_status: "failed" } }],
    ["cancelled", { step: "finish", outcome: { outcome: "already_terminal", job_status: "cancelled" } }],
    ["stale", { step: "finish", outcome: { outcome: "already_terminal", job_status: "stale" } }],
    ["queued", { step: "mark" }],
  ] as const)("%s → %o", (status, expected) => {
    expect(decideCancel({ status, evidence: { kind: "none" } })).toEqual(expected);
  });

  it("covers every running case of the table", () => {
    const observed = { ...info, starttime: "6" };
    const finish = (outcome: unknown) => ({ step: "finish", outcome });
    expect(decideCancel(running({ kind: "target", info, verification: { outcome: "match" } }))).toEqual({ step: "signal", target: info });
    expect(decideCancel(running({ kind: "target", info, verification: { outcome: "process_gone" } }))).toEqual(finish({ outcome: "already_dead" }));
    expect(decideCancel(running({ kind: "target", info, verification: { outcome: "starttime_mismatch", observed } }))).toEqual(finish({ outcome: "stale_pid", mismatch: "starttime", observed }));
    expect(decideCancel(running({ kind: "target", info, verification: { outcome: "argv0_mismatch", observed } }))).toEqual(finish({ outcome: "stale_pid", mismatch: "argv0", observed }));
    expect(decideCancel(running({ kind: "target", info, verification: { outcome: "capture_error", reason: "EACCES" } }))).toEqual(finish({ outcome: "unverifiable", reason: "EACCES" }));
    expect(decideCancel(running({ kind: "none" }))).toEqual(finish({ outcome: "no_pid_info" }));
    expect(decideCancel(running({ kind: "worker_only" }))).toEqual({ step: "mark" });
  });

  it("matches the table for every input", () => {
    fc.assert(
      fc.property(input, (i) => {
        const step = decideCancel(i);
        expect(nameOf(step)).toBe(expectedOutcome(i));
        expect(exitOf(step)).toBe(EXPECTED_EXIT[nameOf(step)]);
      }),
    );
  });

  it("is a pure function of status, identity presence and verification", () => {
    fc.assert(
      fc.property(input, input, (a, b) => {
        expect(decideCancel(a)).toEqual(decideCancel(structuredClone(a)));
        if (shape(a) === shape(b)) {
          const [da, db] = [decideCancel(a), decideCancel(b)];
          expect([nameOf(da), exitOf(da)]).toEqual([nameOf(db), exitOf(db)]);
        }
      }),
    );
  });

  it("signals only a running job whose target identity was verified, and only that target", () => {
    fc.assert(
      fc.property(input, (i) => {
        const decision = decideCancel(i);
        if (decision.step !== "signal") return;
        expect(i.status).toBe("running");
        expect(i.evidence).toMatchObject({ kind: "target", verification: { outcome: "match" } });
        expect(i.evidence.kind === "target" && decision.target).toEqual(i.evidence.kind === "target" && i.evidence.info);
      }),
    );
  });
});

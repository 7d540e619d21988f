import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cancelEnvelope, type CancelOutcome } from "./outcome.js";

const JOB = "3b241101-e2bb-4255-8caf-4136c566a962";
const observed = { pid: 9, starttime: "2", argv0: "sleep" };

const EXPECTED: [CancelOutcome, number][] = [
  [{ outcome: "already_terminal", job_status: "completed" }, 0],
  [{ outcome: "cancel_pending" }, 0],
  [{ outcome: "signaled", signal: "SIGTERM", escalated: false, exited: true }, 0],
  [{ outcome: "signaled", signal: "SIGKILL", escalated: true, exited: false }, 0],
  [{ outcome: "already_dead" }, 0],
  [{ outcome: "stale_pid", mismatch: "starttime", observed }, 3],
  [{ outcome: "unverifiable", reason: "EACCES" }, 3],
  [{ outcome: "no_pid_info" }, 3],
  [{ outcome: "not_found" }, 1],
  [{ outcome: "cancel_failed", reason: "ENOSPC" }, 1],
  [{ outcome: "signal_failed", errno: "EPERM" }, 1],
];

describe("cancelEnvelope", () => {
  it.each(EXPECTED)("%o exits %i", (outcome, exit) => {
    const { envelope, exit_code } = cancelEnvelope(JOB, outcome);
    expect(exit_code).toBe(exit);
    expect(envelope).toMatchObject({ ...outcome, ok: exit === 0, job_id: JOB });
    expect(JSON.parse(JSON.stringify(envelope))).toEqual(envelope);
  });

  it("gives every refusal and failure a message and a suggested action, and failures an error code", () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXPECTED), ([outcome]) => {
        const { envelope, exit_code } = cancelEnvelope(JOB, outcome);
        if (exit_code === 0) {
          expect(envelope).not.toHaveProperty("message");
          return;
        }
        expect(envelope).toMatchObject({ message: expect.any(String), suggested_action: expect.any(String) });
        if (exit_code === 1) expect(envelope.error).toBe(outcome.outcome);
      }),
    );
  });

  it("reports that nothing was signalled when it refused", () => {
    for (const [outcome, exit] of EXPECTED) {
      if (exit === 3) expect(String(cancelEnvelope(JOB, outcome).envelope.message)).toContain("nothing was signalled");
    }
  });
});

import { setTimeout as sleep } from "node:timers/promises";
import { errnoOf } from "../identity/errno.js";
import type { IdentityOptions } from "../identity/options.js";
import { readProcessGroup, type ProcessGroup } from "../identity/process-group.js";
import type { Verification } from "../identity/types.js";
import { verifyIdentity } from "../identity/verify.js";
import type { PidInfo } from "../record/schema.js";
import { refusalOf } from "./decide.js";
import type { Verify } from "./evidence.js";
import type { CancelOutcome } from "./outcome.js";

export type TerminateSignal = "SIGTERM" | "SIGKILL";

/** The outcomes stopping a process can have; `signaled` is described in outcome.ts. */
export type TerminateOutcome = Extract<CancelOutcome, { outcome: "signaled" | "already_dead" | "stale_pid" | "unverifiable" | "signal_failed" }>;

export interface TerminateOptions {
  force: boolean;
  /** How long SIGTERM gets before SIGKILL. */
  graceMs: number;
  pollMs: number;
  /** How long to watch for the exit after SIGKILL. */
  killWaitMs?: number;
  kill?: (pid: number, signal: TerminateSignal) => void;
  verify?: Verify;
  processGroup?: (pid: number, options?: IdentityOptions) => Promise<ProcessGroup>;
  identity?: IdentityOptions;
}

type Resolved = Required<Omit<TerminateOptions, "identity">> & { identity: IdentityOptions };

type Sent = { outcome: "sent" } | { outcome: "no_such_process" } | { outcome: "failed"; errno: string };

const DEFAULT_KILL_WAIT_MS = 5_000;

/**
 * Targets are spawned detached, so a target that leads its own group is signalled as the group
 * (-pid) and its children go with it. Otherwise, or when the group cannot be read, only the
 * verified pid: a group we did not create is not ours to signal.
 */
const signalTargetOf = async (pid: number, options: Resolved): Promise<number> => {
  const group = await options.processGroup(pid, options.identity);
  return group.outcome === "group" && group.pgid === pid ? -pid : pid;
};

const send = (options: Resolved, target: number, signal: TerminateSignal): Sent => {
  try {
    options.kill(target, signal);
    return { outcome: "sent" };
  } catch (error) {
    const errno = errnoOf(error) ?? "UNKNOWN";
    return errno === "ESRCH" ? { outcome: "no_such_process" } : { outcome: "failed", errno };
  }
};

/** Same start time means same process, whatever its argv0 says now; anything else means it ended. */
const hasExited = (verification: Verification): boolean =>
  verification.outcome === "process_gone" || verification.outcome === "starttime_mismatch";

const waitForExit = async (info: PidInfo, withinMs: number, options: Resolved): Promise<boolean> => {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (hasExited(await options.verify(info, options.identity))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(options.pollMs);
  }
};

const killAndWatch = async (info: PidInfo, target: number, escalated: boolean, options: Resolved): Promise<TerminateOutcome> => {
  const sent = send(options, target, "SIGKILL");
  if (sent.outcome === "failed") return { outcome: "signal_failed", errno: sent.errno };
  if (sent.outcome === "no_such_process") {
    return escalated ? { outcome: "signaled", signal: "SIGTERM", escalated: false, exited: true } : { outcome: "already_dead" };
  }
  return { outcome: "signaled", signal: "SIGKILL", escalated, exited: await waitForExit(info, options.killWaitMs, options) };
};

/** Grace period over: SIGKILL only if the pid is re-verified as ours right now. */
const escalate = async (info: PidInfo, target: number, options: Resolved): Promise<TerminateOutcome> => {
  const verification = await options.verify(info, options.identity);
  if (verification.outcome === "match") return killAndWatch(info, target, true, options);
  return { outcome: "signaled", signal: "SIGTERM", escalated: false, exited: hasExited(verification) };
};

/**
 * Stops a process whose identity is re-verified immediately before every signal; nothing but a
 * verified match is ever signalled. SIGTERM (SIGKILL with `force`), then SIGKILL after `graceMs`.
 */
export const terminateVerified = async (info: PidInfo, options: TerminateOptions): Promise<TerminateOutcome> => {
  const resolved: Resolved = {
    force: options.force,
    graceMs: options.graceMs,
    pollMs: options.pollMs,
    killWaitMs: options.killWaitMs ?? DEFAULT_KILL_WAIT_MS,
    kill: options.kill ?? ((pid, signal) => process.kill(pid, signal)),
    verify: options.verify ?? verifyIdentity,
    processGroup: options.processGroup ?? readProcessGroup,
    identity: options.identity ?? {},
  };
  const refusal = refusalOf(await resolved.verify(info, resolved.identity));
  if (refusal !== null) return refusal;
  const target = await signalTargetOf(info.pid, resolved);
  if (resolved.force) return killAndWatch(info, target, false, resolved);
  const sent = send(resolved, target, "SIGTERM");
  if (sent.outcome === "failed") return { outcome: "signal_failed", errno: sent.errno };
  if (sent.outcome === "no_such_process") return { outcome: "already_dead" };
  if (await waitForExit(info, resolved.graceMs, resolved)) {
    return { outcome: "signaled", signal: "SIGTERM", escalated: false, exited: true };
  }
  return escalate(info, target, resolved);
};

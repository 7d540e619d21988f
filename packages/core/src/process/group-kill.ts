/** How long a SIGTERMed target gets before SIGKILL (deadline, Ctrl-C, cancel). */
export const KILL_GRACE_MS = 3000;

/**
 * Signals a target we spawned (as a process-group leader) together with anything it
 * started. Only used on a child this process still owns and has not yet reaped, so the
 * pid cannot have been reused; cancel from another process goes through identity checks.
 */
export function signalOwnGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Node timers take at most 2^31-1 ms (about 24.8 days); a longer delay fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `fire` once `ms` milliseconds from now, however long that is: deadlines beyond the
 * timer limit are reached in steps. Returns a function that cancels it.
 */
export function scheduleDeadline(ms: number, fire: () => void): () => void {
  const due = Date.now() + ms;
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const left = due - Date.now();
    timer = left > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(fire, Math.max(0, left));
  };
  arm();
  return () => clearTimeout(timer);
}

import type { LineInfo } from "../adapter/adapter.js";
import type { Progress } from "../record/schema.js";

const LAST_TEXT_CHARS = 500;

/** Folds one parsed target line into the job's progress counters. */
export function advanceProgress(progress: Progress, info: LineInfo, at: Date): Progress {
  if (!info.event) return progress;
  return {
    events: progress.events + 1,
    tool_calls: progress.tool_calls + (info.toolCall ? 1 : 0),
    last_event_at: at.toISOString(),
    last_text: info.text === null ? progress.last_text : info.text.slice(-LAST_TEXT_CHARS),
  };
}

/**
 * Coalesces frequent updates into at most one write per interval, in order, and lets the
 * caller wait for the writes in flight before writing the terminal record.
 */
export class ThrottledWriter<T> {
  private latest: T | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastWrite = 0;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly write: (value: T) => Promise<unknown>,
    private readonly intervalMs: number,
  ) {}

  offer(value: T): void {
    if (this.closed) return;
    this.latest = value;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /**
   * Stops accepting values and waits for the writes already started. A value still waiting
   * is dropped: the caller puts the last one into the terminal record, one write instead of two.
   */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closed = true;
    await this.chain;
  }

  private flush(): void {
    this.timer = null;
    const value = this.latest;
    this.latest = null;
    if (value === null || this.closed) return;
    this.lastWrite = Date.now();
    this.chain = this.chain.then(() => this.write(value)).then(
      () => undefined,
      () => undefined,
    );
  }
}

import type { JobRecord } from "../record/schema.js";

/** What a person watching a job on stderr sees: one line of its state. */
export interface StatusView {
  readonly job_id: string;
  readonly status: JobRecord["status"];
  readonly progress: JobRecord["progress"];
  /** When the job started running (else was created), ISO time. */
  readonly since: string;
}

export const statusViewOf = (record: JobRecord): StatusView => ({
  job_id: record.job_id,
  status: record.status,
  progress: record.progress,
  since: record.started_at ?? record.created_at,
});

const TEXT_CHARS = 80;

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

const clock = (ms: number): string => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
};

/** Pure: the line without the elapsed time, which is what counts as a change. */
function stateText(view: StatusView): string {
  const { progress } = view;
  const text = progress.last_text ? ` · ${lastWords(progress.last_text)}` : "";
  return `${view.status} · ${count(progress.events, "event")} · ${count(progress.tool_calls, "tool call")}${text}`;
}

/** The end of the latest text on one line: the words being written right now. */
const lastWords = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= TEXT_CHARS ? flat : `…${flat.slice(-(TEXT_CHARS - 1))}`;
};

/** Pure: `[1a2b3c4d] running · 0:42 · 12 events · 1 tool call · …latest text`. */
export function renderStatusLine(view: StatusView, now: Date): string {
  const elapsed = clock(now.getTime() - Date.parse(view.since));
  return `[${view.job_id.slice(0, 8)}] ${elapsed} · ${stateText(view)}`;
}

/** The status line of a record as it is now (also the MCP progress message). */
export const renderProgress = (record: JobRecord, now: Date = new Date()): string => renderStatusLine(statusViewOf(record), now);

export interface StatusOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/**
 * A job's live status on stderr. On a terminal one line is rewritten in place (elapsed time
 * ticking); elsewhere (a log, a pipe, a host agent) a line is written only when the job's
 * state changed, so logs stay short.
 */
export class StatusLine {
  private shown = "";
  private live = false;

  constructor(
    private readonly out: StatusOutput,
    private readonly clockNow: () => Date = () => new Date(),
  ) {}

  show(view: StatusView): void {
    if (this.out.isTTY === true) {
      const width = Math.max(20, (this.out.columns ?? 80) - 1);
      const line = renderStatusLine(view, this.clockNow()).slice(0, width);
      if (line === this.shown) return;
      this.shown = line;
      this.live = true;
      this.out.write(`\r\x1b[2K${line}`);
      return;
    }
    const state = stateText(view);
    if (state === this.shown) return;
    this.shown = state;
    this.out.write(`${renderStatusLine(view, this.clockNow())}\n`);
  }

  /** Leaves the last line in place and moves the cursor past it. */
  end(): void {
    if (this.live) this.out.write("\n");
    this.live = false;
  }
}

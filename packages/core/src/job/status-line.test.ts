import { describe, expect, it } from "vitest";
import { renderStatusLine, StatusLine, type StatusView } from "./status-line.js";

const since = "2026-12-02T10:00:00.000Z";
const at = (seconds: number): Date => new Date(Date.parse(since) + seconds * 1000);
const view = (events: number, overrides: Partial<StatusView["progress"]> = {}): StatusView => ({
  job_id: "1a2b3c4d-0000-4000-8000-000000000000",
  status: "running",
  since,
  progress: { events, tool_calls: 0, last_event_at: null, last_text: null, ...overrides },
});

/** A stand-in for process.stderr that records what was written. */
const sink = (isTTY: boolean, columns = 80) => {
  const writes: string[] = [];
  return { writes, out: { isTTY, columns, write: (text: string) => writes.push(text) } };
};

describe("renderStatusLine", () => {
  it("shows the job, elapsed time, events, tool calls and the end of the latest text on one line", () => {
    expect(renderStatusLine(view(1), at(5))).toBe("[1a2b3c4d] 0:05 · running · 1 event · 0 tool calls");
    const long = `first line\n${"word ".repeat(40)}last words`;
    const line = renderStatusLine(view(12, { tool_calls: 1, last_text: long }), at(125));
    expect(line).toMatch(/^\[1a2b3c4d\] 2:05 · running · 12 events · 1 tool call · …[a-z ]+ last words$/);
    expect(line.split(" · ").at(-1)).toHaveLength(80);
    expect(line).not.toContain("\n");
  });
});

describe("StatusLine", () => {
  it("on a terminal rewrites one line in place as time and progress move, then ends it", () => {
    let now = at(1);
    const { writes, out } = sink(true);
    const line = new StatusLine(out, () => now);
    line.show(view(1));
    line.show(view(1));
    now = at(2);
    line.show(view(1));
    line.show(view(2, { last_text: "Looking at parser.ts" }));
    line.end();
    expect(writes).toEqual([
      "\r\x1b[2K[1a2b3c4d] 0:01 · running · 1 event · 0 tool calls",
      "\r\x1b[2K[1a2b3c4d] 0:02 · running · 1 event · 0 tool calls",
      "\r\x1b[2K[1a2b3c4d] 0:02 · running · 2 events · 0 tool calls · Looking at parser.ts",
      "\n",
    ]);
  });

  it("on a terminal keeps the line within the terminal's width", () => {
    const { writes, out } = sink(true, 30);
    new StatusLine(out, () => at(1)).show(view(3, { last_text: "x".repeat(200) }));
    expect((writes[0] ?? "").replace("\r\x1b[2K", "")).toHaveLength(29);
  });

  it("off a terminal writes a whole line per change of state, not per tick", () => {
    let now = at(1);
    const { writes, out } = sink(false);
    const line = new StatusLine(out, () => now);
    line.show(view(1));
    now = at(9);
    line.show(view(1));
    line.show(view(4, { last_text: "half an answer" }));
    line.end();
    expect(writes).toEqual([
      "[1a2b3c4d] 0:01 · running · 1 event · 0 tool calls\n",
      "[1a2b3c4d] 0:09 · running · 4 events · 0 tool calls · half an answer\n",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { readEventLine } from "./event-line.js";

const Ping = z.object({ type: z.literal("ping"), n: z.number() });
const KNOWN = new Set(["ping"]);
const read = (line: string) => readEventLine(line, KNOWN, Ping);

describe("readEventLine", () => {
  it("reads a known event through the schema", () => {
    expect(read('{"type":"ping","n":1,"extra":true}')).toEqual({
      kind: "event",
      event: { type: "ping", n: 1 },
      json: { type: "ping", n: 1, extra: true },
    });
  });

  it("tells plain output from events", () => {
    expect(read("Loaded cached credentials.")).toEqual({ kind: "not_event" });
    expect(read('{"n":1}')).toEqual({ kind: "not_event" });
    expect(read('{"type":7}')).toEqual({ kind: "not_event" });
    expect(read("[1]")).toEqual({ kind: "not_event" });
  });

  it("passes over types the adapter does not read without checking their shape", () => {
    expect(read('{"type":"pong","session_id":"s"}')).toEqual({
      kind: "unknown",
      type: "pong",
      json: { type: "pong", session_id: "s" },
    });
  });

  it("reports a known type in a shape the schema rejects", () => {
    expect(read('{"type":"ping","n":"one"}')).toEqual({
      kind: "malformed",
      type: "ping",
      json: { type: "ping", n: "one" },
    });
  });
});

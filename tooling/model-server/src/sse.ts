import type { ServerResponse } from "node:http";
import { isOpen } from "./http-io.js";

export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  // Send the headers now: a stalled stream must still look started to the client.
  res.flushHeaders();
}

/** Writes one SSE event; the Anthropic API names events, Gemini sends bare `data:` lines. */
export function sendEvent(res: ServerResponse, data: unknown, event?: string): void {
  if (!isOpen(res)) return;
  const head = event === undefined ? "" : `event: ${event}\n`;
  res.write(`${head}data: ${JSON.stringify(data)}\n\n`);
}

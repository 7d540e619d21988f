import type { ServerResponse } from "node:http";
import { pause, sendJson } from "./http-io.js";
import { estimateTokens } from "./reply.js";
import type { Reply } from "./reply.js";
import { sendEvent, startEventStream } from "./sse.js";
import { stringAt } from "./json-shape.js";

/** Renders replies in the Anthropic Messages API wire format. */

export interface MessageContext {
  readonly body: unknown;
  readonly messageId: string;
  readonly toolUseId: string;
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

export function sendAnthropicError(res: ServerResponse, status: number, message: string): void {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  sendJson(res, status, { type: "error", error: { type, message } });
}

function inputTokens(body: unknown): number {
  return estimateTokens(JSON.stringify(body ?? ""));
}

export function sendCountTokens(res: ServerResponse, body: unknown): void {
  sendJson(res, 200, { input_tokens: inputTokens(body) });
}

function usage(body: unknown, outputTokens: number): Record<string, number> {
  return {
    input_tokens: inputTokens(body),
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

function messageShell(ctx: MessageContext): Record<string, unknown> {
  return {
    id: ctx.messageId,
    type: "message",
    role: "assistant",
    model: stringAt(ctx.body, "model") ?? "scripted-model",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: usage(ctx.body, 1),
  };
}

type SuccessReply = Exclude<Reply, { kind: "error" }>;

export async function sendMessage(res: ServerResponse, reply: SuccessReply, ctx: MessageContext, stream: boolean): Promise<void> {
  if (reply.kind === "stall") {
    if (stream) streamStall(res, reply.firstChunk, ctx);
    else res.writeHead(200, { "content-type": "application/json" }).flushHeaders();
    return;
  }
  if (stream) await streamMessage(res, reply, ctx);
  else sendJson(res, 200, completeMessage(reply, ctx));
}

function completeMessage(reply: Exclude<SuccessReply, { kind: "stall" }>, ctx: MessageContext): Record<string, unknown> {
  const text = reply.kind === "text" ? reply.chunks.join("") : "";
  const content =
    reply.kind === "text"
      ? [{ type: "text", text }]
      : [{ type: "tool_use", id: ctx.toolUseId, name: reply.name, input: reply.input }];
  const stopReason = reply.kind === "text" ? "end_turn" : "tool_use";
  return { ...messageShell(ctx), content, stop_reason: stopReason, usage: usage(ctx.body, estimateTokens(text)) };
}

function startMessage(res: ServerResponse, ctx: MessageContext, block: Record<string, unknown>): void {
  startEventStream(res);
  sendEvent(res, { type: "message_start", message: messageShell(ctx) }, "message_start");
  sendEvent(res, { type: "content_block_start", index: 0, content_block: block }, "content_block_start");
}

function sendDelta(res: ServerResponse, delta: Record<string, unknown>): void {
  sendEvent(res, { type: "content_block_delta", index: 0, delta }, "content_block_delta");
}

function finishMessage(res: ServerResponse, stopReason: "end_turn" | "tool_use", outputTokens: number): void {
  sendEvent(res, { type: "content_block_stop", index: 0 }, "content_block_stop");
  sendEvent(
    res,
    { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } },
    "message_delta",
  );
  sendEvent(res, { type: "message_stop" }, "message_stop");
  res.end();
}

async function streamMessage(res: ServerResponse, reply: Exclude<SuccessReply, { kind: "stall" }>, ctx: MessageContext): Promise<void> {
  if (reply.kind === "tool_call") {
    startMessage(res, ctx, { type: "tool_use", id: ctx.toolUseId, name: reply.name, input: {} });
    const json = JSON.stringify(reply.input);
    // Two partial pieces, as the real API splits tool input across deltas.
    const middle = Math.floor(json.length / 2);
    sendDelta(res, { type: "input_json_delta", partial_json: json.slice(0, middle) });
    sendDelta(res, { type: "input_json_delta", partial_json: json.slice(middle) });
    finishMessage(res, "tool_use", estimateTokens(json));
    return;
  }
  startMessage(res, ctx, { type: "text", text: "" });
  for (const [i, chunk] of reply.chunks.entries()) {
    if (i > 0) await pause(reply.chunkDelayMs, res);
    sendDelta(res, { type: "text_delta", text: chunk });
  }
  finishMessage(res, "end_turn", estimateTokens(reply.chunks.join("")));
}

function streamStall(res: ServerResponse, firstChunk: string, ctx: MessageContext): void {
  startMessage(res, ctx, { type: "text", text: "" });
  if (firstChunk !== "") sendDelta(res, { type: "text_delta", text: firstChunk });
}

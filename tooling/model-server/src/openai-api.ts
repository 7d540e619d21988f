import type { ServerResponse } from "node:http";
import { pause, sendJson } from "./http-io.js";
import { estimateTokens } from "./reply.js";
import type { Reply } from "./reply.js";
import { sendEvent, startEventStream } from "./sse.js";
import { stringAt } from "./json-shape.js";

/**
 * Renders replies in the OpenAI Responses API wire format, as Codex reads it: each output
 * item as `response.output_item.done`, then `response.completed` with usage (without it
 * Codex retries the request). Text is also streamed as `response.output_text.delta`.
 */

export interface ResponseContext {
  readonly body: unknown;
  readonly responseId: string;
  readonly itemId: string;
  readonly callId: string;
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "invalid_api_key",
  403: "permission_denied",
  404: "model_not_found",
  429: "rate_limit_exceeded",
};

export function sendOpenaiError(res: ServerResponse, status: number, message: string): void {
  const code = ERROR_TYPES[status] ?? "server_error";
  sendJson(res, status, { error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", code } });
}

type SuccessReply = Exclude<Reply, { kind: "error" | "stall" }>;

function outputItem(reply: SuccessReply, ctx: ResponseContext): Record<string, unknown> {
  if (reply.kind === "tool_call") {
    return {
      type: "function_call",
      id: ctx.itemId,
      call_id: ctx.callId,
      ...(reply.namespace === undefined ? {} : { namespace: reply.namespace }),
      name: reply.name,
      arguments: JSON.stringify(reply.input),
      status: "completed",
    };
  }
  const text = reply.chunks.join("");
  return { type: "message", id: ctx.itemId, role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] };
}

function response(ctx: ResponseContext, status: string, output: readonly unknown[], outputTokens: number): Record<string, unknown> {
  const inputTokens = estimateTokens(JSON.stringify(ctx.body ?? ""));
  return {
    id: ctx.responseId,
    object: "response",
    status,
    model: stringAt(ctx.body, "model") ?? "scripted-model",
    output,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
  };
}

/** Text deltas belong to an item the client has seen announced. */
function startText(res: ServerResponse, ctx: ResponseContext): void {
  const item = { type: "message", id: ctx.itemId, role: "assistant", status: "in_progress", content: [] };
  sendEvent(res, { type: "response.output_item.added", output_index: 0, item }, "response.output_item.added");
}

function sendTextDelta(res: ServerResponse, ctx: ResponseContext, delta: string): void {
  sendEvent(res, { type: "response.output_text.delta", item_id: ctx.itemId, output_index: 0, content_index: 0, delta }, "response.output_text.delta");
}

export async function sendResponse(res: ServerResponse, reply: Exclude<Reply, { kind: "error" }>, ctx: ResponseContext): Promise<void> {
  startEventStream(res);
  sendEvent(res, { type: "response.created", response: response(ctx, "in_progress", [], 0) }, "response.created");
  if (reply.kind === "stall") {
    startText(res, ctx);
    if (reply.firstChunk !== "") sendTextDelta(res, ctx, reply.firstChunk);
    return;
  }
  if (reply.kind === "text") {
    startText(res, ctx);
    for (const [i, chunk] of reply.chunks.entries()) {
      if (i > 0) await pause(reply.chunkDelayMs, res);
      sendTextDelta(res, ctx, chunk);
    }
  }
  const item = outputItem(reply, ctx);
  sendEvent(res, { type: "response.output_item.done", output_index: 0, item }, "response.output_item.done");
  const outputTokens = estimateTokens(reply.kind === "text" ? reply.chunks.join("") : JSON.stringify(reply.input));
  sendEvent(res, { type: "response.completed", response: response(ctx, "completed", [item], outputTokens) }, "response.completed");
  res.end();
}

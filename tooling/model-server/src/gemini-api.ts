import type { ServerResponse } from "node:http";
import { pause, sendJson } from "./http-io.js";
import { estimateTokens } from "./reply.js";
import type { Reply } from "./reply.js";
import { sendEvent, startEventStream } from "./sse.js";
import { isObject, stringAt } from "./json-shape.js";

/** Renders replies in the Gemini generateContent wire format. */

const ERROR_STATUSES: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function sendGeminiError(res: ServerResponse, status: number, message: string): void {
  const name = ERROR_STATUSES[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
  sendJson(res, status, { error: { code: status, message, status: name } });
}

export function sendCountTokens(res: ServerResponse, body: unknown): void {
  sendJson(res, 200, { totalTokens: estimateTokens(JSON.stringify(body ?? "")) });
}

type Part = Readonly<Record<string, unknown>>;

interface ChunkOptions {
  readonly body: unknown;
  readonly model: string;
  readonly finished: boolean;
}

function responseChunk(parts: readonly Part[], outputText: string, opts: ChunkOptions): Record<string, unknown> {
  const promptTokens = estimateTokens(JSON.stringify(opts.body ?? ""));
  const outputTokens = estimateTokens(outputText);
  const candidate = { content: { role: "model", parts }, index: 0, ...(opts.finished ? { finishReason: "STOP" } : {}) };
  return {
    candidates: [candidate],
    usageMetadata: { promptTokenCount: promptTokens, candidatesTokenCount: outputTokens, totalTokenCount: promptTokens + outputTokens },
    modelVersion: opts.model,
  };
}

type SuccessReply = Exclude<Reply, { kind: "error" }>;

export interface GenerateContext {
  readonly body: unknown;
  readonly model: string;
}

export async function sendGenerated(res: ServerResponse, reply: SuccessReply, ctx: GenerateContext, stream: boolean): Promise<void> {
  if (reply.kind === "stall") {
    if (stream) {
      startEventStream(res);
      const parts = reply.firstChunk === "" ? [] : [{ text: reply.firstChunk }];
      sendEvent(res, responseChunk(parts, reply.firstChunk, { ...ctx, finished: false }));
    } else {
      res.writeHead(200, { "content-type": "application/json" }).flushHeaders();
    }
    return;
  }
  if (!stream) {
    sendJson(res, 200, completeResponse(reply, ctx));
    return;
  }
  startEventStream(res);
  if (reply.kind === "tool_call") {
    sendEvent(res, completeResponse(reply, ctx));
  } else {
    for (const [i, chunk] of reply.chunks.entries()) {
      if (i > 0) await pause(reply.chunkDelayMs, res);
      const finished = i === reply.chunks.length - 1;
      sendEvent(res, responseChunk([{ text: chunk }], reply.chunks.slice(0, i + 1).join(""), { ...ctx, finished }));
    }
  }
  res.end();
}

function completeResponse(reply: Exclude<SuccessReply, { kind: "stall" }>, ctx: GenerateContext): Record<string, unknown> {
  if (reply.kind === "tool_call") {
    const part = { functionCall: { name: reply.name, args: reply.input } };
    return responseChunk([part], JSON.stringify(reply.input), { ...ctx, finished: true });
  }
  const text = reply.chunks.join("");
  return responseChunk([{ text }], text, { ...ctx, finished: true });
}

/**
 * The CLI's own helper calls (model routing, next-speaker check) ask for JSON. They get
 * one object that satisfies the schemas seen in gemini-cli 0.61, and never consume a
 * script turn, so scripts describe only the conversation.
 */
export const HELPER_JSON_ANSWER = {
  next_speaker: "user",
  reasoning: "scripted model server",
  complexity_score: 1,
  complexity_reasoning: "scripted model server",
};

export function isHelperJsonRequest(body: unknown): boolean {
  const config = isObject(body) ? body["generationConfig"] : undefined;
  return stringAt(config, "responseMimeType") === "application/json";
}

export function sendHelperJson(res: ServerResponse, ctx: GenerateContext): void {
  const text = JSON.stringify(HELPER_JSON_ANSWER);
  sendJson(res, 200, responseChunk([{ text }], text, { ...ctx, finished: true }));
}

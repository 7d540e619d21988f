import type { IncomingMessage, ServerResponse } from "node:http";
import { sendAnthropicError, sendCountTokens as sendAnthropicCount, sendMessage } from "./anthropic-api.js";
import { anthropicConversation } from "./anthropic-conversation.js";
import { currentPrompt, EMPTY_CONVERSATION } from "./conversation.js";
import type { Conversation } from "./conversation.js";
import {
  isHelperJsonRequest,
  sendCountTokens as sendGeminiCount,
  sendGeminiError,
  sendGenerated,
  sendHelperJson,
} from "./gemini-api.js";
import { geminiConversation } from "./gemini-conversation.js";
import { sendJson } from "./http-io.js";
import { sendOpenaiError, sendResponse } from "./openai-api.js";
import { openaiConversation } from "./openai-conversation.js";
import { isObject } from "./json-shape.js";
import { replyFor } from "./reply.js";
import { selectHeaders } from "./request-log.js";
import type { RequestLog } from "./request-log.js";
import type { ModelRoute } from "./route.js";
import type { ApiName, Turn } from "./script.js";
import type { ScriptPlayer } from "./script-player.js";

export interface DispatchDeps {
  readonly player: ScriptPlayer;
  readonly log: RequestLog;
  readonly nextId: () => number;
}

interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly body: unknown;
  readonly deps: DispatchDeps;
}

function record(ex: Exchange, route: ModelRoute, api: ApiName | null, conversation: Conversation, turn: Turn | null): void {
  ex.deps.log.add({
    at: new Date().toISOString(),
    method: ex.req.method ?? "",
    url: ex.req.url ?? "",
    endpoint: route.endpoint,
    api,
    headers: selectHeaders(ex.req.headers),
    body: ex.body,
    toolNames: conversation.toolNames,
    prompt: currentPrompt(conversation),
    turn: turn?.kind ?? null,
  });
}

/** Logs the request, advances the script when it is a conversation turn, and answers it. */
export async function dispatchModelRequest(route: ModelRoute, ex: Exchange): Promise<void> {
  const { res, body } = ex;
  switch (route.endpoint) {
    case "anthropic.messages":
      return answerAnthropic(route, ex);
    case "anthropic.count_tokens":
      record(ex, route, "anthropic", anthropicConversation(body), null);
      return sendAnthropicCount(res, body);
    case "gemini.count_tokens":
      record(ex, route, "gemini", geminiConversation(body), null);
      return sendGeminiCount(res, body);
    case "gemini.generate":
    case "gemini.stream_generate":
      return answerGemini({ endpoint: route.endpoint, model: route.model }, ex);
    case "openai.responses":
      return answerOpenai(route, ex);
    case "unknown":
      record(ex, route, null, EMPTY_CONVERSATION, null);
      return sendJson(res, 404, { error: { code: 404, message: "not found" } });
  }
}

async function answerAnthropic(route: ModelRoute, ex: Exchange): Promise<void> {
  const conversation = anthropicConversation(ex.body);
  const turn = ex.deps.player.next("anthropic");
  record(ex, route, "anthropic", conversation, turn);
  const reply = replyFor(turn, conversation);
  if (reply.kind === "error") return sendAnthropicError(ex.res, reply.status, reply.message);
  const id = ex.deps.nextId();
  const ctx = { body: ex.body, messageId: `msg_scripted_${id}`, toolUseId: `toolu_scripted_${id}` };
  const stream = isObject(ex.body) && ex.body["stream"] === true;
  return sendMessage(ex.res, reply, ctx, stream);
}

async function answerOpenai(route: ModelRoute, ex: Exchange): Promise<void> {
  const conversation = openaiConversation(ex.body);
  const turn = ex.deps.player.next("openai");
  record(ex, route, "openai", conversation, turn);
  const reply = replyFor(turn, conversation);
  if (reply.kind === "error") return sendOpenaiError(ex.res, reply.status, reply.message);
  const id = ex.deps.nextId();
  return sendResponse(ex.res, reply, { body: ex.body, responseId: `resp_scripted_${id}`, itemId: `item_scripted_${id}`, callId: `call_scripted_${id}` });
}

interface GenerateRoute {
  readonly endpoint: "gemini.generate" | "gemini.stream_generate";
  readonly model: string;
}

async function answerGemini(route: GenerateRoute, ex: Exchange): Promise<void> {
  const conversation = geminiConversation(ex.body);
  const ctx = { body: ex.body, model: route.model };
  // The CLI's helper calls (routing, next-speaker check) must not use up scripted turns,
  // but they fail like the conversation does: an API that rejects a key rejects every call.
  if (route.endpoint === "gemini.generate" && isHelperJsonRequest(ex.body)) {
    record(ex, route, "gemini", conversation, null);
    const upcoming = replyFor(ex.deps.player.peek("gemini"), conversation);
    if (upcoming.kind === "error") return sendGeminiError(ex.res, upcoming.status, upcoming.message);
    return sendHelperJson(ex.res, ctx);
  }
  const turn = ex.deps.player.next("gemini");
  record(ex, route, "gemini", conversation, turn);
  const reply = replyFor(turn, conversation);
  if (reply.kind === "error") return sendGeminiError(ex.res, reply.status, reply.message);
  return sendGenerated(ex.res, reply, ctx, route.endpoint === "gemini.stream_generate");
}

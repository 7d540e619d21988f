import type { Conversation, ConversationMessage } from "./conversation.js";
import { arrayAt, isObject, stringAt } from "./json-shape.js";

function partSearchable(part: unknown): string {
  if (!isObject(part)) return "";
  if (typeof part["text"] === "string") return part["text"];
  const call = part["functionCall"] ?? part["functionResponse"];
  return call === undefined ? "" : JSON.stringify(call);
}

function readContent(content: unknown): ConversationMessage {
  const role = stringAt(content, "role");
  const parts = arrayAt(content, "parts");
  return {
    role: role === "user" ? "user" : role === "model" ? "assistant" : "other",
    text: parts.flatMap((part) => stringAt(part, "text") ?? []).join("\n"),
    searchable: parts.map(partSearchable).join("\n"),
  };
}

/** Reads a generateContent-family request body. */
export function geminiConversation(body: unknown): Conversation {
  return {
    toolNames: arrayAt(body, "tools").flatMap((tool) =>
      arrayAt(tool, "functionDeclarations").flatMap((fn) => stringAt(fn, "name") ?? []),
    ),
    messages: arrayAt(body, "contents").map(readContent),
  };
}

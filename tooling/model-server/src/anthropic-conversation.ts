import type { Conversation, ConversationMessage } from "./conversation.js";
import { arrayAt, isObject, stringAt } from "./json-shape.js";

function blockText(block: unknown): string {
  if (typeof block === "string") return block;
  return stringAt(block, "type") === "text" ? (stringAt(block, "text") ?? "") : "";
}

/** Tool inputs and results are searchable so a marker survives a tool round trip. */
function blockSearchable(block: unknown): string {
  if (!isObject(block)) return blockText(block);
  switch (block["type"]) {
    case "tool_use":
      return JSON.stringify(block["input"] ?? null);
    case "tool_result": {
      const content = block["content"];
      return typeof content === "string" ? content : arrayAt(block, "content").map(blockText).join("\n");
    }
    default:
      return blockText(block);
  }
}

function readMessage(message: unknown): ConversationMessage {
  const role = stringAt(message, "role");
  const content = isObject(message) ? message["content"] : undefined;
  const blocks: readonly unknown[] = typeof content === "string" ? [content] : arrayAt(message, "content");
  return {
    role: role === "user" || role === "assistant" ? role : "other",
    text: blocks.map(blockText).filter((t) => t !== "").join("\n"),
    searchable: blocks.map(blockSearchable).join("\n"),
  };
}

/** Reads a Messages API request body (`POST /v1/messages`). */
export function anthropicConversation(body: unknown): Conversation {
  return {
    toolNames: arrayAt(body, "tools").flatMap((tool) => stringAt(tool, "name") ?? []),
    messages: arrayAt(body, "messages").map(readMessage),
  };
}

import type { Conversation, ConversationMessage } from "./conversation.js";
import { arrayAt, isObject, stringAt } from "./json-shape.js";

/**
 * Tool names as the model sees them: a plain function by its name; a function inside a
 * namespace (how Codex offers an MCP server's tools) as `<namespace>__<name>`, the same
 * spelling Claude Code gives MCP tools.
 */
function toolNames(tool: unknown): string[] {
  const name = stringAt(tool, "name");
  if (name === undefined) return [];
  const inner = arrayAt(tool, "tools").flatMap((t) => stringAt(t, "name") ?? []);
  return inner.length === 0 ? [name] : inner.map((n) => `${name}__${n}`);
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  return arrayAt({ content }, "content")
    .flatMap((part) => stringAt(part, "text") ?? [])
    .join("\n");
}

/** One `input` item: a message, a function call the model made, or a tool's output. */
function readItem(item: unknown): ConversationMessage {
  const type = stringAt(item, "type") ?? "message";
  const content = isObject(item) ? item["content"] : undefined;
  switch (type) {
    case "message": {
      const role = stringAt(item, "role");
      const text = contentText(content);
      return { role: role === "user" || role === "assistant" ? role : "other", text, searchable: text };
    }
    case "function_call":
      return { role: "assistant", text: "", searchable: stringAt(item, "arguments") ?? "" };
    case "function_call_output": {
      const output = isObject(item) ? item["output"] : undefined;
      return { role: "user", text: "", searchable: typeof output === "string" ? output : JSON.stringify(output ?? null) };
    }
    default:
      return { role: "other", text: "", searchable: JSON.stringify(item ?? null) };
  }
}

/** Reads a Responses API request body (`POST /v1/responses`). */
export function openaiConversation(body: unknown): Conversation {
  return {
    toolNames: arrayAt(body, "tools").flatMap(toolNames),
    messages: arrayAt(body, "input").map(readItem),
  };
}

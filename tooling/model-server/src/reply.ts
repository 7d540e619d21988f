import { earlierTurnsMention, latestJobId } from "./conversation.js";
import type { Conversation } from "./conversation.js";
import type { Turn } from "./script.js";

/** What one response carries, before it is rendered in an API's wire format. */
export type Reply =
  | { readonly kind: "text"; readonly chunks: readonly string[]; readonly chunkDelayMs: number }
  | { readonly kind: "tool_call"; readonly name: string; readonly namespace?: string; readonly input: Readonly<Record<string, unknown>> }
  | { readonly kind: "stall"; readonly firstChunk: string }
  | { readonly kind: "error"; readonly status: number; readonly message: string };

/** Word-sized chunks, so even a short answer arrives as several deltas. */
export function chunkText(text: string): readonly string[] {
  return text.match(/\s*\S+\s*/g) ?? [text];
}

function textReply(text: string, chunkDelayMs = 0): Reply {
  return { kind: "text", chunks: chunkText(text), chunkDelayMs };
}

/** The placeholder a scripted tool input may hold for the job id the host last saw. */
export const JOB_ID_PLACEHOLDER = "{{job_id}}";

function withJobId(input: Readonly<Record<string, unknown>>, conversation: Conversation): Readonly<Record<string, unknown>> {
  const jobId = latestJobId(conversation) ?? JOB_ID_PLACEHOLDER;
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, value === JOB_ID_PLACEHOLDER ? jobId : value]));
}

export function replyFor(turn: Turn, conversation: Conversation): Reply {
  switch (turn.kind) {
    case "text":
      return textReply(turn.text);
    case "slow_text":
      return textReply(turn.text, turn.chunkDelayMs);
    case "tool_call": {
      const input = withJobId(turn.input, conversation);
      return turn.namespace === undefined ? { kind: "tool_call", name: turn.name, input } : { kind: "tool_call", name: turn.name, namespace: turn.namespace, input };
    }
    case "stall":
      return { kind: "stall", firstChunk: turn.text ?? "" };
    case "http_error":
      return { kind: "error", status: turn.status, message: turn.message ?? `scripted ${turn.status}` };
    case "recall": {
      const found = earlierTurnsMention(conversation, turn.marker);
      return textReply(`recall: ${found ? "found" : "missing"} ${turn.marker}`);
    }
    case "list_tools":
      return textReply(`tools: ${conversation.toolNames.join(",")}`);
  }
}

/** A rough token count (4 characters a token), enough for usage fields to look real. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

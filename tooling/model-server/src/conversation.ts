/**
 * An API-neutral view of one model request: what the tests and the scripted answers need
 * to know, whichever API the CLI spoke.
 */

export interface ConversationMessage {
  readonly role: "user" | "assistant" | "other";
  /** Plain text the user or model wrote; empty for a message that only carries tool traffic. */
  readonly text: string;
  /** Everything searchable in the message, tool inputs and results included. */
  readonly searchable: string;
}

export interface Conversation {
  readonly toolNames: readonly string[];
  readonly messages: readonly ConversationMessage[];
}

export const EMPTY_CONVERSATION: Conversation = { toolNames: [], messages: [] };

function currentPromptIndex(conversation: Conversation): number {
  return conversation.messages.findLastIndex((m) => m.role === "user" && m.text !== "");
}

/** The text of the latest user message that has text (tool results alone do not count). */
export function currentPrompt(conversation: Conversation): string {
  return conversation.messages[currentPromptIndex(conversation)]?.text ?? "";
}

const JOB_ID = /\\?"job_id\\?"\s*:\s*\\?"([0-9a-f-]{36})\\?"/;

/**
 * The job id quoted in the latest message that quotes one (a tool result the host sent
 * back), so a script can go on with `wait` and `result` on the job its `run` started.
 */
export function latestJobId(conversation: Conversation): string | undefined {
  for (const message of [...conversation.messages].reverse()) {
    const found = JOB_ID.exec(message.searchable)?.[1];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether the marker occurs anywhere before the current prompt. */
export function earlierTurnsMention(conversation: Conversation, marker: string): boolean {
  const end = currentPromptIndex(conversation);
  return conversation.messages.slice(0, Math.max(end, 0)).some((m) => m.searchable.includes(marker));
}

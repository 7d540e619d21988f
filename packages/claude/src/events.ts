import * as z from "zod/mini";

// Shapes of `claude -p --output-format stream-json` lines. Unknown keys are dropped, not
// rejected, so new CLI fields never break parsing; a known event with a wrong shape fails.

export const ClaudeUsage = z.object({
  input_tokens: z.nullish(z.number()),
  output_tokens: z.nullish(z.number()),
  cache_read_input_tokens: z.nullish(z.number()),
  cache_creation_input_tokens: z.nullish(z.number()),
});
export type ClaudeUsage = z.infer<typeof ClaudeUsage>;

export const ClaudeDenial = z.object({
  tool_name: z.string(),
  tool_use_id: z.nullish(z.string()),
  tool_input: z.optional(z.unknown()),
});
export type ClaudeDenial = z.infer<typeof ClaudeDenial>;

const TextBlock = z.object({ type: z.literal("text"), text: z.string() });
const ToolUseBlock = z.object({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.optional(z.unknown()),
});
const OtherBlock = z.object({ type: z.string() });
const ContentBlock = z.union([TextBlock, ToolUseBlock, OtherBlock]);

const SystemEvent = z.object({
  type: z.literal("system"),
  subtype: z.string(),
  session_id: z.nullish(z.string()),
  model: z.nullish(z.string()),
  // subtype permission_denied
  tool_name: z.nullish(z.string()),
  tool_use_id: z.nullish(z.string()),
  // subtype api_retry
  error_status: z.nullish(z.number()),
});

const AssistantEvent = z.object({
  type: z.literal("assistant"),
  session_id: z.nullish(z.string()),
  message: z.object({ content: z.array(ContentBlock) }),
  // Set on the synthetic message the CLI emits to describe an API failure.
  is_api_error_message: z.optional(z.boolean()),
});

const UserEvent = z.object({ type: z.literal("user"), session_id: z.nullish(z.string()) });

// `--include-partial-messages`: the API's own stream events, wrapped. Only text deltas are
// read (progress); the whole message still follows as an `assistant` event.
const PartialEvent = z.object({
  type: z.literal("stream_event"),
  session_id: z.nullish(z.string()),
  event: z.object({
    type: z.string(),
    delta: z.optional(z.object({ type: z.string(), text: z.optional(z.string()) })),
  }),
});
export type PartialEvent = z.infer<typeof PartialEvent>;

export const ResultEvent = z.object({
  type: z.literal("result"),
  subtype: z.string(),
  is_error: z.boolean(),
  result: z.nullish(z.string()),
  session_id: z.nullish(z.string()),
  total_cost_usd: z.nullish(z.number()),
  usage: z.nullish(ClaudeUsage),
  permission_denials: z.nullish(z.array(ClaudeDenial)),
  api_error_status: z.nullish(z.number()),
  api_error_type: z.nullish(z.string()),
  errors: z.nullish(z.array(z.string())),
  structured_output: z.optional(z.unknown()),
});
export type ResultEvent = z.infer<typeof ResultEvent>;

export const ClaudeEvent = z.discriminatedUnion("type", [
  SystemEvent,
  AssistantEvent,
  UserEvent,
  PartialEvent,
  ResultEvent,
]);
export type ClaudeEvent = z.infer<typeof ClaudeEvent>;

/** Event types this adapter reads; any other `type` is counted and otherwise ignored. */
export const KNOWN_TYPES: ReadonlySet<string> = new Set(["system", "assistant", "user", "stream_event", "result"]);

import { z } from "zod";

// Shapes of `claude -p --output-format stream-json` lines. Unknown keys are dropped, not
// rejected, so new CLI fields never break parsing; a known event with a wrong shape fails.

export const ClaudeUsage = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
});
export type ClaudeUsage = z.infer<typeof ClaudeUsage>;

export const ClaudeDenial = z.object({
  tool_name: z.string(),
  tool_use_id: z.string().nullish(),
  tool_input: z.unknown().optional(),
});
export type ClaudeDenial = z.infer<typeof ClaudeDenial>;

const TextBlock = z.object({ type: z.literal("text"), text: z.string() });
const ToolUseBlock = z.object({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.unknown().optional(),
});
const OtherBlock = z.object({ type: z.string() });
const ContentBlock = z.union([TextBlock, ToolUseBlock, OtherBlock]);

const SystemEvent = z.object({
  type: z.literal("system"),
  subtype: z.string(),
  session_id: z.string().nullish(),
  model: z.string().nullish(),
  // subtype permission_denied
  tool_name: z.string().nullish(),
  tool_use_id: z.string().nullish(),
  // subtype api_retry
  error_status: z.number().nullish(),
});

const AssistantEvent = z.object({
  type: z.literal("assistant"),
  session_id: z.string().nullish(),
  message: z.object({ content: z.array(ContentBlock) }),
  // Set on the synthetic message the CLI emits to describe an API failure.
  is_api_error_message: z.boolean().optional(),
});

const UserEvent = z.object({ type: z.literal("user"), session_id: z.string().nullish() });

export const ResultEvent = z.object({
  type: z.literal("result"),
  subtype: z.string(),
  is_error: z.boolean(),
  result: z.string().nullish(),
  session_id: z.string().nullish(),
  total_cost_usd: z.number().nullish(),
  usage: ClaudeUsage.nullish(),
  permission_denials: z.array(ClaudeDenial).nullish(),
  api_error_status: z.number().nullish(),
  api_error_type: z.string().nullish(),
  errors: z.array(z.string()).nullish(),
  structured_output: z.unknown().optional(),
});
export type ResultEvent = z.infer<typeof ResultEvent>;

export const ClaudeEvent = z.discriminatedUnion("type", [
  SystemEvent,
  AssistantEvent,
  UserEvent,
  ResultEvent,
]);
export type ClaudeEvent = z.infer<typeof ClaudeEvent>;

/** Event types this adapter reads; any other `type` is counted and otherwise ignored. */
export const KNOWN_TYPES: ReadonlySet<string> = new Set(["system", "assistant", "user", "result"]);

import * as z from "zod/mini";

// Shapes of `gemini -p --output-format stream-json` lines (and of the json format, read as
// a fallback). Unknown keys are dropped, not rejected; a known event with a wrong shape fails.

export const StreamStats = z.object({
  total_tokens: z.nullish(z.number()),
  input_tokens: z.nullish(z.number()),
  output_tokens: z.nullish(z.number()),
  cached: z.nullish(z.number()),
});
export type StreamStats = z.infer<typeof StreamStats>;

const ErrorDetail = z.object({ type: z.nullish(z.string()), message: z.nullish(z.string()) });

const InitEvent = z.object({
  type: z.literal("init"),
  session_id: z.string(),
  model: z.nullish(z.string()),
});

const MessageEvent = z.object({
  type: z.literal("message"),
  // A string, not an enum: an unforeseen role is ignored rather than a parse failure.
  role: z.string(),
  content: z.string(),
  delta: z.nullish(z.boolean()),
});

const ToolUseEvent = z.object({
  type: z.literal("tool_use"),
  tool_name: z.string(),
  tool_id: z.string(),
  parameters: z.optional(z.unknown()),
});

const ToolResultEvent = z.object({
  type: z.literal("tool_result"),
  tool_id: z.string(),
  status: z.string(),
  error: z.nullish(ErrorDetail),
});

const ErrorEvent = z.object({
  type: z.literal("error"),
  severity: z.string(),
  message: z.string(),
});

export const ResultEvent = z.object({
  type: z.literal("result"),
  status: z.string(),
  error: z.nullish(ErrorDetail),
  stats: z.nullish(StreamStats),
});
export type ResultEvent = z.infer<typeof ResultEvent>;

export const GeminiEvent = z.discriminatedUnion("type", [
  InitEvent,
  MessageEvent,
  ToolUseEvent,
  ToolResultEvent,
  ErrorEvent,
  ResultEvent,
]);
export type GeminiEvent = z.infer<typeof GeminiEvent>;

/** Event types this adapter reads; any other `type` is counted and otherwise ignored. */
export const KNOWN_TYPES: ReadonlySet<string> = new Set(["init", "message", "tool_use", "tool_result", "error", "result"]);

const ModelTokens = z.object({
  prompt: z.nullish(z.number()),
  candidates: z.nullish(z.number()),
  total: z.nullish(z.number()),
  cached: z.nullish(z.number()),
});
export type ModelTokens = z.infer<typeof ModelTokens>;

/** `--output-format json` on success: one object on stdout. */
export const JsonOutput = z.object({
  session_id: z.nullish(z.string()),
  response: z.string(),
  stats: z.nullish(z.object({ models: z.record(z.string(), z.object({ tokens: z.nullish(ModelTokens) })) })),
});
export type JsonOutput = z.infer<typeof JsonOutput>;

/** Any failure, in either format: stdout is empty and this object ends stderr. */
export const ErrorOutput = z.object({
  session_id: z.nullish(z.string()),
  error: z.object({
    type: z.nullish(z.string()),
    message: z.nullish(z.string()),
    code: z.nullish(z.union([z.number(), z.string()])),
  }),
});
export type ErrorOutput = z.infer<typeof ErrorOutput>;

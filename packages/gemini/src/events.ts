import { z } from "zod";

// Shapes of `gemini -p --output-format stream-json` lines (and of the json format, read as
// a fallback). Unknown keys are dropped, not rejected; a known event with a wrong shape fails.

export const StreamStats = z.object({
  total_tokens: z.number().nullish(),
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cached: z.number().nullish(),
});
export type StreamStats = z.infer<typeof StreamStats>;

const ErrorDetail = z.object({ type: z.string().nullish(), message: z.string().nullish() });

const InitEvent = z.object({
  type: z.literal("init"),
  session_id: z.string(),
  model: z.string().nullish(),
});

const MessageEvent = z.object({
  type: z.literal("message"),
  // A string, not an enum: an unforeseen role is ignored rather than a parse failure.
  role: z.string(),
  content: z.string(),
  delta: z.boolean().nullish(),
});

const ToolUseEvent = z.object({
  type: z.literal("tool_use"),
  tool_name: z.string(),
  tool_id: z.string(),
  parameters: z.unknown().optional(),
});

const ToolResultEvent = z.object({
  type: z.literal("tool_result"),
  tool_id: z.string(),
  status: z.string(),
  error: ErrorDetail.nullish(),
});

const ErrorEvent = z.object({
  type: z.literal("error"),
  severity: z.string(),
  message: z.string(),
});

export const ResultEvent = z.object({
  type: z.literal("result"),
  status: z.string(),
  error: ErrorDetail.nullish(),
  stats: StreamStats.nullish(),
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

export const KNOWN_TYPES: ReadonlySet<string> = new Set(
  GeminiEvent.options.map((option) => option.shape.type.value),
);

const ModelTokens = z.object({
  prompt: z.number().nullish(),
  candidates: z.number().nullish(),
  total: z.number().nullish(),
  cached: z.number().nullish(),
});
export type ModelTokens = z.infer<typeof ModelTokens>;

/** `--output-format json` on success: one object on stdout. */
export const JsonOutput = z.object({
  session_id: z.string().nullish(),
  response: z.string(),
  stats: z
    .object({ models: z.record(z.string(), z.object({ tokens: ModelTokens.nullish() })) })
    .nullish(),
});
export type JsonOutput = z.infer<typeof JsonOutput>;

/** Any failure, in either format: stdout is empty and this object ends stderr. */
export const ErrorOutput = z.object({
  session_id: z.string().nullish(),
  error: z.object({
    type: z.string().nullish(),
    message: z.string().nullish(),
    code: z.union([z.number(), z.string()]).nullish(),
  }),
});
export type ErrorOutput = z.infer<typeof ErrorOutput>;

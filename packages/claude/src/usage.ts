import type { Usage } from "@agent-companion/core";
import { EMPTY_USAGE } from "@agent-companion/core/target-output";
import type { ClaudeUsage } from "./events.js";

/**
 * Anthropic reports uncached input, cache reads and cache writes separately; the record's
 * input_tokens is all input the model consumed, with cache reads also shown on their own.
 */
export const normaliseUsage = (usage: ClaudeUsage | null | undefined): Usage => {
  if (!usage) return EMPTY_USAGE;
  const uncached = usage.input_tokens ?? 0;
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const input = uncached + cacheRead + cacheWrite;
  const output = usage.output_tokens ?? null;
  return {
    input_tokens: input,
    output_tokens: output,
    cached_input_tokens: cacheRead,
    total_tokens: input + (output ?? 0),
  };
};

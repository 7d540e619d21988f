import type { Usage } from "@agent-companion/core";
import { EMPTY_USAGE } from "@agent-companion/core/target-output";
import type { ModelTokens, StreamStats } from "./events.js";

/**
 * Gemini's input_tokens (the prompt count) already include cached tokens, which it also
 * reports on their own as `cached`: the record's shape without arithmetic.
 */
export const usageFromStreamStats = (stats: StreamStats | null | undefined): Usage =>
  stats
    ? {
        input_tokens: stats.input_tokens ?? null,
        output_tokens: stats.output_tokens ?? null,
        cached_input_tokens: stats.cached ?? null,
        total_tokens: stats.total_tokens ?? null,
      }
    : EMPTY_USAGE;

const sum = (tokens: readonly ModelTokens[], key: keyof ModelTokens): number =>
  tokens.reduce((total, entry) => total + (entry[key] ?? 0), 0);

/** The json format reports per model; aggregated the way the CLI builds stream stats. */
export const usageFromModelTokens = (tokens: readonly ModelTokens[]): Usage =>
  tokens.length === 0
    ? EMPTY_USAGE
    : usageFromStreamStats({
        input_tokens: sum(tokens, "prompt"),
        output_tokens: sum(tokens, "candidates"),
        cached: sum(tokens, "cached"),
        total_tokens: sum(tokens, "total"),
      });

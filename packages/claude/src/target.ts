import type { TargetFacts } from "@agent-companion/core";
import { claudeAuth } from "./auth.js";
import { claudeContract } from "./contract.js";

/** Plain facts about the Claude CLI; cheap to load (no output parsers). */
export const claudeTarget: TargetFacts = {
  name: "claude",
  displayName: "Claude Code",
  defaultBinary: "claude",
  binaryEnvVar: "CLAUDE_BINARY",
  // Never bill an API key by surprise: the subscription login is the default (SPEC §8).
  defaultAuthMode: "subscription",
  auth: claudeAuth,
  defaultModel: () => null,
  // `claude -p` refuses piped stdin longer than 10 MiB, counted in JS string length.
  promptLimit: { max: 10 * 1024 * 1024, unit: "utf16_units" },
  supportsJsonSchema: true,
  // Verified with 2.1.330 on --resume: total_cost_usd (and modelUsage) add up the whole
  // session, while usage counts this run only.
  reportsSessionCost: true,
  contract: claudeContract,
};

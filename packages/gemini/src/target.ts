import type { TargetFacts } from "@agent-companion/core";
import { geminiAuth } from "./auth.js";
import { geminiContract } from "./contract.js";

/** Plain facts about the Gemini CLI; cheap to load (no output parsers). */
export const geminiTarget: TargetFacts = {
  name: "gemini",
  displayName: "Gemini CLI",
  defaultBinary: "gemini",
  binaryEnvVar: "GEMINI_BINARY",
  // Consumer OAuth for Gemini CLI is being retired; API keys keep working (SPEC §8).
  defaultAuthMode: "auto",
  auth: geminiAuth,
  defaultModel: () => null,
  // `gemini -p` silently truncates stdin at 8 MiB (only its stderr says so).
  promptLimit: { max: 8 * 1024 * 1024, unit: "bytes" },
  supportsJsonSchema: false,
  // Gemini CLI reports no cost at all.
  reportsSessionCost: false,
  contract: geminiContract,
};

import type { AuthFacts } from "@agent-companion/core";

export const claudeAuth: AuthFacts = {
  keyVars: ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"],
  endpointVars: [
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_BEDROCK_BASE_URL",
    "ANTHROPIC_VERTEX_BASE_URL",
    "ANTHROPIC_VERTEX_PROJECT_ID",
    "CLAUDE_CODE_USE_BEDROCK",
    "CLAUDE_CODE_USE_VERTEX",
  ],
  // CLAUDE_CODE_ as a whole is not scrubbed: CLAUDE_CODE_OAUTH_TOKEN is the subscription
  // login itself, and the rest are behaviour switches.
  scrubPrefixes: ["ANTHROPIC_", "CLAUDE_CODE_USE_"],
  scrubNames: ["OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "AWS_BEARER_TOKEN_BEDROCK"],
};

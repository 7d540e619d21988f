import type { AuthFacts } from "@agent-companion/core";

const keyVars = ["GEMINI_API_KEY", "GOOGLE_API_KEY"];
const endpointVars = [
  "GOOGLE_GEMINI_BASE_URL",
  "GOOGLE_CLOUD_PROJECT",
  "GOOGLE_CLOUD_LOCATION",
  "GOOGLE_GENAI_USE_VERTEXAI",
  "GOOGLE_APPLICATION_CREDENTIALS",
];

export const geminiAuth: AuthFacts = {
  keyVars,
  endpointVars,
  // No prefix: GEMINI_CLI_* variables are behaviour switches, not credentials.
  scrubPrefixes: [],
  scrubNames: [...keyVars, ...endpointVars, "ANTHROPIC_API_KEY", "OPENAI_API_KEY"],
};

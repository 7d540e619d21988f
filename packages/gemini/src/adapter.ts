import type { Invocation, InvocationRequest, TargetAdapter } from "@agent-companion/core";
import { buildArgs } from "./argv.js";
import { geminiAuth } from "./auth.js";
import { geminiContract } from "./contract.js";
import { readOnlyPolicy } from "./policy.js";
import { createGeminiParser } from "./stream-parser.js";

// Without NO_RELAUNCH the CLI re-executes itself and SIGTERM reaches neither process;
// TRUST_WORKSPACE backs up --skip-trust (an untrusted workspace exits 55).
const ENV = { GEMINI_CLI_NO_RELAUNCH: "true", GEMINI_CLI_TRUST_WORKSPACE: "true" };

const buildInvocation = (request: InvocationRequest): Invocation => {
  const policy = request.profile.access === "read-only" ? readOnlyPolicy(request.privateDir) : null;
  return {
    args: buildArgs(request, policy?.path ?? null),
    // On stdin, not argv: argv is visible in `ps`.
    stdin: request.prompt,
    env: ENV,
    files: policy ? [policy] : [],
  };
};

export const geminiAdapter: TargetAdapter = {
  name: "gemini",
  displayName: "Gemini CLI",
  defaultBinary: "gemini",
  binaryEnvVar: "GEMINI_BINARY",
  // Consumer OAuth for Gemini CLI is being retired; API keys keep working (SPEC §8).
  defaultAuthMode: "auto",
  auth: geminiAuth,
  defaultModel: () => null,
  supportsJsonSchema: false,
  buildInvocation,
  createParser: createGeminiParser,
  contract: geminiContract,
};

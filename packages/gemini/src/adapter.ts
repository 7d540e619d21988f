import type { Invocation, InvocationRequest, TargetAdapter } from "@agent-companion/core";
import { buildArgs } from "./argv.js";
import { readOnlyPolicy } from "./policy.js";
import { createGeminiParser } from "./stream-parser.js";
import { geminiTarget } from "./target.js";

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
  ...geminiTarget,
  buildInvocation,
  createParser: createGeminiParser,
};

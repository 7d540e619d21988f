import type { Invocation, InvocationRequest, TargetAdapter } from "@agent-companion/core";
import { buildArgs } from "./argv.js";
import { claudeAuth } from "./auth.js";
import { claudeContract } from "./contract.js";
import { createClaudeParser } from "./stream-parser.js";

const buildInvocation = (request: InvocationRequest): Invocation => ({
  args: buildArgs(request),
  // On stdin, not argv: argv is visible in `ps`, and stdin then closes so the CLI never
  // waits for more input.
  stdin: request.prompt,
  env: {},
  files: [],
});

export const claudeAdapter: TargetAdapter = {
  name: "claude",
  displayName: "Claude Code",
  defaultBinary: "claude",
  binaryEnvVar: "CLAUDE_BINARY",
  // Never bill an API key by surprise: the subscription login is the default (SPEC §8).
  defaultAuthMode: "subscription",
  auth: claudeAuth,
  defaultModel: () => null,
  supportsJsonSchema: true,
  buildInvocation,
  createParser: createClaudeParser,
  contract: claudeContract,
};

import type { Invocation, InvocationRequest, TargetAdapter } from "@agent-companion/core";
import { buildArgs } from "./argv.js";
import { createClaudeParser } from "./stream-parser.js";
import { claudeTarget } from "./target.js";

const buildInvocation = (request: InvocationRequest): Invocation => ({
  args: buildArgs(request),
  // On stdin, not argv: argv is visible in `ps`, and stdin then closes so the CLI never
  // waits for more input.
  stdin: request.prompt,
  env: {},
  files: [],
});

export const claudeAdapter: TargetAdapter = {
  ...claudeTarget,
  buildInvocation,
  createParser: createClaudeParser,
};

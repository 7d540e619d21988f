import type { InvocationRequest } from "@agent-companion/core";

const optional = (flag: string, value: string | null): string[] =>
  value === null ? [] : [flag, value];

// Plan mode alone is not a boundary (it may switch to executing); the deny policy is what
// removes the write tools. Both are rebuilt for every call, resume included.
const accessArgs = (request: InvocationRequest, policyPath: string | null): string[] =>
  policyPath === null
    ? ["--approval-mode", "auto_edit"]
    : ["--approval-mode", "plan", "--policy", policyPath];

/**
 * Arguments for `gemini`. `-p ""` selects headless mode while the prompt itself goes on
 * stdin (the CLI appends -p text to stdin). Never `-s`: it needs a container runtime.
 * --skip-trust: an untrusted workspace otherwise exits 55.
 */
export const buildArgs = (request: InvocationRequest, policyPath: string | null): string[] => [
  "-p",
  "",
  "--output-format",
  "stream-json",
  "--skip-trust",
  ...accessArgs(request, policyPath),
  ...optional("--include-directories", request.readableDir),
  ...optional("--model", request.model),
  ...optional("--resume", request.resumeSessionId),
];

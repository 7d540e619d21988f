import type { InvocationRequest } from "@agent-companion/core";

// Read-only is an allowlist (--tools) plus a deny list plus a non-writing permission mode:
// any one alone has been a gap in some release. Resumed sessions do not inherit tool
// restrictions (FACTS), so these are rebuilt for every call, resume included.
const READ_TOOLS = ["Read", "Grep", "Glob"];
const DENIED_TOOLS = ["Write", "Edit", "MultiEdit", "NotebookEdit", "Bash", "WebFetch", "WebSearch"];

const readOnlyArgs = (request: InvocationRequest): string[] => [
  `--tools=${READ_TOOLS.join(",")}`,
  `--disallowedTools=${DENIED_TOOLS.join(",")}`,
  "--permission-mode=default",
  ...(request.profile.stripProjectContext ? ["--setting-sources=", "--strict-mcp-config"] : []),
];

const optional = (flag: string, value: string | null): string[] =>
  value === null ? [] : [`${flag}=${value}`];

/**
 * Arguments for `claude`. Every valued option uses the `--opt=value` form because the
 * variadic ones (--tools, --add-dir, …) would otherwise swallow the following words.
 * The prompt is never here: it goes on stdin.
 */
export const buildArgs = (request: InvocationRequest): string[] => [
  "-p",
  "--output-format=stream-json",
  "--verbose",
  // Text deltas as they arrive, so progress moves during a long answer, not once per message.
  "--include-partial-messages",
  ...(request.profile.access === "read-only"
    ? readOnlyArgs(request)
    : ["--permission-mode=acceptEdits"]),
  ...optional("--add-dir", request.readableDir),
  ...optional("--model", request.model),
  ...optional("--resume", request.resumeSessionId),
  ...optional("--json-schema", request.jsonSchema),
];

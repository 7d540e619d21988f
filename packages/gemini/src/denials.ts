import type { PermissionDenial } from "@agent-companion/core";
import { denialDetail } from "@agent-companion/core/target-output";

// How a refused call comes back: a policy `deny` removes the tool, so the model's call to
// it fails as not registered (verified); the others are the CLI's explicit refusals.
const DENIAL_ERROR_TYPES: ReadonlySet<string> = new Set([
  "tool_not_registered",
  "policy_violation",
  "path_not_in_workspace",
]);

export interface ToolCall {
  readonly name: string;
  readonly parameters: unknown;
}

export const isDenial = (errorType: string | null | undefined): boolean =>
  errorType != null && DENIAL_ERROR_TYPES.has(errorType);

/** The record keeps what was attempted (tool, path), never the parameters themselves. */
export const denialFor = (id: string, call: ToolCall | undefined): PermissionDenial => ({
  tool_name: call?.name ?? "unknown",
  tool_use_id: id,
  detail: denialDetail(call?.parameters),
});

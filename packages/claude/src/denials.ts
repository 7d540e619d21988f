import type { PermissionDenial } from "@agent-companion/core";
import { denialDetail } from "@agent-companion/core/target-output";
import type { ClaudeDenial } from "./events.js";

/** The record keeps what was attempted (tool, path), never the tool input itself. */
export const normaliseDenial = (denial: ClaudeDenial): PermissionDenial => ({
  tool_name: denial.tool_name,
  tool_use_id: denial.tool_use_id ?? null,
  detail: denialDetail(denial.tool_input),
});

import type { BinWiring } from "@agent-companion/core";
import { claudeTarget } from "@agent-companion/claude/target";

/** companion-claude: core's CLI driving the claude target. */
export const wiring: BinWiring = {
  target: claudeTarget,
  // The output parsers are only needed by commands that start the target.
  loadAdapter: async () => (await import("@agent-companion/claude")).claudeAdapter,
  bundleFile: import.meta.filename,
};

import type { BinWiring } from "@agent-companion/core";
import { geminiTarget } from "@agent-companion/gemini/target";

/** companion-gemini: core's CLI driving the gemini target. */
export const wiring: BinWiring = {
  target: geminiTarget,
  // The output parsers are only needed by commands that start the target.
  loadAdapter: async () => (await import("@agent-companion/gemini")).geminiAdapter,
  bundleFile: import.meta.filename,
};

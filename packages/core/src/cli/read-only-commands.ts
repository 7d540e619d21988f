import type { CommandTable } from "./command-table.js";

/**
 * The commands host agents poll: they get their own small bundle (the bins route them there)
 * so they start close to bare `node` (SPEC §10). A separate module, so that bundle never
 * references the other commands.
 */
export const READ_ONLY_COMMANDS: CommandTable = {
  status: async () => (await import("../commands/status.js")).statusCommand,
  result: async () => (await import("../commands/result.js")).resultCommand,
};
